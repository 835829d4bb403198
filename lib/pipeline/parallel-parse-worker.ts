// The body of a parallel parse's worker thread (parallel-parse.ts): parses one byte range of a log
// (parallel-range.ts) and posts its progress, its records' locations (packed) and its RangeParts.
// Bundled on its own as dist/parallel-parse-worker.cjs (scripts/build-node.ts).
import { parentPort, workerData } from "node:worker_threads";
import { parseRange, type RangeTask } from "./parallel-range";

const port = parentPort;
const task = workerData as RangeTask | undefined;
if (!port || task === undefined) throw new Error("parallel-parse-worker runs only as a parallel parse's worker thread");

// Thrown here, an error reaches the main thread as the worker's "error" event.
parseRange(task, (message, transfer) => port.postMessage(message, transfer ?? [])).catch((error: unknown) => {
  throw error;
});
