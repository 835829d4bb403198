import { KdTree } from "./kd-tree";
import { findKNearestTurned, type TurnedTree } from "./kd-tree-search";
import { dedupeRows } from "./matrix";
import { principalAxes, turnRows } from "./principal-axes";
import type { Matrix } from "./types";

/** Used by chooseEps when the curve holds no positive distance at all. */
export const FALLBACK_EPS = 0.5;

/**
 * Distance of every row to its k-th nearest neighbour, the row itself counting as the first
 * (so k = minSamples gives the radius at which the row just becomes a DBSCAN core point),
 * sorted ascending. With fewer than k rows, the farthest row's distance is used.
 */
export function kDistanceCurve(x: Matrix, k: number): Float64Array {
  return curveOf(findNeighbourhoods(x, k, 0).rdists);
}

/**
 * Nearest rows kept per row for DBSCAN (Neighbourhoods.nearest): enough to join a dense blob before
 * the cluster walk, and bounded whatever k is (min samples may be 10,000: all k of 100k windows
 * would be 4 GB).
 */
export const NEAREST_KEPT = 16;

/** The sorted curve of a Neighbourhoods' squared distances. */
function curveOf(rdists: Float64Array): Float64Array {
  const curve = new Float64Array(rdists.length);
  for (let i = 0; i < rdists.length; i++) curve[i] = Math.sqrt(rdists[i] as number);
  return curve.sort();
}

/** Every row's k nearest rows: what an automatic eps reads its curve from, and what DBSCAN reuses. */
export interface Neighbourhoods {
  k: number;
  /**
   * Squared distance of each row (in input order) to its k-th nearest neighbour, itself counted
   * first, summed as DBSCAN's radius test sums it: with k = minSamples, a row is a core point for
   * eps exactly when this is <= eps * eps (findCorePoints takes it instead of counting again). With
   * fewer than k rows, the farthest row's (and no row is a core point); -1 for a row no distance
   * could be taken from (one holding NaN: DBSCAN then counts, see Dbscan.fit).
   */
  rdists: Float64Array;
  /** Slots per distinct row in `nearest`: min(k, distinct rows, the `keep` asked for). */
  slots: number;
  /**
   * For each distinct row (dedupeRows' numbering), the distinct rows found nearest to it, nearest
   * first and itself included, -1 in unused slots (a row with k copies of itself is not searched).
   * Within eps of each other, two core rows share a cluster: DBSCAN joins them before it looks for
   * more.
   */
  nearest: Int32Array;
}

/**
 * Rows found near each distinct row, in Neighbourhoods.nearest's layout: what DBSCAN joins before
 * its cluster walk (nearCorePairs), from a k-nearest search or from the core test's counts.
 */
export type NearRows = Pick<Neighbourhoods, "slots" | "nearest">;

/** Every row's k nearest rows (Neighbourhoods), keeping at most `keep` of them per distinct row. */
export function findNeighbourhoods(x: Matrix, k: number, keep = NEAREST_KEPT): Neighbourhoods {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  const cols = x.cols;
  const rows = dedupeRows(x);
  const turned = turnedTree(rows.unique, rows.count, cols, rows.weights);
  const tree = turned.tree;
  // Every distinct row weighs at least 1, so its k nearest distinct rows always reach weight k.
  const want = Math.min(k, rows.count);
  const positions = new Int32Array(want);
  const rdists = new Float64Array(want);
  const uniqueRdist = new Float64Array(rows.count);
  const slots = Math.min(want, keep);
  const nearest = new Int32Array(rows.count * slots).fill(-1);
  const points = turned.original;
  // Rows are asked in the tree's order, so each is near the one asked before, and that one's
  // distance bounds this one's (triangle inequality): the search starts with that bound instead of
  // none and prunes from its first step. Measured on the 10M-line bench log's extended features
  // (three alternated runs, idle machine): 50,000 windows 4.75-4.86 s -> 4.37-4.46 s, all 101,882
  // 13.2-14.8 s -> 11.9-12.0 s; the same curve to the bit.
  let previous = -1;
  let previousDistance = 0;
  for (let p = 0; p < tree.size; p++) {
    let rdist = 0;
    if ((tree.weights[p] as number) < k) {
      const cap = previous < 0 ? Infinity : boundFrom(points, cols, p, previous, previousDistance);
      let found = findKNearestTurned(turned, p, want, positions, rdists, cap);
      rdist = kthRdist(tree, found, positions, rdists, k, false);
      // Rounding could in principle leave the bound a hair short: then ask again without it.
      if (rdist < 0) {
        found = findKNearestTurned(turned, p, want, positions, rdists);
        rdist = kthRdist(tree, found, positions, rdists, k, true);
      }
      const slot = (tree.originalIndex[p] as number) * slots;
      for (let m = 0; m < Math.min(found, slots); m++) nearest[slot + m] = tree.originalIndex[positions[m] as number] as number;
    }
    // k copies of itself: distance 0.
    uniqueRdist[tree.originalIndex[p] as number] = rdist;
    previous = p;
    previousDistance = Math.sqrt(rdist);
  }
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) out[i] = uniqueRdist[rows.rowToUnique[i] as number] as number;
  return { k, rdists: out, slots, nearest };
}

