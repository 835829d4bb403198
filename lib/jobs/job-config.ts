import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { databaseFilePath, resolveDatabaseUrl, resolveDataDir, resolveUploadsDir } from "@/lib/db/database-location";

/**
 * Where background jobs keep their files and how many run at once, read from the environment each
 * time (tests point them at temporary folders per file).
 */

type Env = Record<string, string | undefined>;

/** The only job kind so far: train the detectors on a run's log. */
export const DETECT_JOB = "detect";

/** Uploads larger than this are refused (LOGSCOPE_MAX_UPLOAD_BYTES, default 2 GB). */
export function maxUploadBytes(env: Env = process.env): number {
  const value = Number(env.LOGSCOPE_MAX_UPLOAD_BYTES);
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : 2 * 1024 ** 3;
}

/** Jobs run at once by this server (LOGSCOPE_JOB_CONCURRENCY, default 1). */
export function jobConcurrency(env: Env = process.env): number {
  const value = Number(env.LOGSCOPE_JOB_CONCURRENCY);
  return Number.isInteger(value) && value >= 1 ? Math.min(value, 16) : 1;
}

/** Absolute parent of the runs' model directories (MODELS_DIR, default models/ like the CLI). */
export function resolveModelsDir(env: Env = process.env): string {
  const dir = env.MODELS_DIR?.trim();
  return resolve(dir ? dir : "models");
}

/**
 * A job's model directory name. Fixed per job rather than random so that the runner can remove
 * what a killed worker left (the directory or saveModels' `.name.*.partial` staging sibling).
 */
export function modelDirName(runId: number, jobId: number): string {
  return `run-${runId}-job-${jobId}`;
}

/** Unfinished uploads live beside the finished ones, so the final rename stays on one disk. */
export function uploadTempDir(env: Env = process.env): string {
  return join(resolveUploadsDir(env), ".incoming");
}

/** Labels files given with runs: `labels/run-<id>/<name>`, and `labels/.incoming/` while checked. */
export function labelsDir(env: Env = process.env): string {
  return join(resolveDataDir(env), "labels");
}

const WORKER = join("lib", "jobs", "worker", "worker-main.ts");

/**
 * The folder holding lib/jobs/worker/worker-main.ts: LOGSCOPE_ROOT, else the working directory or one of
 * its parents (`next start` runs from the project root; compiled server code has no useful
 * __dirname).
 */
export function findProjectRoot(env: Env = process.env): string {
  const explicit = env.LOGSCOPE_ROOT?.trim();
  if (explicit) return resolve(explicit);
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    if (existsSync(join(dir, WORKER))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

export const WORKER_SCRIPT = WORKER;

/**
 * The environment of a worker process: the parent's, with every location made absolute so the
 * child finds the same database and folders whatever its working directory.
 */
export function workerEnv(env: Env = process.env): NodeJS.ProcessEnv {
  const url = resolveDatabaseUrl(env);
  const file = databaseFilePath(url);
  return {
    ...process.env,
    ...env,
    DATA_DIR: resolveDataDir(env),
    DATABASE_URL: file === ":memory:" ? url : `file:${file}`,
    MODELS_DIR: resolveModelsDir(env),
  };
}
