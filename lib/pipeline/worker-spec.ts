// Where a worker thread's module is, how it starts, how many threads there are, and how its
// promise rejects on an abort: one rule for the pipeline's threads (parallel parse, template
// mining, DBSCAN beside the autoencoder).
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
import { config } from "@/lib/config/env";

export interface WorkerSpec {
  /** The thread's module. */
  path: string;
  /** When set, the thread runs this code instead (eval), which loads `path` (from source under tsx). */
  code?: string;
}

/**
 * The module `name` beside `self` (the calling file, or the bundle it was inlined into:
 * dist/<name>.cjs, scripts/build-node.ts), null when it is missing (then the work stays on one
 * thread). From source under tsx the thread loads tsx's require hook first (on Node 20 tsx hooks
 * the main thread only, see hash-file.ts); the hook is named in the thread's code, not resolved
 * here, so that Next's server bundle, which reaches these files through lib/live, does not pull tsx
 * and esbuild in (lib/server/runs/compute-thread.ts tells that story).
 */
export function workerSpecFor(name: string, self: string): WorkerSpec | null {
  if (!self.endsWith(".ts")) {
    const path = join(dirname(self), `${name}.cjs`);
    return existsSync(path) ? { path } : null;
  }
  const path = join(dirname(self), `${name}.ts`);
  const hook = `require.resolve("tsx/cjs", { paths: [${JSON.stringify(dirname(self))}] })`;
  return { path, code: `require(${hook});\nrequire(${JSON.stringify(path)});\n` };
}

/** An abort signal's reason as an Error, for a thread's promise to reject with (an abort may carry anything). */
export const abortReason = (signal: AbortSignal): Error => (signal.reason instanceof Error ? signal.reason : new Error("aborted"));

/** Starts the thread `spec` names with `workerData` (from source, through the eval'd loader). */
export function startWorker(spec: WorkerSpec, workerData: unknown): Worker {
  return spec.code === undefined ? new Worker(spec.path, { workerData }) : new Worker(spec.code, { eval: true, execArgv: [], workerData });
}

/** Threads the pipeline may use: as asked, else LOGSCOPE_PARSE_THREADS, else the machine's cores. */
export function pipelineThreads(requested?: number): number {
  return requested ?? config().parseThreads ?? availableParallelism();
}
