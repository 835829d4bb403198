import { basename } from "node:path";
import type { Labels } from "@/lib/detectors/types";
import type { FormatOptions } from "@/lib/logs/formats/types";
import type { WindowFeatures } from "@/lib/logs/types";
import type { DetectorModels, ModelMeta } from "./detector-models";
import { evaluateRun, type RunEvaluation } from "./evaluate-run";
import type { WindowLabelSource } from "./read-labels";
import { loadModels } from "./model-store";
import { collectGarbage, setHeapGrowth } from "./pipeline-heap";
import { readLogFile, type LogReading } from "./read-log-file";
import { countAnomalies, createStageClock } from "./run-detection";
import { scoreWindows } from "./score-windows";
import type { PipelineListener, RunSummary, WindowResults } from "./types";

export interface PredictLogInput {
  logPath: string;
  modelDir: string;
  /** Absent: inferred from the log, as detect does. */
  year?: number;
  /**
   * Format options given for this log: each one present replaces the model's (meta.json logFormat),
   * the others are the model's. Absent (or empty) with a model from before formats: classic syslog.
   */
  format?: FormatOptions;
  listener?: PipelineListener;
  /** Labelled windows of this log: the prediction is evaluated against them. */
  labels?: WindowLabelSource;
}

export interface Prediction {
  models: DetectorModels;
  results: WindowResults;
  summary: RunSummary;
  reading: LogReading;
  truth?: Labels;
  evaluation?: RunEvaluation;
}

/**
 * Scores a log with saved models, no retraining (the seed's ModelPredictor): the model's window
 * length, scaler, thresholds and votes apply unchanged.
 */
export async function predictLog(input: PredictLogInput): Promise<Prediction> {
  setHeapGrowth("parse");
  const clock = createStageClock();
  const models = await loadModels(input.modelDir);
  const { params } = models.meta;
  const t = performance.now();
  const extraction = await readLogFile(input.logPath, {
    year: input.year,
    window: params.window,
    formatOptions: predictionFormat(models.meta, input.format),
    features: models.meta.features,
    trainedTemplates: models.templates,
    onRecord: input.labels?.onRecord,
    onProgress: (fraction) =>
      input.listener?.({ kind: "stage", stage: "parse", fraction, message: `Parsing ${basename(input.logPath)}` }),
  });
  clock.record("parse", (performance.now() - t) / 1000);
  // As in runDetection: the parse's scratch state is collected before scoring allocates.
  setHeapGrowth("after-parse");
  collectGarbage();
  const truth = input.labels?.toLabels(extraction.windows, extraction.summary.lines);
  const results = scoreWindows(models, windowsForModel(extraction.windows, models.meta.featureNames.length), clock.time);
  return {
    truth,
    evaluation: truth && input.labels ? evaluateRun(results, truth, input.labels.description, models.meta.params.combine) : undefined,
    models,
    results,
    reading: extraction.reading,
    summary: {
      extraction: extraction.summary,
      windows: extraction.windows.length,
      anomalies: countAnomalies(results),
      seconds: clock.seconds,
    },
  };
}

/**
 * The windows cut to the columns the model was trained on. Features are only ever added at the end
 * of a set (error_level_lines came after the template features), so a model saved before one was
 * added reads the columns it knows, in its order, and the new one is not scored.
 */
export function windowsForModel(windows: WindowFeatures[], columns: number): WindowFeatures[] {
  if (windows.every((w) => w.values.length === columns)) return windows;
  return windows.map((w) => ({ ...w, values: w.values.slice(0, columns) }));
}

/**
 * The format a prediction reads: the model's (the format training read, with its options), each
 * option given here replacing the model's. A model from before formats read classic syslog: with
 * nothing given it stays on the classic path (undefined) exactly as before.
 */
export function predictionFormat(meta: ModelMeta, given: FormatOptions | undefined): FormatOptions | undefined {
  const overrides = Object.fromEntries(Object.entries(given ?? {}).filter(([, value]) => value !== undefined)) as FormatOptions;
  const trained = meta.logFormat;
  if (!trained) return Object.keys(overrides).length === 0 ? undefined : { format: "syslog", ...overrides };
  const options: FormatOptions = { format: trained.name };
  if (trained.tz !== undefined) options.tz = trained.tz;
  if (trained.fields !== undefined) options.fields = trained.fields;
  if (trained.masks !== undefined) options.masks = trained.masks;
  if (trained.timeFormat !== undefined) options.timeFormat = trained.timeFormat;
  return { ...options, ...overrides };
}
