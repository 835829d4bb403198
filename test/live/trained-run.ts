import { createHash } from "node:crypto";
import { copyFile, mkdir, readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { createLogFile } from "@/lib/db/create-log-file";
import { createRun } from "@/lib/db/create-run";
import { resolveDataDir, resolveStoredPath } from "@/lib/db/database-location";
import { insertWindows } from "@/lib/db/insert-windows";
import { WindowLineRanges } from "@/lib/logs/window-line-ranges";
import { updateRun } from "@/lib/db/update-run";
import { checkDetectParams } from "@/lib/pipeline/params";
import { runDetection } from "@/lib/pipeline/run-detection";

/**
 * A succeeded run with a saved model, stored as the worker stores one (the pipeline in this process,
 * lib/db for the rows): what a stream needs to be created. Uses DATA_DIR/models.
 */
export async function storeTrainedRun(logPath: string, input: Record<string, unknown>): Promise<{ runId: number; modelDir: string }> {
  const bytes = await readFile(logPath);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const lines = bytes.toString("utf8").split("\n").length - 1;
  const { logFile, created } = await createLogFile({ originalName: basename(logPath), sha256, size: bytes.length, lines, unparsedLines: 0 });
  if (created) {
    const target = resolveStoredPath(logFile.storedPath);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(logPath, target);
  }
  return trainStoredLog(logFile, input);
}

/**
 * Trains a run of a stored log (checkDetectParams(input)) in this process and stores it succeeded.
 * The contract's profile unless `input` names one: a live stream needs a model it can score as
 * windows close (lib/pipeline/watch-windows.ts, checkStreamableModel).
 */
export async function trainStoredLog(logFile: { id: number; storedPath: string }, input: Record<string, unknown>): Promise<{ runId: number; modelDir: string; windows: number; ensemble: number }> {
  const check = checkDetectParams({ profile: "seed", ...input });
  if (!check.params) throw new Error(JSON.stringify(check.errors));
  const run = await createRun({ logFileId: logFile.id, params: check.params, status: "running" });
  const ranges = new WindowLineRanges();
  const detection = await runDetection({
    logPath: resolveStoredPath(logFile.storedPath),
    params: check.params,
    modelsDir: join(resolveDataDir(), "models"),
    runId: `run-${run.id}`,
    lineRanges: ranges,
  });
  const { results, summary } = detection;
  await insertWindows({ runId: run.id, ...results, dbscanClusters: results.scores.dbscanCluster, lineRanges: ranges.rangesForWindows(results.windows) });
  await updateRun(run.id, {
    status: "succeeded",
    eps: results.thresholds.eps,
    windowCount: summary.windows,
    counts: summary.anomalies,
    ifThreshold: results.thresholds.isolationForest,
    aeThreshold: results.thresholds.autoencoder,
    stageSeconds: summary.seconds,
    modelDir: detection.modelDir,
  });
  detection.models.autoencoder.dispose();
  return { runId: run.id, modelDir: detection.modelDir, windows: summary.windows, ensemble: summary.anomalies.ensemble };
}
