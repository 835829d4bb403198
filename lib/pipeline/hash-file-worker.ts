// The body of hashFile's worker thread (hash-file.ts): streams the file named by workerData through
// SHA-256 and posts the hex digest. Bundled on its own as dist/hash-file-worker.cjs.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";

const path: unknown = workerData;
const port = parentPort;
if (!port || typeof path !== "string") throw new Error("hash-file-worker runs only as hashFile's worker thread");

const hash = createHash("sha256");
createReadStream(path, { highWaterMark: 1 << 20 })
  .on("data", (chunk) => hash.update(chunk))
  .on("end", () => port.postMessage(hash.digest("hex")))
  // Thrown here, it reaches hashFile as the worker's "error" event.
  .on("error", (error) => {
    throw error;
  });
