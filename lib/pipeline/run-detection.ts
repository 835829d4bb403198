import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import type { Labels } from "@/lib/detectors/types";
import type { RecordLocation, TemplateCatalog } from "@/lib/logs/types";
import { withProvenance, type DetectorModels, type ModelLogFormat } from "./detector-models";
import { UserInputError } from "@/lib/domain/user-input-error";
import { collectGarbage, setHeapGrowth } from "./pipeline-heap";
import { evaluateRun, type RunEvaluation } from "./evaluate-run";
import type { WindowLabelSource } from "./read-labels";
import { summarizeTemplateCounts, type TemplateStat } from "./template-stats";
import { saveModels } from "./model-store";
import { explainWriteError } from "./write-failure";
import { formatOptionsOf } from "./format-params";
import type { DetectParams } from "./params";
import { readLogFile, type LogReading, type ReadLogOptions } from "./read-log-file";
import { calibrateScoreEnsemble, scoreWindows } from "./score-windows";
import { trainDetectors } from "./train-detectors";
import type { PipelineListener, RunSummary, StageName, WindowResults } from "./types";

export interface RunDetectionInput {
  logPath: string;
  params: DetectParams;
  /** Parent of the run's model directory (`models/` by default in the CLI). */
  modelsDir: string;
  /** Names the model directory; generated when absent. */
  runId?: string;
  listener?: PipelineListener;
  signal?: AbortSignal;
  /** Where each record sits in the file. */
  onRecord?: ReadLogOptions["onRecord"];
  /** Gathers where each window's lines sit, for callers that store drill-down ranges. */
  lineRanges?: ReadLogOptions["lineRanges"];
  /** Labelled windows: the run is evaluated against them, and `auto` thresholds maximise F1. */
  labels?: WindowLabelSource;
}

export interface DetectionRun {
  runId: string;
  modelDir: string;
  models: DetectorModels;
  results: WindowResults;
  summary: RunSummary;
  /** The format read and the year used (what the CLI reports, meta.json and the run record). */
  reading: LogReading;
  /** Extended features: every template of the log, and how many lines of each a window typically has. */
  templates?: TemplateCatalog;
  templateStats?: TemplateStat[];
  /** With labels: 1 = labelled anomalous, per window, and how each model did. */
  truth?: Labels;
  evaluation?: RunEvaluation;
}

/** Sortable and unique enough for a directory name: 20261129-174501-3fa2c1. */
export function createRunId(date = new Date()): string {
  const stamp = date.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  return `${stamp}-${randomBytes(3).toString("hex")}`;
}

/** Adds up seconds per stage and times synchronous work into them. */
export function createStageClock() {
  const seconds: Partial<Record<StageName, number>> = {};
  const record = (stage: StageName, s: number) => {
    seconds[stage] = (seconds[stage] ?? 0) + s;
  };
  const time = <T>(stage: StageName, work: () => T): T => {
    const t = performance.now();
    try {
      return work();
    } finally {
      record(stage, (performance.now() - t) / 1000);
    }
  };
  return { seconds, record, time };
}

export function countAnomalies(results: WindowResults): RunSummary["anomalies"] {
  const sum = (labels: Uint8Array) => labels.reduce((total, v) => total + v, 0);
  const { labels } = results;
  return {
    isolationForest: sum(labels.isolationForest),
    dbscan: sum(labels.dbscan),
    autoencoder: sum(labels.autoencoder),
    ensemble: sum(labels.ensemble),
  };
}

/**
 * The whole training pipeline (the seed's main.py): parse -> windows -> features -> scale ->
 * train the three detectors -> label -> save models. The CLI and the background jobs both call
 * this; only what they do with the results differs.
 */
