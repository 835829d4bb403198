import { basename } from "node:path";
import type { DetectorModels } from "./detector-models";
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
}

export interface Prediction {
  models: DetectorModels;
  results: WindowResults;
  summary: RunSummary;
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
    onProgress: (fraction) =>
      input.listener?.({ kind: "stage", stage: "parse", fraction, message: `Parsing ${basename(input.logPath)}` }),
  });
  clock.record("parse", (performance.now() - t) / 1000);
  const results = scoreWindows(models, extraction.windows, clock.time);
  return {
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
