import { KdTree } from "./kd-tree";
import { findKNearest } from "./kd-tree-search";
import { dedupeRows } from "./matrix";
import type { Matrix } from "./types";

/** Used by chooseEps when the curve holds no positive distance at all. */
export const FALLBACK_EPS = 0.5;

/**
 * Distance of every row to its k-th nearest neighbour, the row itself counting as the first
 * (so k = minSamples gives the radius at which the row just becomes a DBSCAN core point),
 * sorted ascending. With fewer than k rows, the farthest row's distance is used.
 */
export function kDistanceCurve(x: Matrix, k: number): Float64Array {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  const cols = x.cols;
  const rows = dedupeRows(x);
  const tree = new KdTree(rows.unique, cols, rows.weights);
  // Every distinct row weighs at least 1, so its k nearest distinct rows always reach weight k.
  const want = Math.min(k, rows.count);
  const positions = new Int32Array(want);
  const rdists = new Float64Array(want);
  const uniqueDistance = new Float64Array(rows.count);
  for (let u = 0; u < rows.count; u++) {
    if ((rows.weights[u] as number) >= k) continue; // k copies of itself: distance 0
    const found = findKNearest(tree, rows.unique, u * cols, want, positions, rdists);
    let weight = 0;
    let rdist = 0;
    for (let m = 0; m < found && weight < k; m++) {
      weight += tree.weights[positions[m] as number] as number;
      rdist = rdists[m] as number;
    }
    uniqueDistance[u] = Math.sqrt(rdist);
  }
  const curve = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) curve[i] = uniqueDistance[rows.rowToUnique[i] as number] as number;
  return curve.sort();
}

export interface EpsChoice {
  eps: number;
  /** Index of the knee in `curve`. */
  kneeIndex: number;
  /** The sorted k-distance curve the knee was read from. */
  curve: Float64Array;
}

/**
 * Picks DBSCAN's eps at the knee of the sorted k-distance curve (k = minSamples), Kneedle style:
 * with both axes scaled to [0, 1], the knee is the point farthest below the chord from the first
 * to the last point, i.e. the maximum of x_norm - y_norm (first one on ties). Rows left of the
 * knee sit in dense regions; the steep tail right of it are the outliers.
 *
 * A knee at distance 0 (heavily duplicated data) would make eps useless, so the smallest
 * positive distance of the curve is used instead, and FALLBACK_EPS when there is none.
 */
export function chooseEps(x: Matrix, minSamples: number): EpsChoice {
  const curve = kDistanceCurve(x, minSamples);
  const kneeIndex = findKnee(curve);
  let eps = curve[kneeIndex] ?? 0;
  if (!(eps > 0)) eps = curve.find((v) => v > 0) ?? FALLBACK_EPS;
  return { eps, kneeIndex, curve };
}

/** Index of the knee of an ascending curve (0 for curves too short or flat to have one). */
export function findKnee(curve: ArrayLike<number>): number {
  const n = curve.length;
  if (n < 3) return Math.max(0, n - 1);
  const first = curve[0] as number;
  const span = (curve[n - 1] as number) - first;
  if (!(span > 0)) return n - 1;
  let best = 0;
  let bestGap = -Infinity;
  for (let i = 0; i < n; i++) {
    const gap = i / (n - 1) - ((curve[i] as number) - first) / span;
    if (gap > bestGap) {
      bestGap = gap;
      best = i;
    }
  }
  return best;
}
