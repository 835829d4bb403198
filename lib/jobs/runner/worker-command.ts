import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * Which command starts a job's worker process. Workers run the bundle that `npm run build` (its
 * build:node step, scripts/build-node.ts) writes, never TypeScript through a loader: a missing
 * bundle fails the job with WORKER_NOT_BUILT instead of quietly starting something slower.
 */

/** The worker bundle, relative to the project root (job-config.ts findProjectRoot). */
export const WORKER_BUNDLE = join("dist", "worker-main.cjs");

/** A job's error when the bundle is missing; the analyst reads it on the run page. */
export const WORKER_NOT_BUILT = `The job worker (${WORKER_BUNDLE}) has not been built: run "npm run build" first, then start the run again.`;

export type WorkerCommand = { command: string; args: string[] } | { missing: string };

/** `node <root>/dist/worker-main.cjs <jobId>`, or the absolute path of the missing bundle. */
export function workerCommand(jobId: number, root: string): WorkerCommand {
  const bundle = resolve(root, WORKER_BUNDLE);
  if (!existsSync(bundle)) return { missing: bundle };
  return { command: process.execPath, args: [bundle, String(jobId)] };
}
