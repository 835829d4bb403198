import { createReadStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { isActive } from "@/lib/domain/types";
import { stopJobRunner } from "@/lib/jobs/runner/job-runner";
import { storeUpload } from "@/lib/server/uploads/store-upload";
import { getRunView, type RunView } from "@/lib/server/runs/run-view";
import { useTempDatabase } from "../db/temp-database";

export const LINUX_2K = "logs/Linux_2k.log";

/**
 * A temporary DATA_DIR (database, uploads) and MODELS_DIR for this test file, and a quick job
 * poll. Call at the top of a test file; `cleanup` stops the runner and removes everything.
 */
export function useJobsEnvironment(prefix = "logscope-jobs-") {
  const tmp = useTempDatabase(prefix);
  const modelsDir = join(tmp.dir, "models");
  mkdirSync(modelsDir, { recursive: true });
  process.env.MODELS_DIR = modelsDir;
  process.env.LOGSCOPE_JOB_POLL_MS = "100";
  delete process.env.LOGSCOPE_MAX_UPLOAD_BYTES;
  delete process.env.LOGSCOPE_STORAGE_QUOTA_BYTES;
  delete process.env.LOGSCOPE_JOB_CONCURRENCY;
  return {
    ...tmp,
    modelsDir,
    uploadsDir: join(tmp.dir, "uploads"),
    cleanup: async () => {
      await stopJobRunner();
      await tmp.cleanup();
    },
  };
}

/** Stores logs/Linux_2k.log as an upload; returns its LogFile id. */
export async function storeLinuxLog(): Promise<number> {
  const { logFile } = await storeUpload(Readable.from(createReadStream(LINUX_2K)), { originalName: "Linux_2k.log" });
  return logFile.id;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs` naming
 * `state()`, what was seen last.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
  state: () => Promise<unknown> = async () => "",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} ${JSON.stringify(await state())}`);
    await sleep(50);
  }
}

/** Waits until the run has left queued/running. */
export function waitForRunToFinish(runId: number, timeoutMs = 60_000): Promise<RunView> {
  const check = async () => {
    const view = await getRunView(runId);
    return isActive(view.status) ? undefined : view;
  };
  return waitFor(`run ${runId} to finish`, check, timeoutMs, () => getRunView(runId));
}

/** FormData for the startRun action. */
export function runForm(fields: Record<string, string | number>): FormData {
  const form = new FormData();
  // The job machinery is tested on the pipeline contract's profile unless a test names another:
  // its counts and epochs are the contract's, and it trains in a fraction of the default's time.
  for (const [name, value] of Object.entries({ profile: "seed", ...fields })) form.set(name, String(value));
  return form;
}
