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
