// The body of the DBSCAN thread (dbscan-thread.ts): chooses eps and fits DBSCAN on the scaled
// windows exactly as clusterWithDbscan does on the main thread, and posts the setting and the
// model. Bundled on its own as dist/dbscan-thread-worker.cjs (scripts/build-node.ts).
import { parentPort, workerData } from "node:worker_threads";
import type { DbscanThreadReply } from "./dbscan-thread";
import { settleAndFitDbscan, type DbscanTask } from "./train-phases";

const port = parentPort;
const task = workerData as DbscanTask | undefined;
if (!port || task === undefined) throw new Error("dbscan-thread-worker runs only as the DBSCAN thread");

const { setting, model, result } = settleAndFitDbscan(task);
const state = model.toState();
// Moved, not copied: the thread ends here, and a copy of the core points (about 10 MiB at 10M lines)
// would be alive on both sides at once.
const arrays = [state.corePoints, state.coreClusters, result.clusters, result.labels, result.core, result.coreDistances];
const moved = new Set(arrays.map((array) => array.buffer).filter((b): b is ArrayBuffer => b instanceof ArrayBuffer));
port.postMessage({ setting, model: state, result } satisfies DbscanThreadReply, [...moved]);
