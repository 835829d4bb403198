// The first step of DBSCAN (dbscan.ts), shared by a fit and by findDbscanNoise: which distinct rows
// are core points, and a kd-tree of them for the nearest-core searches that follow.
import type { DbscanOptions } from "./dbscan";
import { KdTree, type FoundNotes } from "./kd-tree";
import { NEAREST_KEPT, type NearRows } from "./k-distance";
import { dedupeRows } from "./matrix";
import type { Matrix } from "./types";

export interface CorePoints {
  rows: ReturnType<typeof dedupeRows>;
  /** 1 where the distinct row is a core point. */
  isCore: Uint8Array;
  /** Distinct-row id of each core point, in core order. */
  coreIds: Int32Array;
  coreTree: KdTree;
  /**
   * With `noteNear`, where the rows were counted (no `rdists`): for each distinct row, the distinct
   * rows its count found within eps, at most min(minSamples, NEAREST_KEPT) of them.
   */
  near?: NearRows;
}

/**
 * Core points (docs/pipeline.md §5: at least minSamples neighbours within eps, the point included)
 * and their tree. `rdists`, when given, is findNeighbourhoods(x, minSamples).rdists (k-distance.ts):
 * a row is core exactly when its own is <= eps², so nothing is counted again. An automatic eps has
 * them from its curve: on the 10M-line bench log's 101,882 windows the counting took 1.7-1.9 s.
 * `noteNear`: where it counts, keep what each count found (CorePoints.near) for the cluster walk.
 */
export function findCorePoints(x: Matrix, { eps, minSamples }: DbscanOptions, rdists?: Float64Array, noteNear = false): CorePoints {
  const r2 = eps * eps;
  const cols = x.cols;
  const rows = dedupeRows(x);
  const isCore = new Uint8Array(rows.count);
  let coreTotal = 0;
  let near: NearRows | undefined;
  if (rdists !== undefined) {
    if (rdists.length !== x.rows) throw new RangeError(`expected ${x.rows} k-th neighbour distances, got ${rdists.length}`);
    // Fewer rows than minSamples: the distances are the farthest row's, and nothing is core.
    for (let i = 0; i < x.rows && x.rows >= minSamples; i++) {
      const u = rows.rowToUnique[i] as number;
      if (!isCore[u] && (rdists[i] as number) <= r2) {
        isCore[u] = 1;
        coreTotal++;
      }
    }
  } else {
    const tree = new KdTree(rows.unique, cols, rows.weights);
    // The rows each count finds are near pairs for the cluster walk, as an automatic eps's nearest
    // rows are (findCoreComponents). On the 10M-line bench log's 101,882 windows at eps 0.5 a fit
    // took 2.0 s against 3.3 s without them; the walk does the joining they save.
    const slots = noteNear ? Math.min(minSamples, NEAREST_KEPT, rows.count) : 0;
    const notes: FoundNotes = { positions: new Int32Array(rows.count * slots).fill(-1), at: 0, slots };
    // Rows are asked in tree order (the tree's own copies, the same values): one leaf's rows after
    // another walk the same nodes while they are in cache. On the same windows, 1.22-1.24 s
    // against 1.41-1.42 s in the rows' order.
    for (let p = 0; p < rows.count; p++) {
      const u = tree.originalIndex[p] as number;
      const selfWeight = tree.weights[p] as number;
      notes.at = u * slots;
      const count = selfWeight >= minSamples ? selfWeight : tree.countWithin(tree.points, p * cols, r2, minSamples, notes);
      if (count >= minSamples) {
        isCore[u] = 1;
        coreTotal++;
      }
    }
    // Tree positions to distinct-row ids.
    const nearest = notes.positions;
    for (let m = 0; m < nearest.length; m++) {
      const position = nearest[m] as number;
      if (position >= 0) nearest[m] = tree.originalIndex[position] as number;
    }
    if (noteNear) near = { slots, nearest };
  }
  const coreIds = new Int32Array(coreTotal);
  const corePoints = new Float64Array(coreTotal * cols);
  for (let u = 0, c = 0; u < rows.count; u++) {
    if (!isCore[u]) continue;
    corePoints.set(rows.unique.subarray(u * cols, (u + 1) * cols), c * cols);
    coreIds[c++] = u;
  }
  return { rows, isCore, coreIds, coreTree: new KdTree(corePoints, cols), near };
}
