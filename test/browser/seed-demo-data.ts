/**
 * Fills a DATA_DIR with runs for screenshots and manual checks of the dashboard, without the job
 * runner: the pipeline runs in this process and lib/db stores its results, as the worker would.
 *
 *   DATA_DIR=/tmp/logscope-demo npx tsx test/browser/seed-demo-data.ts [log ...]
 *
 * SEED_FRESH=1 empties DATA_DIR first; SEED_YEAR (2005) and SEED_WINDOW (60 s) set the parameters;
 * SEED_SINGLE=1 stores one run per log (a large log for the 50k-window timeline, for instance).
 *
 * Each log gets two succeeded runs (different thresholds, for /compare); the first log also gets a
 * failed run and a running one (with a job that reports an epoch) so the Runs page shows every state.
 */
import { createHash } from "node:crypto";
import { copyFile, mkdir, readFile, rm } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";
import { createJob } from "@/lib/db/create-job";
import { createLogFile } from "@/lib/db/create-log-file";
import { createRun } from "@/lib/db/create-run";
import { resolveDataDir, resolveStoredPath } from "@/lib/db/database-location";
import { closeDb } from "@/lib/db/client";
import { updateJob } from "@/lib/db/update-job";
import { updateRun } from "@/lib/db/update-run";
import { checkDetectParams } from "@/lib/pipeline/params";
import { trainStoredLog } from "../live/trained-run";

const DEFAULT_LOGS = [resolve("logs/Linux_2k.log")];

async function storeLog(path: string) {
  const bytes = await readFile(path);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const text = bytes.toString("utf8");
  const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
  const { logFile, created } = await createLogFile({ originalName: basename(path), sha256, size: bytes.length, lines, unparsedLines: 0 });
  if (created) {
    const target = resolveStoredPath(logFile.storedPath);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(path, target);
  }
  return logFile;
}

async function seedRun(logFileId: number, storedPath: string, input: Record<string, unknown>, year: number) {
  const { runId, windows, ensemble } = await trainStoredLog({ id: logFileId, storedPath }, { year, ...input });
  console.log(`run ${runId}: ${windows} windows, ensemble ${ensemble}`);
  return runId;
}

async function main() {
  const logs = process.argv.slice(2).map((p) => resolve(p));
  const dataDir = resolveDataDir();
  if (process.env.SEED_FRESH === "1") await rm(dataDir, { recursive: true, force: true });
  for (const [n, path] of (logs.length > 0 ? logs : DEFAULT_LOGS).entries()) {
    const year = Number(process.env.SEED_YEAR ?? 2005);
    const window = Number(process.env.SEED_WINDOW ?? 60);
    const logFile = await storeLog(path);
    await seedRun(logFile.id, logFile.storedPath, { window }, year);
    if (process.env.SEED_SINGLE === "1") continue;
    await seedRun(logFile.id, logFile.storedPath, { window, contamination: 0.1, aePercentile: 90, eps: "auto", votes: 2 }, year);
    if (n > 0) continue;
    const failed = await createRun({ logFileId: logFile.id, params: { ...(checkDetectParams({ year }).params!), window: 604800 } });
    await updateRun(failed.id, {
      status: "failed",
      error: `${logFile.originalName} holds only 1 window of 604800 s: the detectors need at least 2; use a longer log or a smaller window.`,
    });
    const running = await createRun({ logFileId: logFile.id, params: { ...(checkDetectParams({ year, epochs: 40 }).params!) }, status: "running" });
    const job = await createJob({ kind: "detect", runId: running.id });
    await updateJob(job.id, { status: "running", progress: 0.62, message: "Training the autoencoder: Epoch 12/40, loss 0.4213" });
  }
  await closeDb();
  console.log(`seeded ${dataDir}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
