import { basename } from "node:path";
import type { Labels } from "@/lib/detectors/types";
import type { DetectorModels } from "./detector-models";
import { evaluateRun, type RunEvaluation } from "./evaluate-run";
import type { WindowLabelSource } from "./read-labels";
import { loadModels } from "./model-store";
import { readLogFile } from "./read-log-file";
import { countAnomalies, createStageClock } from "./run-detection";
import { scoreWindows } from "./score-windows";
import type { PipelineListener, RunSummary, WindowResults } from "./types";

export interface PredictLogInput {
  logPath: string;
  modelDir: string;
  year: number;
  listener?: PipelineListener;
  /** Labelled windows of this log: the prediction is evaluated against them. */
  labels?: WindowLabelSource;
}

export interface Prediction {
  models: DetectorModels;
  results: WindowResults;
  summary: RunSummary;
  truth?: Labels;
  evaluation?: RunEvaluation;
}

/**
 * Scores a log with saved models, no retraining (the seed's ModelPredictor): the model's window
 * length, scaler, thresholds and votes apply unchanged.
 */
export async function predictLog(input: PredictLogInput): Promise<Prediction> {
  const clock = createStageClock();
  const models = await loadModels(input.modelDir);
  const { params } = models.meta;
  const t = performance.now();
  const extraction = await readLogFile(input.logPath, {
    year: input.year,
    window: params.window,
    features: models.meta.features,
    trainedTemplates: models.templates,
    onRecord: input.labels?.onRecord,
    onProgress: (fraction) =>
      input.listener?.({ kind: "stage", stage: "parse", fraction, message: `Parsing ${basename(input.logPath)}` }),
  });
  clock.record("parse", (performance.now() - t) / 1000);
  const truth = input.labels?.toLabels(extraction.windows, extraction.summary.lines);
  const results = scoreWindows(models, extraction.windows, clock.time);
  return {
    truth,
    evaluation: truth && input.labels ? evaluateRun(results, truth, input.labels.description) : undefined,
    models,
    results,
    summary: {
      extraction: extraction.summary,
      windows: extraction.windows.length,
      anomalies: countAnomalies(results),
      seconds: clock.seconds,
    },
  };
}
