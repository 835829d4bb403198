import { decimateCurve } from "./decimate-curve";
import { groupScores, thresholdAfterGroup } from "./score-groups";
import type { Labels } from "./types";

export interface RocPoint {
  fpr: number;
  tpr: number;
  /** The rates of flagging score > threshold (the rule of the detectors' label methods). */
  threshold: number;
}

export interface PrPoint {
  recall: number;
  precision: number;
  /** The rates of flagging score > threshold (the rule of the detectors' label methods). */
  threshold: number;
}

export interface RocCurve {
  /** Exact area (ties as a trapezoid, as scikit-learn's roc_auc_score); NaN with one class only. */
  auc: number;
  points: RocPoint[];
}

export interface PrCurve {
  /** scikit-learn's average_precision_score (step sum, no interpolation); NaN without positives. */
  averagePrecision: number;
  points: PrPoint[];
}

export const DEFAULT_CURVE_POINTS = 200;

/**
 * ROC curve of `scores` (higher = more anomalous) against `truth`. One point per cut between
 * distinct scores, from (0, 0) (threshold = highest score, nothing flagged) to (1, 1)
 * (threshold = -Infinity), then decimated to at most `maxPoints` keeping the first, the last
 * and the corners (see decimateCurve). The AUC is computed on all cuts, before decimation, in
 * integer counts, so it equals the Mann-Whitney probability that a random anomaly outscores a
 * random normal window, ties counting one half. Infinite scores are ordinary, largest/smallest
 * values; NaN throws.
 *
 * With no anomalous or no normal window the curve is undefined: auc is NaN and points is empty.
 */
export function rocCurve(scores: ArrayLike<number>, truth: Labels, maxPoints = DEFAULT_CURVE_POINTS): RocCurve {
  const groups = groupScores(scores, truth, "rocCurve");
  const { values, truePositives, falsePositives, positives, negatives } = groups;
  if (positives === 0 || negatives === 0) return { auc: NaN, points: [] };
  const m = values.length + 1;
  const tps = new Float64Array(m);
  const fps = new Float64Array(m);
  tps.set(truePositives, 1);
  fps.set(falsePositives, 1);
  let doubledArea = 0;
  for (let k = 1; k < m; k++) {
    doubledArea += ((fps[k] as number) - (fps[k - 1] as number)) * ((tps[k] as number) + (tps[k - 1] as number));
  }
  const fpr = fps.map((v) => v / negatives);
  const tpr = tps.map((v) => v / positives);
  const points = Array.from(decimateCurve(fpr, tpr, maxPoints), (k) => ({
    fpr: fpr[k] as number,
    tpr: tpr[k] as number,
    threshold: k === 0 ? (values[0] as number) : thresholdAfterGroup(groups, k - 1),
  }));
  return { auc: doubledArea / (2 * positives * negatives), points };
}

/**
 * Precision-recall curve, ordered by rising recall: first scikit-learn's conventional start
 * point (recall 0, precision 1, threshold = highest score), then one point per cut between
 * distinct scores down to flagging everything (threshold = -Infinity), decimated like rocCurve.
 * Average precision is sum over cuts of (R_k - R_(k-1)) * P_k, exactly scikit-learn's
 * average_precision_score, computed on all cuts before decimation.
 *
 * Without any anomalous window recall is undefined: averagePrecision is NaN, points is empty.
 */
export function prCurve(scores: ArrayLike<number>, truth: Labels, maxPoints = DEFAULT_CURVE_POINTS): PrCurve {
  const groups = groupScores(scores, truth, "prCurve");
  const { values, truePositives, falsePositives, positives } = groups;
  if (positives === 0) return { averagePrecision: NaN, points: [] };
  const m = values.length + 1;
  const recall = new Float64Array(m);
  const precision = new Float64Array(m);
  precision[0] = 1;
  let averagePrecision = 0;
  for (let k = 1; k < m; k++) {
    const tp = truePositives[k - 1] as number;
    recall[k] = tp / positives;
    precision[k] = tp / (tp + (falsePositives[k - 1] as number));
    averagePrecision += ((recall[k] as number) - (recall[k - 1] as number)) * (precision[k] as number);
  }
  const points = Array.from(decimateCurve(recall, precision, maxPoints), (k) => ({
    recall: recall[k] as number,
    precision: precision[k] as number,
    threshold: k === 0 ? (values[0] as number) : thresholdAfterGroup(groups, k - 1),
  }));
  return { averagePrecision, points };
}
