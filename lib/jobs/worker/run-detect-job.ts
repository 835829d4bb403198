import type { RunTruth } from "@/lib/domain/types";
import { formatCount } from "@/lib/domain/format-quantities";
import { basename } from "node:path";
import { getJob } from "@/lib/db/get-job";
import { getRun } from "@/lib/db/get-run";
import { insertWindows } from "@/lib/db/insert-windows";
import { WindowLineRanges } from "@/lib/logs/window-line-ranges";
import { insertRunTemplates } from "@/lib/db/run-templates";
import type { RunWithLogFile } from "@/lib/db/types";
import { updateJob } from "@/lib/db/update-job";
import { updateRun } from "@/lib/db/update-run";
import { isUserInputError, UserInputError } from "@/lib/domain/user-input-error";
import { checkDetectParams, type DetectParams } from "@/lib/pipeline/params";
import { readLabelsFile, type WindowLabelSource } from "@/lib/pipeline/read-labels";
import { runDetection, type DetectionRun } from "@/lib/pipeline/run-detection";
import { modelDirName, resolveModelsDir } from "@/lib/jobs/job-config";
import { TRAINING_FAILED } from "@/lib/jobs/job-messages";
import { JobProgress, STORE_PROGRESS } from "./job-progress";
import { clearRunWindows, removeJobModelFiles } from "@/lib/jobs/run-files";
import { requestedParams } from "@/lib/domain/run-params";
import { findRunLabelsFile } from "@/lib/jobs/run-files";
import { webLabelsMessage } from "@/lib/jobs/job-messages";
import { localCopyIfStored } from "@/lib/storage/local-copy";
import { storeModelDir } from "@/lib/storage/model-dirs";

class JobCancelled extends Error {
  constructor() {
    super("The job was cancelled.");
    this.name = "JobCancelled";
  }
}

/** The run's parameters as requested: an `auto` flag stands for "auto", whatever its column holds. */
function detectParamsOf(run: RunWithLogFile): DetectParams {
  const check = checkDetectParams(requestedParams(run.params));
  if (!check.ok || !check.params) throw new Error(`run ${run.id} has invalid stored parameters: ${JSON.stringify(check.errors)}`);
  return check.params;
}

/** Pipeline messages name the stored file (`<sha256>.log`, or its full path); the analyst knows it by its upload name. */
function userMessage(message: string, run: RunWithLogFile, logPath: string): string {
  return message.split(logPath).join(run.logFile.originalName).split(basename(logPath)).join(run.logFile.originalName);
}

async function train(
  run: RunWithLogFile,
  jobId: number,
  progress: JobProgress,
  signal: AbortSignal,
  labels: NamedLabelSource | null,
): Promise<DetectionRun> {
  // From a bucket, the log is downloaded once to this machine's cache (lib/storage/local-copy.ts).
  const logPath = await localCopyIfStored(run.logFile.storedPath);
  if (logPath === null) {
    throw new UserInputError(`The stored copy of ${run.logFile.originalName} is no longer on the server: upload the log again and start a new run.`);
  }
  const lineRanges = new WindowLineRanges();
  let detection: DetectionRun;
  try {
    detection = await runDetection({
      logPath,
      params: detectParamsOf(run),
      modelsDir: resolveModelsDir(),
      runId: modelDirName(run.id, jobId),
      listener: progress.listener,
      signal,
      lineRanges,
      labels: labels ?? undefined,
    });
  } catch (error) {
    if (isUserInputError(error)) throw new UserInputError(userMessage(error.message, run, logPath));
    throw error;
  }
  try {
    if (detection.models.meta.input.sha256 !== run.logFile.sha256) {
      throw new UserInputError(`The stored copy of ${run.logFile.originalName} changed on the server since it was uploaded: upload it again.`);
    }
    progress.report(STORE_PROGRESS, `Storing ${formatCount(detection.results.windows.length)} windows`);
    if (!(await progress.flush())) throw new JobCancelled();
    const { results } = detection;
    const stored = await insertWindows({
      runId: run.id,
      windows: results.windows,
      featureNames: results.featureNames,
      scaled: results.scaled,
      aeFeatureErrors: results.aeFeatureErrors,
      scores: results.scores,
      labels: results.labels,
      dbscanClusters: results.scores.dbscanCluster,
      lineRanges: lineRanges.rangesForWindows(results.windows),
      replace: true,
    });
    if (detection.templates) {
      await insertRunTemplates({ runId: run.id, templates: detection.templates.entries, stats: detection.templateStats, replace: true });
    }
    // Into the bucket, if that is the store (then the local directory goes); a folder is stored already.
    await storeModelDir(detection.modelDir);
    detection.summary.seconds = { ...detection.summary.seconds };
    (detection.summary.seconds as Record<string, number>).store = stored.seconds;
    return detection;
  } catch (error) {
    detection.models.autoencoder.dispose();
    throw error;
  }
}