export async function runDetection(input: RunDetectionInput): Promise<DetectionRun> {
  const { logPath, params, listener, signal } = input;
  setHeapGrowth("parse");
  const clock = createStageClock();
  const runId = input.runId ?? createRunId();

  const t = performance.now();
  const extraction = await readLogFile(logPath, {
    year: params.year,
    window: params.window,
    features: params.features,
    formatOptions: formatOptionsOf(params),
    signal,
    onRecord: combineRecordHooks(input.onRecord, input.labels?.onRecord),
    lineRanges: input.lineRanges,
    onProgress: (fraction) =>
      listener?.({ kind: "stage", stage: "parse", fraction, message: `Parsing ${basename(logPath)}` }),
  });
  clock.record("parse", (performance.now() - t) / 1000);
  const { windows, summary } = extraction;
  if (windows.length < 2) {
    throw new UserInputError(
      `${basename(logPath)} holds only ${windows.length} window of ${params.window} s: the detectors need at least 2; use a longer log or a smaller --window.`,
    );
  }
  signal?.throwIfAborted();
  // The parse's scratch state has just died: collected before training allocates (pipeline-heap.ts).
  setHeapGrowth("after-parse");
  collectGarbage();
  // Labels that do not fit the log are refused here, before any training time is spent.
  const truth = input.labels?.toLabels(windows, summary.lines);

  // The log is hashed late in training, once DBSCAN's thread is done (trainDetectors calls this),
  // rather than beside the parse, which keeps both cores busy (read-log-file.ts); and only saving
  // waits for it.
  const createdAt = new Date().toISOString();
  const provenance = () =>
    extraction.sha256().then((sha256) => ({
      runId,
      createdAt,
      input: { fileName: basename(logPath), sha256, bytes: extraction.fileSize, lines: summary.lines, windows: windows.length },
      logFormat: modelLogFormat(extraction.reading),
    }));
  const trained = await trainDetectors({
    windows,
    params,
    truth,
    templates: extraction.templates?.miner,
    listener,
    record: clock.record,
    provenance,
  });
  signal?.throwIfAborted();
  // And the training's copies, before scoring allocates.
  collectGarbage();
  const results = calibrateScoreEnsemble(trained.models, scoreWindows(trained.models, windows, clock.time, trained.scores));
  const models = withProvenance(trained.models, await trained.provenance);

  const saveStart = performance.now();
  listener?.({ kind: "stage", stage: "save", fraction: 0, message: "Saving models" });
  const modelDir = join(resolve(input.modelsDir), runId);
  // A folder removed or made read-only while training ran gets the same sentence saveModels gives.
  await mkdir(resolve(input.modelsDir), { recursive: true }).catch(async (error: unknown) => {
    throw await explainWriteError(error, { what: "the models" }, modelDir, resolve(input.modelsDir));
  });
  await saveModels(modelDir, models);
  clock.record("save", (performance.now() - saveStart) / 1000);

  return {
    runId,
    modelDir,
    models,
    results,
    summary: { extraction: summary, windows: windows.length, anomalies: countAnomalies(results), seconds: clock.seconds },
    reading: extraction.reading,
    templates: extraction.templates,
    templateStats: extraction.templates ? summarizeTemplateCounts(windows) : undefined,
    truth,
    evaluation: truth && input.labels ? evaluateRun(results, truth, input.labels.description, params.combine) : undefined,
  };
}

/** meta.json's record of how the log was read; reading.formatOptions names the format as resolved. */
export function modelLogFormat(reading: LogReading): ModelLogFormat {
  const options = reading.formatOptions;
  const logFormat: ModelLogFormat = { name: options?.format ?? "syslog", year: reading.year, yearInferred: reading.yearInferred };
  if (options?.tz !== undefined) logFormat.tz = options.tz;
  if (options?.fields !== undefined) logFormat.fields = options.fields;
  if (options?.masks !== undefined) logFormat.masks = options.masks;
  if (options?.timeFormat !== undefined) logFormat.timeFormat = options.timeFormat;
  return logFormat;
}

type RecordHook = (record: RecordLocation) => void;

function combineRecordHooks(a: RecordHook | undefined, b: RecordHook | undefined): RecordHook | undefined {
  if (!a || !b) return a ?? b;
  return (record) => {
    a(record);
    b(record);
  };
}
