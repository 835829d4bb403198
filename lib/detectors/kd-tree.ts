/**
 * A static kd-tree over weighted points, for radius counts and nearest-neighbour queries in
 * squared Euclidean distance. Distances are summed in column order, the order scikit-learn's
 * KDTree uses, and node bounds are computed with the same operations, so pruning by bounds is
 * exact: a pruned node never holds a point that the per-point test would have accepted.
 */

const LEAF_SIZE = 16;

export interface NearestHit {
  /** Position in tree order (see `originalIndex`), -1 when the tree is empty. */
  position: number;
  /** Squared distance, Infinity when the tree is empty. */
  rdist: number;
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
   */
  countWithin(q: Float64Array, qOffset: number, r2: number, limit = Infinity): number {
    if (this.nodeCount === 0) return 0;
    const stack = this.stack();
    let top = 0;
    stack[top++] = 0;
    let total = 0;
    while (top > 0) {
      const node = stack[--top] as number;
      if (this.minRdist(node, q, qOffset) > r2) continue;
      if (this.maxRdist(node, q, qOffset) <= r2) {
        total += this.nodeWeight[node] as number;
      } else if (this.isLeaf(node)) {
        const end = this.nodeEnd[node] as number;
        for (let p = this.nodeStart[node] as number; p < end; p++) {
          if (this.rdist(p, q, qOffset) <= r2) total += this.weights[p] as number;
        }
      } else {
        stack[top++] = this.right[node] as number;
        stack[top++] = this.left[node] as number;
      }
      if (total >= limit) return total;
    }
    return total;
  }

  /** The nearest point to q (any one of them on ties). */
  nearest(q: Float64Array, qOffset: number): NearestHit {
    const best: NearestHit = { position: -1, rdist: Infinity };
    if (this.nodeCount > 0) this.searchNearest(0, q, qOffset, best);
    return best;
  }

  private searchNearest(node: number, q: Float64Array, qOffset: number, best: NearestHit): void {
    if (this.isLeaf(node)) {
      const end = this.nodeEnd[node] as number;
      for (let p = this.nodeStart[node] as number; p < end; p++) {
        const r = this.rdistBelow(p, q, qOffset, best.rdist);
        if (r < best.rdist) {
          best.rdist = r;
          best.position = p;
        }
      }
      return;
    }
    const a = this.left[node] as number;
    const b = this.right[node] as number;
    const da = this.minRdist(a, q, qOffset);
    const db = this.minRdist(b, q, qOffset);
    // Nearer child first: it tightens the bound that prunes the other.
    if (da <= db) {
      if (da < best.rdist) this.searchNearest(a, q, qOffset, best);
      if (db < best.rdist) this.searchNearest(b, q, qOffset, best);
    } else {
      if (db < best.rdist) this.searchNearest(b, q, qOffset, best);
      if (da < best.rdist) this.searchNearest(a, q, qOffset, best);
    }
  }

  /**
   * The k nearest points to q, nearest first: fills `positions` and `rdists` (length >= k) and
   * returns how many were found (min(k, size)).
   */
  kNearest(q: Float64Array, qOffset: number, k: number, positions: Int32Array, rdists: Float64Array): number {
    const heap = new BoundedMaxHeap(k, positions, rdists);
    if (this.nodeCount > 0 && k > 0) this.searchK(0, q, qOffset, heap);
    return heap.sortAscending();
  }

  private searchK(node: number, q: Float64Array, qOffset: number, heap: BoundedMaxHeap): void {
    if (this.isLeaf(node)) {
      const end = this.nodeEnd[node] as number;
      for (let p = this.nodeStart[node] as number; p < end; p++) {
        const bound = heap.bound();
        const r = this.rdistBelow(p, q, qOffset, bound);
        if (r < bound) heap.offer(p, r);
      }
      return;
    }
    const a = this.left[node] as number;
    const b = this.right[node] as number;
    const da = this.minRdist(a, q, qOffset);
    const db = this.minRdist(b, q, qOffset);
    if (da <= db) {
      if (da < heap.bound()) this.searchK(a, q, qOffset, heap);
      if (db < heap.bound()) this.searchK(b, q, qOffset, heap);
    } else {
      if (db < heap.bound()) this.searchK(b, q, qOffset, heap);
      if (da < heap.bound()) this.searchK(a, q, qOffset, heap);
    }
  }

  /**
   * Squared distance to point p, or some value >= bound as soon as the partial sum reaches
   * bound (the terms are non-negative, so the full sum could only be larger).
   */
  private rdistBelow(p: number, q: Float64Array, qOffset: number, bound: number): number {
    const d = this.cols;
    const base = p * d;
    let sum = 0;
    for (let k = 0; k < d; k++) {
      const diff = (q[qOffset + k] as number) - (this.points[base + k] as number);
      sum += diff * diff;
      if (sum >= bound) return sum;
    }
    return sum;
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

/** Quickselect on `order[lo..hi]` by column `dim`, so that position `nth` holds its order statistic. */
function selectNth(order: Int32Array, data: Float64Array, cols: number, dim: number, lo: number, hi: number, nth: number): void {
  const key = (p: number) => data[(order[p] as number) * cols + dim] as number;
  while (hi > lo) {
    const pivot = key((lo + hi) >> 1);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (key(i) < pivot) i++;
      while (key(j) > pivot) j--;
      if (i <= j) {
        const t = order[i] as number;
        order[i] = order[j] as number;
        order[j] = t;
        i++;
        j--;
      }
    }
    if (nth <= j) hi = j;
    else if (nth >= i) lo = i;
    else return;
  }
}

/** Max-heap of the k smallest (rdist, position) pairs seen, stored in caller-provided arrays. */
class BoundedMaxHeap {
  private count = 0;

  constructor(
    private readonly capacity: number,
    private readonly positions: Int32Array,
    private readonly rdists: Float64Array,
  ) {}

  bound(): number {
    return this.count < this.capacity ? Infinity : (this.rdists[0] as number);
  }

  offer(position: number, rdist: number): void {
    if (this.count < this.capacity) {
      let i = this.count++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if ((this.rdists[parent] as number) >= rdist) break;
        this.rdists[i] = this.rdists[parent] as number;
        this.positions[i] = this.positions[parent] as number;
        i = parent;
      }
      this.rdists[i] = rdist;
      this.positions[i] = position;
    } else if (rdist < (this.rdists[0] as number)) {
      this.siftDown(0, this.count, position, rdist);
    }
  }

  private siftDown(start: number, count: number, position: number, rdist: number): void {
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= count) break;
      if (child + 1 < count && (this.rdists[child + 1] as number) > (this.rdists[child] as number)) child++;
      if ((this.rdists[child] as number) <= rdist) break;
      this.rdists[i] = this.rdists[child] as number;
      this.positions[i] = this.positions[child] as number;
      i = child;
    }
    this.rdists[i] = rdist;
    this.positions[i] = position;
  }

  /** Heap-sorts in place into ascending rdist order; returns the number of entries. */
  sortAscending(): number {
    for (let end = this.count - 1; end > 0; end--) {
      const rootRdist = this.rdists[0] as number;
      const rootPosition = this.positions[0] as number;
      this.siftDown(0, end, this.positions[end] as number, this.rdists[end] as number);
      this.rdists[end] = rootRdist;
      this.positions[end] = rootPosition;
    }
    return this.count;
  }
}