/**
 * A kd-tree of the rows turned onto their principal axes (principal-axes.ts says why), beside the
 * rows as they were. Measured on the 101,882 windows of the 10M-line bench log's extended features
 * (13 columns): 1,760 distances and 893 boxes per query on the original axes, 588 and 314 on the
 * turned ones; the whole curve 12.0 s -> 5.0 s, and the same to the bit.
 */
function turnedTree(unique: Float64Array, count: number, cols: number, weights: ArrayLike<number>): TurnedTree {
  const axes = principalAxes(unique, count, cols);
  const ok = axes.axes.every(Number.isFinite);
  const tree = new KdTree(ok ? turnRows(unique, count, axes) : unique, cols, weights);
  const original = new Float64Array(count * cols);
  let norm = 0;
  for (let p = 0; p < count; p++) {
    const i = tree.originalIndex[p] as number;
    original.set(unique.subarray(i * cols, (i + 1) * cols), p * cols);
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += ((unique[i * cols + c] as number) - (axes.mean[c] as number)) ** 2;
    norm = Math.max(norm, Math.sqrt(sum));
  }
  // A turn and a sum round by about 1e-15 of the largest centred row; 1e-9 of it is far beyond that.
  return { tree, original, slack: 1e-9 * (1 + norm) };
}

/**
 * A squared distance the k-th neighbour of tree point p cannot be beyond: (|p - q| + D_q)² for the
 * point q asked before and its k-distance D_q, widened by a relative 1e-9 against rounding.
 */
function boundFrom(points: Float64Array, cols: number, p: number, q: number, distanceOfQ: number): number {
  let sum = 0;
  for (let c = 0; c < cols; c++) {
    const diff = (points[p * cols + c] as number) - (points[q * cols + c] as number);
    sum += diff * diff;
  }
  const bound = Math.sqrt(sum) + distanceOfQ;
  return bound * bound * (1 + 1e-9) + Number.MIN_VALUE;
}

/**
 * The squared distance at which the nearest rows found reach weight k. If they do not: -1, or
 * with `orFarthest` (every row was found: the whole matrix weighs less than k) the farthest one's.
 */
function kthRdist(tree: KdTree, found: number, positions: Int32Array, rdists: Float64Array, k: number, orFarthest: boolean): number {
  let weight = 0;
  for (let m = 0; m < found; m++) {
    weight += tree.weights[positions[m] as number] as number;
    if (weight >= k) return rdists[m] as number;
  }
  return orFarthest && found > 0 ? (rdists[found - 1] as number) : -1;
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
 * `rdists`: findNeighbourhoods(x, minSamples).rdists, when the caller has them already.
 */
export function chooseEps(x: Matrix, minSamples: number, rdists = findNeighbourhoods(x, minSamples, 0).rdists): EpsChoice {
  const curve = curveOf(rdists);
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
