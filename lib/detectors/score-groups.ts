import type { Labels } from "./types";

/**
 * Scores grouped by distinct value, highest first, with the running counts of true and false
 * positives when every score >= that value is flagged. Cuts can only fall between distinct
 * values (tied scores get the same label whatever the threshold), so curves, AUC and the best
 * F1 cut are all read off these groups.
 */
export interface ScoreGroups {
  /** Distinct score values, descending. */
  values: Float64Array;
  /** True positives among scores >= values[g]. */
  truePositives: Float64Array;
  /** False positives among scores >= values[g]. */
  falsePositives: Float64Array;
  /** Windows labelled 1 in the truth. */
  positives: number;
  /** Windows labelled 0 in the truth. */
  negatives: number;
}

/** Throws unless every score is a number (NaN cannot be ordered); +-Infinity is fine. */
export function assertScores(scores: ArrayLike<number>, who: string): void {
  for (let i = 0; i < scores.length; i++) {
    if (Number.isNaN(scores[i])) throw new RangeError(`${who}: score ${i} is NaN`);
  }
}

/** Groups `scores` by distinct value in O(n log n); `truth` is 1 for anomalous windows. */
export function groupScores(scores: ArrayLike<number>, truth: Labels, who: string): ScoreGroups {
  const n = scores.length;
  if (truth.length !== n) throw new RangeError(`${who}: ${n} scores but ${truth.length} labels`);
  assertScores(scores, who);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
  const values: number[] = [];
  const tps: number[] = [];
  const fps: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    if (truth[i] === 1) tp++;
    else fp++;
    const v = scores[i] as number;
    const next = order[k + 1];
    // Close the group at the last score of a run of equal values.
    if (next === undefined || scores[next] !== v) {
      values.push(v);
      tps.push(tp);
      fps.push(fp);
    }
  }
  return {
    values: Float64Array.from(values),
    truePositives: Float64Array.from(tps),
    falsePositives: Float64Array.from(fps),
    positives: tp,
    negatives: fp,
  };
}

/**
 * Threshold that flags exactly the groups 0..g under the project's `score > threshold` rule:
 * the next lower distinct score, or -Infinity when every score is flagged.
 */
export function thresholdAfterGroup(groups: ScoreGroups, g: number): number {
  return groups.values[g + 1] ?? -Infinity;
}
