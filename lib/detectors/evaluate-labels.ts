import type { Labels } from "./types";

export interface LabelScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Precision, recall and F1 of predicted labels against ground truth. An empty denominator gives 0
 * (as scikit-learn's zero_division=0) so a silent model never looks perfect.
 */
export function evaluateLabels(predicted: Labels, truth: Labels): LabelScore {
  if (predicted.length !== truth.length) {
    throw new RangeError(`predicted has ${predicted.length} labels but truth has ${truth.length}`);
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < predicted.length; i++) {
    const p = predicted[i] === 1;
    const t = truth[i] === 1;
    if (p && t) tp++;
    else if (p) fp++;
    else if (t) fn++;
  }
  return {
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    trueNegatives: predicted.length - tp - fp - fn,
    ...precisionRecallF1(tp, fp, fn),
  };
}

/** Precision, recall and F1 from the counts, an empty denominator giving 0 (zero_division=0). */
export function precisionRecallF1(tp: number, fp: number, fn: number): { precision: number; recall: number; f1: number } {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
