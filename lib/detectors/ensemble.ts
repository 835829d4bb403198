import type { Labels } from "./types";

export const DEFAULT_VOTES = 2;

/** docs/pipeline.md §5 ensemble: 1 where at least `votes` of the detectors' label arrays say 1. */
export function ensembleLabels(labelArrays: readonly ArrayLike<number>[], votes: number = DEFAULT_VOTES): Labels {
  const n = labelArrays[0]?.length ?? 0;
  for (const labels of labelArrays) {
    if (labels.length !== n) throw new RangeError("label arrays differ in length");
  }
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (const labels of labelArrays) sum += labels[i] as number;
    out[i] = sum >= votes ? 1 : 0;
  }
  return out;
}

/**
 * A run that combines by score (lib/detectors/score-ensemble.ts): each window's combined score,
 * fixed at training, and the cut above which the ensemble flags it. The sliders move the three
 * detectors' own labels; the ensemble follows the cut alone.
 */
export interface ScoreVerdict {
  combined: ArrayLike<number>;
  cut: number;
}

/** The ensemble's labels: the combined score above its cut for a score run, else at least `votes` of the three. */
export function ensembleOf(flags: readonly ArrayLike<number>[], votes: number, score: ScoreVerdict | null = null): Labels {
  if (!score) return ensembleLabels(flags, votes);
  const { combined, cut } = score;
  return Uint8Array.from({ length: combined.length }, (_, i) => ((combined[i] as number) > cut ? 1 : 0));
}
