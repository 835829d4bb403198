import { rdistBelow, type KdTree } from "./kd-tree";

/** Nearest-neighbour searches over a KdTree, branch and bound with the nearer child first. */

export interface NearestHit {
  /** Position in tree order (see `originalIndex`), -1 when the tree is empty. */
  position: number;
  /** Squared distance, Infinity when the tree is empty. */
  rdist: number;
}

/** The nearest point to q (any one of them on ties). */
export function findNearest(tree: KdTree, q: Float64Array, qOffset: number): NearestHit {
  const best: NearestHit = { position: -1, rdist: Infinity };
  if (tree.nodeCount > 0) searchNearest(tree, 0, q, qOffset, best);
  return best;
}

function searchNearest(tree: KdTree, node: number, q: Float64Array, qOffset: number, best: NearestHit): void {
  if (tree.isLeaf(node)) {
    const end = tree.nodeEnd[node] as number;
    for (let p = tree.nodeStart[node] as number; p < end; p++) {
      const r = tree.rdistBelow(p, q, qOffset, best.rdist);
      if (r < best.rdist) {
        best.rdist = r;
        best.position = p;
      }
    }
    return;
  }
  const a = tree.left[node] as number;
  const b = tree.right[node] as number;
  const da = tree.minRdist(a, q, qOffset);
  const db = tree.minRdist(b, q, qOffset);
  // Nearer child first: it tightens the bound that prunes the other.
  if (da <= db) {
    if (da < best.rdist) searchNearest(tree, a, q, qOffset, best);
    if (db < best.rdist) searchNearest(tree, b, q, qOffset, best);
  } else {
    if (db < best.rdist) searchNearest(tree, b, q, qOffset, best);
    if (da < best.rdist) searchNearest(tree, a, q, qOffset, best);
  }
}

/**
 * A tree built on turned rows (principal-axes.ts) and the same rows as they were, in tree order:
 * the tree's boxes prune, the original rows give every distance.
 */
export interface TurnedTree {
  tree: KdTree;
  /** The original rows in tree order, row-major. */
  original: Float64Array;
  /**
   * How far a turned distance may fall short of the original one (absolute, in distance units):
   * far more than the rounding of a turn and a sum, far less than any gap that prunes.
   */
  slack: number;
}

/**
 * The k nearest points to the point at tree position `p` of a TurnedTree, nearest first: fills
 * `positions` and `rdists` (length >= k; the caller owns them, so a loop of queries allocates
 * nothing) and returns how many were found (min(k, size)). The squared distances are summed in the
 * original coordinates in column order, so they are those a tree of the original rows gives. A
 * node is passed over only when its box, less `slack`, is already beyond the k-th distance found,
 * so no point such a search would take is passed over. `cap`: no point at or beyond it is taken.
 */
export function findKNearestTurned(turned: TurnedTree, p: number, k: number, positions: Int32Array, rdists: Float64Array, cap = Infinity): number {
  const heap = new BoundedMaxHeap(k, positions, rdists, cap);
  if (turned.tree.nodeCount > 0 && k > 0) searchTurned(turned, 0, p * turned.tree.cols, heap);
  return heap.sortAscending();
}

function searchTurned(turned: TurnedTree, node: number, offset: number, heap: BoundedMaxHeap): void {
  const { tree, original } = turned;
  if (tree.isLeaf(node)) {
    const end = tree.nodeEnd[node] as number;
    for (let p = tree.nodeStart[node] as number; p < end; p++) {
      const bound = heap.bound();
      const r = rdistBelow(original, tree.cols, p, original, offset, bound);
      if (r < bound) heap.offer(p, r);
    }
    return;
  }
  const a = tree.left[node] as number;
  const b = tree.right[node] as number;
  const da = lessSlack(tree.minRdist(a, tree.points, offset), turned.slack);
  const db = lessSlack(tree.minRdist(b, tree.points, offset), turned.slack);
  if (da <= db) {
    if (da < heap.bound()) searchTurned(turned, a, offset, heap);
    if (db < heap.bound()) searchTurned(turned, b, offset, heap);
  } else {
    if (db < heap.bound()) searchTurned(turned, b, offset, heap);
    if (da < heap.bound()) searchTurned(turned, a, offset, heap);
  }
}

/** A squared distance brought `slack` closer (0 once within it). */
function lessSlack(rdist: number, slack: number): number {
  const distance = Math.sqrt(rdist) - slack;
  return distance > 0 ? distance * distance : 0;
}

/** Max-heap of the k smallest (rdist, position) pairs seen, stored in caller-provided arrays. */
class BoundedMaxHeap {
  private count = 0;

  constructor(
    private readonly capacity: number,
    private readonly positions: Int32Array,
    private readonly rdists: Float64Array,
    private readonly cap: number,
  ) {}

  bound(): number {
    return this.count < this.capacity ? this.cap : (this.rdists[0] as number);
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
