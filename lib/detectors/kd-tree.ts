import { selectNth } from "./select-nth";

/**
 * A static kd-tree over weighted points, for radius counts (here) and nearest-neighbour
 * queries (kd-tree-search.ts) in squared Euclidean distance. Distances are summed in column
 * order, the order scikit-learn's KDTree uses, and node bounds are computed with the same
 * monotone floating-point operations, so pruning by bounds is exact: a pruned node never holds
 * a point that the per-point test would have accepted, and a node accepted whole holds none
 * that it would have rejected.
 */

const LEAF_SIZE = 16;

/**
 * Where countWithin notes the points it finds: up to `slots` tree positions, written into
 * `positions` from index `at`, in the order found. Slots it does not fill keep their value.
 */
export interface FoundNotes {
  positions: Int32Array;
  at: number;
  slots: number;
}

export class KdTree {
  readonly cols: number;
  readonly size: number;
  /** Points copied in tree order, row-major: leaves read contiguous memory. */
  readonly points: Float64Array;
  /** Tree-order position -> index in the input. */
  readonly originalIndex: Int32Array;
  readonly weights: Float64Array;
  readonly nodeStart: Int32Array;
  readonly nodeEnd: Int32Array;
  /** Children of an inner node; -1 marks a leaf. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly nodeWeight: Float64Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly nodeCount: number;

  /** `data` is row-major with `cols` columns; `weights` defaults to 1 per point. */
  constructor(data: Float64Array, cols: number, weights?: ArrayLike<number>) {
    const n = cols === 0 ? 0 : data.length / cols;
    this.cols = cols;
    this.size = n;
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const maxNodes = Math.max(1, 2 * Math.ceil(n / (LEAF_SIZE / 2)));
    this.nodeStart = new Int32Array(maxNodes);
    this.nodeEnd = new Int32Array(maxNodes);
    this.left = new Int32Array(maxNodes).fill(-1);
    this.right = new Int32Array(maxNodes).fill(-1);
    this.nodeWeight = new Float64Array(maxNodes);
    this.lo = new Float64Array(maxNodes * cols);
    this.hi = new Float64Array(maxNodes * cols);
    let count = 0;
    const build = (start: number, end: number): number => {
      const node = count++;
      this.nodeStart[node] = start;
      this.nodeEnd[node] = end;
      const widest = this.computeBounds(node, data, order, start, end);
      if (end - start > LEAF_SIZE && widest.spread > 0) {
        const mid = (start + end) >> 1;
        selectNth(order, data, cols, widest.dim, start, end - 1, mid);
        this.left[node] = build(start, mid);
        this.right[node] = build(mid, end);
      }
      return node;
    };
    if (n > 0) build(0, n);
    this.nodeCount = count;
    this.points = new Float64Array(n * cols);
    this.weights = new Float64Array(n);
    this.originalIndex = order;
    for (let p = 0; p < n; p++) {
      const i = order[p] as number;
      this.points.set(data.subarray(i * cols, (i + 1) * cols), p * cols);
      this.weights[p] = weights ? (weights[i] as number) : 1;
    }
    for (let node = count - 1; node >= 0; node--) {
      let w = 0;
      for (let p = this.nodeStart[node] as number; p < (this.nodeEnd[node] as number); p++) {
        w += this.weights[p] as number;
      }
      this.nodeWeight[node] = w;
    }
  }

  isLeaf(node: number): boolean {
    return (this.left[node] as number) < 0;
  }

  /** Lower bound of the squared distance from q to any point of `node`. */
  minRdist(node: number, q: Float64Array, qOffset: number): number {
    const d = this.cols;
    let sum = 0;
    for (let k = 0; k < d; k++) {
      const v = q[qOffset + k] as number;
      const lo = this.lo[node * d + k] as number;
      const hi = this.hi[node * d + k] as number;
      const diff = v < lo ? lo - v : v > hi ? v - hi : 0;
      sum += diff * diff;
    }
    return sum;
  }

  /** Upper bound of the squared distance from q to any point of `node`. */
  maxRdist(node: number, q: Float64Array, qOffset: number): number {
    const d = this.cols;
    let sum = 0;
    for (let k = 0; k < d; k++) {
      const v = q[qOffset + k] as number;
      const a = v - (this.lo[node * d + k] as number);
      const b = (this.hi[node * d + k] as number) - v;
      const diff = a > b ? a : b;
      sum += diff * diff;
    }
    return sum;
  }

  /** Lower bound of squared distances between points of nodes a and b. */
  boxMinRdist(a: number, b: number): number {
    const d = this.cols;
    let sum = 0;
    for (let k = 0; k < d; k++) {
      const loA = this.lo[a * d + k] as number;
      const hiA = this.hi[a * d + k] as number;
      const loB = this.lo[b * d + k] as number;
      const hiB = this.hi[b * d + k] as number;
      const gap = loB > hiA ? loB - hiA : loA > hiB ? loA - hiB : 0;
      sum += gap * gap;
    }
    return sum;
  }

