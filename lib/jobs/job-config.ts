import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { config, loadConfig, type Config, type Env } from "@/lib/config/env";
import { isPostgresUrl } from "@/lib/config/env";
import { withPipelineMemory } from "@/lib/config/pipeline-memory";
import { databaseFilePath, resolveDatabaseUrl, resolveDataDir, resolveUploadsDir } from "@/lib/db/database-location";

/**
 * Where background jobs keep their files and how many run at once, from the validated
 * configuration (lib/config/env.ts; tests point the folders at temporary ones per file). Pass
 * `env` to read another environment instead of this process's.
 */

const settings = (env?: Env): Config => (env ? loadConfig(env) : config());

/** The only job kind so far: train the detectors on a run's log. */
export const DETECT_JOB = "detect";

/** Uploads larger than this are refused (LOGSCOPE_MAX_UPLOAD_BYTES, default 2 GiB). */
export function maxUploadBytes(env?: Env): number {
  return settings(env).maxUploadBytes;
}

/** Stored uploads may not grow past this (LOGSCOPE_STORAGE_QUOTA_BYTES, default 20 GiB). */
export function storageQuotaBytes(env?: Env): number {
  return settings(env).storageQuotaBytes;
}

/** Jobs run at once by this server (LOGSCOPE_JOB_CONCURRENCY, default 1, at most 16). */
export function jobConcurrency(env?: Env): number {
  return settings(env).jobConcurrency;
}

/** How often the job runner checks the queue and cancellations (LOGSCOPE_JOB_POLL_MS, default 1000). */
export function jobPollMs(env?: Env): number {
  return settings(env).jobPollMs;
}

/** Absolute parent of the runs' model directories (MODELS_DIR, default models/ like the CLI). */
export function resolveModelsDir(env?: Env): string {
  return settings(env).modelsDir;
}

/**
 * A job's model directory name. Fixed per job rather than random so that the runner can remove
 * what a killed worker left (the directory or saveModels' `.name.*.partial` staging sibling).
 */
export function modelDirName(runId: number, jobId: number): string {
  return `run-${runId}-job-${jobId}`;
}

/** Unfinished uploads live beside the finished ones, so the final rename stays on one disk. */
export function uploadTempDir(env?: Env): string {
  return join(resolveUploadsDir(env), ".incoming");
}

/** Labels files given with runs: `labels/run-<id>/<name>`, and `labels/.incoming/` while checked. */
export function labelsDir(env?: Env): string {
  return join(resolveDataDir(env), "labels");
}

const WORKER = join("lib", "jobs", "worker", "worker-main.ts");

/**
 * The folder holding lib/jobs/worker/worker-main.ts: LOGSCOPE_ROOT, else the working directory or one of
 * its parents (`next start` runs from the project root; compiled server code has no useful
 * __dirname).
 */
export function findProjectRoot(env?: Env): string {
  const explicit = settings(env).root;
  if (explicit) return explicit;
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    if (existsSync(join(dir, WORKER))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}


/** A SQLite file URL made absolute; a PostgreSQL URL (the same server from any folder) and `:memory:` as they are. */
function absoluteDatabaseUrl(url: string): string {
  if (isPostgresUrl(url)) return url;
  const file = databaseFilePath(url);
  return file === ":memory:" ? url : `file:${file}`;
}

/**
 * The environment of a worker process: the parent's, with every location made absolute so the
 * child finds the same database and folders whatever its working directory, and the pipeline's
 * memory settings unless the parent has its own (lib/config/pipeline-memory.ts).
 */
export function workerEnv(env?: Env): NodeJS.ProcessEnv {
  return withPipelineMemory({
    ...process.env,
    ...(env ?? {}),
    DATA_DIR: resolveDataDir(env),
    DATABASE_URL: absoluteDatabaseUrl(resolveDatabaseUrl(env)),
    MODELS_DIR: resolveModelsDir(env),
  });
}
