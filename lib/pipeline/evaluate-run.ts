import { prCurve, rocCurve } from "@/lib/detectors/curves";
import type { CombineMode } from "@/lib/domain/types";
import { evaluateLabels } from "@/lib/detectors/evaluate-labels";
import { rankAverage } from "@/lib/detectors/rank-average";
import type { Labels } from "@/lib/detectors/types";
import type { WindowResults } from "./types";

export type ModelKey = "isolationForest" | "dbscan" | "autoencoder" | "ensemble";

export const MODEL_KEYS: readonly ModelKey[] = ["isolationForest", "dbscan", "autoencoder", "ensemble"];

export interface ModelEvaluation {
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** Windows this model labelled anomalous. */
  flagged: number;
  /** From the model's scores, so it does not depend on the chosen threshold; auc is NaN with one class only. */
  roc: { auc: number; points: { fpr: number; tpr: number; threshold: number }[] };
  pr: { averagePrecision: number; points: { recall: number; precision: number; threshold: number }[] };
  /** Window indices labelled anomalous that this model did not flag. */
  missed: number[];
}

export interface RunEvaluation {
  windows: number;
  /** Windows labelled anomalous. */
  labelled: number;
  /** What the labels were understood as (WindowLabelSource.description). */
  source: string;
  models: Record<ModelKey, ModelEvaluation>;
}

/**
 * Scores a run against ground truth: precision, recall and F1 of each model's labels, and ROC and
 * PR curves of its scores. A run that combines by score is judged on its combined score; a vote
 * has no score of its own, so its curves use the mean percentile rank of the three detectors'
 * scores, the score that best orders windows by "how many detectors, how strongly" without mixing
 * the detectors' units.
 */
export function evaluateRun(
  results: Pick<WindowResults, "windows" | "scores" | "labels">,
  truth: Labels,
  source: string,
  combine: CombineMode = "vote",
): RunEvaluation {
  const combinesByScore = combine === "score";
  const { scores, labels, windows } = results;
  if (truth.length !== windows.length) {
    throw new RangeError(`evaluateRun: ${windows.length} windows but ${truth.length} labels`);
  }
  // DBSCAN's distance to the nearest core point is its score (Infinity without core points).
  const modelScores: Record<ModelKey, ArrayLike<number>> = {
    isolationForest: scores.isolationForest,
    dbscan: scores.dbscanDistance,
    autoencoder: scores.autoencoder,
    // A run that combines by score is judged on that score; a vote has none, so the detectors' mean rank stands in.
    ensemble: scores.combined && combinesByScore ? scores.combined : rankAverage([scores.isolationForest, scores.dbscanDistance, scores.autoencoder]),
  };
  const models = {} as Record<ModelKey, ModelEvaluation>;
  for (const key of MODEL_KEYS) models[key] = evaluateModel(labels[key], modelScores[key], truth);
  let labelled = 0;
  for (let i = 0; i < truth.length; i++) labelled += truth[i] === 1 ? 1 : 0;
  return { windows: windows.length, labelled, source, models };
}

function evaluateModel(predicted: Labels, scores: ArrayLike<number>, truth: Labels): ModelEvaluation {
  const score = evaluateLabels(predicted, truth);
  const missed: number[] = [];
  for (let i = 0; i < truth.length; i++) {
    if (truth[i] === 1 && predicted[i] !== 1) missed.push(i);
  }
  return {
    precision: score.precision,
    recall: score.recall,
    f1: score.f1,
    truePositives: score.truePositives,
    falsePositives: score.falsePositives,
    falseNegatives: score.falseNegatives,
    flagged: score.truePositives + score.falsePositives,
    roc: rocCurve(scores, truth),
    pr: prCurve(scores, truth),
    missed,
  };
}