  /** Upper bound of squared distances between points of nodes a and b. */
  boxMaxRdist(a: number, b: number): number {
    const d = this.cols;
    let sum = 0;
    for (let k = 0; k < d; k++) {
      const left = (this.hi[a * d + k] as number) - (this.lo[b * d + k] as number);
      const right = (this.hi[b * d + k] as number) - (this.lo[a * d + k] as number);
      const span = left > right ? left : right;
      sum += span * span;
    }
    return sum;
  }

  /** Squared distance from q to the point at tree position p. */
  rdist(p: number, q: Float64Array, qOffset: number): number {
    const d = this.cols;
    const base = p * d;
    let sum = 0;
    for (let k = 0; k < d; k++) {
      const diff = (q[qOffset + k] as number) - (this.points[base + k] as number);
      sum += diff * diff;
    }
    return sum;
  }

  /**
   * Total weight of points within squared radius r2 (distance <= radius), but stops early and
   * returns a value >= `limit` once that much weight is found: DBSCAN only asks "at least k?".
   * `notes`, when given, receives the tree positions of the first points found (FoundNotes).
   */
  countWithin(q: Float64Array, qOffset: number, r2: number, limit = Infinity, notes?: FoundNotes): number {
    if (this.nodeCount === 0 || this.minRdist(0, q, qOffset) > r2) return 0;
    const stack = this.stack();
    let top = 0;
    stack[top++] = 0;
    let total = 0;
    const noted = notes?.positions;
    let at = notes?.at ?? 0;
    const room = at + (notes?.slots ?? 0);
    // Nodes on the stack are known to reach within r2; the nearer child is explored first so
    // that dense neighbourhoods hit `limit` after a few leaves.
    while (top > 0) {
      const node = stack[--top] as number;
      if (this.maxRdist(node, q, qOffset) <= r2) {
        total += this.nodeWeight[node] as number;
        const end = this.nodeEnd[node] as number;
        for (let p = this.nodeStart[node] as number; p < end && at < room; p++) (noted as Int32Array)[at++] = p;
      } else if (this.isLeaf(node)) {
        const end = this.nodeEnd[node] as number;
        for (let p = this.nodeStart[node] as number; p < end; p++) {
          if (!this.rdistWithin(p, q, qOffset, r2)) continue;
          total += this.weights[p] as number;
          if (at < room) (noted as Int32Array)[at++] = p;
        }
      } else {
        const a = this.left[node] as number;
        const b = this.right[node] as number;
        const da = this.minRdist(a, q, qOffset);
        const db = this.minRdist(b, q, qOffset);
        if (da <= db) {
          if (db <= r2) stack[top++] = b;
          if (da <= r2) stack[top++] = a;
        } else {
          if (da <= r2) stack[top++] = a;
          if (db <= r2) stack[top++] = b;
        }
      }
      if (total >= limit) return total;
    }
    return total;
  }

  /** rdistBelow to the point at tree position p. */
  rdistBelow(p: number, q: Float64Array, qOffset: number, bound: number): number {
    return rdistBelow(this.points, this.cols, p, q, qOffset, bound);
  }

  /**
   * Whether the point at tree position p lies within squared radius r2 of q; the same sum as
   * rdist, abandoned once it exceeds r2 (the terms are non-negative).
   */
  rdistWithin(p: number, q: Float64Array, qOffset: number, r2: number): boolean {
    const d = this.cols;
    const base = p * d;
    let sum = 0;
    for (let k = 0; k < d; k++) {
      const diff = (q[qOffset + k] as number) - (this.points[base + k] as number);
      sum += diff * diff;
      if (sum > r2) return false;
    }
    return true;
  }

  private stackBuffer: Int32Array | null = null;

  /** countWithin's reusable traversal stack (never used re-entrantly). */
  private stack(): Int32Array {
    if (!this.stackBuffer) this.stackBuffer = new Int32Array(Math.max(64, this.nodeCount + 1));
    return this.stackBuffer;
  }

  private computeBounds(node: number, data: Float64Array, order: Int32Array, start: number, end: number) {
    const d = this.cols;
    let dim = 0;
    let spread = -1;
    for (let k = 0; k < d; k++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let p = start; p < end; p++) {
        const v = data[(order[p] as number) * d + k] as number;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      this.lo[node * d + k] = lo;
      this.hi[node * d + k] = hi;
      if (hi - lo > spread) {
        spread = hi - lo;
        dim = k;
      }
    }
    return { dim, spread };
  }
}

/**
 * Squared distance from q to row p of `points` (row-major, `cols` wide), summed in column order, or
 * some value >= bound as soon as the partial sum reaches bound (the terms are non-negative, so the
 * full sum could only be larger). KdTree's points, or the original rows beside a turned tree.
 */
export function rdistBelow(points: Float64Array, cols: number, p: number, q: Float64Array, qOffset: number, bound: number): number {
  const base = p * cols;
  let sum = 0;
  for (let k = 0; k < cols; k++) {
    const diff = (q[qOffset + k] as number) - (points[base + k] as number);
    sum += diff * diff;
    if (sum >= bound) return sum;
  }
  return sum;
}
