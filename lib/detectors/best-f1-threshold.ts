import { groupScores, thresholdAfterGroup } from "./score-groups";
import type { Labels } from "./types";

export interface BestF1 {
  /** Flag windows whose score is strictly above this (as IsolationForest.label and Autoencoder.label do). */
  threshold: number;
  f1: number;
  precision: number;
  recall: number;
  /** Windows with score > threshold. */
  flagged: number;
}

/**
 * The cut of `scores` that maximises F1 against `truth`, in O(n log n): one sort, then every
 * cut between two distinct scores is tried with running counts (tied scores always share a
 * label, so no cut can split them).
 *
 * Comparison: a window is flagged when score > threshold, the rule of IsolationForest.label and
 * Autoencoder.label, so `label(scores, result.threshold)` reproduces `flagged`, `precision` and
 * `recall` exactly. The threshold returned is the highest unflagged score (-Infinity when the
 * best cut flags everything) rather than a midpoint, so it is always a value the data holds and
 * stays meaningful when scores are infinite.
 *
 * Ties in F1 go to the higher threshold (fewer windows flagged). With no anomalous window in
 * `truth` every cut scores F1 = 0 and nothing is flagged (threshold = the highest score).
 * Zero denominators give 0, as evaluateLabels does.
 */
export function findBestF1Threshold(scores: ArrayLike<number>, truth: Labels): BestF1 {
  const groups = groupScores(scores, truth, "findBestF1Threshold");
  const { values, truePositives, falsePositives, positives } = groups;
  // Flagging nothing is the baseline: F1 0, threshold the highest score (nothing is above it).
  let best: BestF1 = { threshold: values[0] ?? Infinity, f1: 0, precision: 0, recall: 0, flagged: 0 };
  let bestCandidate = 0;
  for (let g = 0; g < values.length; g++) {
    const tp = truePositives[g] as number;
    const flagged = tp + (falsePositives[g] as number);
    // F1 = 2TP / (flagged + positives): one correctly rounded division, so equal F1s compare equal.
    const candidate = tp === 0 ? 0 : (2 * tp) / (flagged + positives);
    if (candidate > bestCandidate) {
      bestCandidate = candidate;
      const precision = tp / flagged;
      const recall = tp / positives;
      // Reported as evaluateLabels computes it, so both show the same digits.
      const f1 = (2 * precision * recall) / (precision + recall);
      best = { threshold: thresholdAfterGroup(groups, g), f1, precision, recall, flagged };
    }
  }
  return best;
}