/** The labels file the run was started with, read (a UserInputError when it no longer reads). */
async function readRunLabels(runId: number): Promise<NamedLabelSource | null> {
  const file = await findRunLabelsFile(runId);
  if (!file) return null;
  try {
    const source = await readLabelsFile(file.path);
    return Object.assign(source, { name: basename(file.path) });
  } finally {
    await file.release();
  }
}

type NamedLabelSource = WindowLabelSource & { name: string };

/** "truth.csv: window starts (409 windows)", and the indices of the windows it labels anomalous. */
function truthOf(detection: DetectionRun, labels: NamedLabelSource | null): RunTruth | undefined {
  if (!detection.truth || !labels) return undefined;
  const windows: number[] = [];
  detection.truth.forEach((label, i) => {
    if (label === 1) windows.push(i);
  });
  return { source: `${labels.name}: ${labels.description}`, windows };
}

/**
 * What a worker process does with one claimed "detect" job: train on the run's stored log with the
 * run's parameters and labels file (runDetection, as the CLI), store the windows with their line
 * ranges (and an extended run's templates), the chosen thresholds and the ground truth, and
 * finish job and run together. A cancelled job (or deleted run) stops early and leaves no windows
 * and no model files behind. Failures are stored as a sentence safe to show.
 */
export async function runDetectJob(jobId: number): Promise<void> {
  const job = await getJob(jobId);
  if (!job || job.status !== "running") return;
  const run = job.runId === null ? null : await getRun(job.runId);
  if (!run) {
    await updateJob(jobId, { status: "failed", error: "The run of this job no longer exists." }, { onlyIf: "running" });
    return;
  }
  const abort = new AbortController();
  const progress = new JobProgress(jobId, { onCancelled: () => abort.abort(new JobCancelled()) });
  progress.report(0, "Starting");
  let detection: DetectionRun | null = null;
  try {
    const labels = await readRunLabels(run.id);
    detection = await train(run, jobId, progress, abort.signal, labels);
    progress.stop();
    // Results first, then the job, then the run's status: a cancel that lands in between wins
    // (the job update is conditional), and a worker dying in between leaves a run that
    // settleEndedJob can finish from the job's status.
    const { results, summary, reading } = detection;
    await updateRun(run.id, {
      // A year that was to be inferred is now known; the format read is what `auto` chose.
      year: run.params.yearAuto && reading.yearInferred ? reading.year : undefined,
      yearInferred: run.params.yearAuto ? reading.yearInferred : undefined,
      detectedFormat: reading.format?.name ?? "syslog",
      eps: results.thresholds.eps,
      contamination: results.thresholds.contamination,
      aePercentile: results.thresholds.aePercentile,
      thresholdChoices: results.thresholds.choices ?? null,
      scoreEnsemble: detection.models.meta.scoreEnsemble ?? null,
      truth: truthOf(detection, labels),
      stageSeconds: summary.seconds,
      windowCount: results.windows.length,
      counts: summary.anomalies,
      ifThreshold: results.thresholds.isolationForest,
      aeThreshold: results.thresholds.autoencoder,
      modelDir: detection.modelDir,
      error: null,
    });
    const done = await updateJob(jobId, { status: "succeeded", progress: 1, message: "Done", error: null }, { onlyIf: "running" });
    if (!done) throw new JobCancelled();
    await updateRun(run.id, { status: "succeeded" });
  } catch (error) {
    progress.stop();
    await cleanUp(run.id, jobId);
    if (error instanceof JobCancelled || abort.signal.aborted) return;
    const message = isUserInputError(error) ? webLabelsMessage(error.message) : TRAINING_FAILED;
    if (!isUserInputError(error)) console.error(`Logscope job ${jobId} (run ${run.id}) failed:`, error);
    // If the job already counts as succeeded (the run update failed), it fails now.
    const failed =
      (await updateJob(jobId, { status: "failed", message: "Failed", error: message }, { onlyIf: ["running", "succeeded"] })) !== null;
    if (failed) await updateRun(run.id, { status: "failed", error: message }).catch(() => undefined);
  } finally {
    detection?.models.autoencoder.dispose();
  }
}

async function cleanUp(runId: number, jobId: number): Promise<void> {
  await removeJobModelFiles(runId, jobId).catch((error: unknown) => console.error(`Logscope job ${jobId}: could not remove model files:`, error));
  await clearRunWindows(runId).catch(() => undefined);
  await updateRun(runId, { modelDir: null }).catch(() => undefined);
}
