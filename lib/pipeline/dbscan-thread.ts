// DBSCAN on a second thread while the autoencoder trains on this one (issue #12's cost bound).
// Neither needs the other, and each is single-threaded: on the 1M-line bench log with the default
// profile, DBSCAN with eps auto takes about 0.9 s and the autoencoder about 1.5 s, one after the
// other on a 2-core machine. The thread runs the same code on the same numbers, and its model
// comes back through toState / fromState, the arrays a saved model is written from and read into,
// so the results are the same (test/pipeline/dbscan-thread.test.ts).
import { Dbscan, type DbscanResult, type DbscanState } from "@/lib/detectors/dbscan";
import type { Matrix } from "@/lib/detectors/types";
import type { EpsSetting } from "./choose-thresholds";
import type { DbscanFit, DbscanTask } from "./train-phases";
import { abortReason, pipelineThreads, startWorker, workerSpecFor } from "./worker-spec";

/**
 * Fewer windows than this are clustered on the calling thread: a thread starts in about 50 ms
 * (bundled), more than DBSCAN takes on a few thousand windows.
 */
export const DBSCAN_THREAD_MIN_ROWS = 4000;

export interface DbscanThreadReply {
  setting: EpsSetting;
  /** Typed arrays, cloned as two buffers (a JSON array of its numbers was tens of MiB at 10M lines). */
  model: DbscanState;
  /** The fit's labels of the scaled windows (DbscanFit.result), moved as four buffers. */
  result: DbscanResult;
}

/**
 * A matrix of zeros in a SharedArrayBuffer, which a worker's data shares instead of copying: the
 * scaled windows are written into one, and DBSCAN's thread reads the main thread's rows while the
 * autoencoder trains on them (a copy was 10.1 MiB more at 10M lines, while both ran). Nothing
 * writes to scaled windows once made.
 */
export function sharedMatrix(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(new SharedArrayBuffer(rows * cols * Float64Array.BYTES_PER_ELEMENT)) };
}

/**
 * DBSCAN's setting and model worked out on another thread, or null where it should run here (few
 * windows, one core, no worker module). Rejects if the thread fails; an abort stops it.
 */
export function clusterOnThread(task: DbscanTask, signal?: AbortSignal): Promise<DbscanFit> | null {
  const threads = pipelineThreads();
  const spec = workerSpecFor("dbscan-thread-worker", __filename);
  if (threads < 2 || task.scaled.rows < DBSCAN_THREAD_MIN_ROWS || spec === null) return null;
  return new Promise((resolve, reject) => {
    const worker = startWorker(spec, task);
    const abort = () => void worker.terminate();
    signal?.addEventListener("abort", abort, { once: true });
    let done = false;
    worker.once("message", (reply: DbscanThreadReply) => {
      done = true;
      signal?.removeEventListener("abort", abort);
      resolve({ setting: reply.setting, model: Dbscan.fromState(reply.model), result: reply.result });
    });
    worker.once("error", (error) => {
      signal?.removeEventListener("abort", abort);
      reject(error);
    });
    worker.once("exit", (exitCode) => {
      signal?.removeEventListener("abort", abort);
      if (!done) reject(signal?.aborted ? abortReason(signal) : new Error(`the DBSCAN thread exited with code ${exitCode}`));
    });
  });
}
