import type { KdTree } from "./kd-tree";
import type { NearRows } from "./k-distance";

/**
 * Connected components of the "within eps" graph over core points: DBSCAN clusters are exactly
 * these components (plus border points). Returns a component root per tree position.
 *
 * Enumerating every core-core pair costs O(n^2) inside a dense blob, and one range query per
 * point costs a walk down the tree per point. Instead each leaf of the tree is queried as a
 * whole (a dual-tree walk): node pairs farther apart than eps are pruned with box-to-box bounds,
 * pairs entirely within eps are merged wholesale, and a node whose points are known to share
 * one component (`connected`) is skipped once the query leaf joined that component. Bounds use
 * the same monotone floating-point operations as the point distances, so nothing is lost.
 */
export function findCoreComponents(tree: KdTree, r2: number, nearPairs?: Int32Array): Int32Array {
  const n = tree.size;
  const d = tree.cols;
  const { nodeStart, nodeEnd } = tree;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const connected = new Uint8Array(tree.nodeCount);

  const find = (x: number): number => {
    let root = x;
    while ((parent[root] as number) !== root) root = parent[root] as number;
    while ((parent[x] as number) !== root) {
      const next = parent[x] as number;
      parent[x] = root;
      x = next;
    }
    return root;
  };
  const union = (a: number, b: number): void => {
    const ra = find(a);
    const rb = find(b);
    // Lower root wins, which keeps the result independent of traversal details.
    if (ra < rb) parent[rb] = ra;
    else if (rb < ra) parent[ra] = rb;
  };
  const allShareRoot = (node: number): boolean => {
    const end = nodeEnd[node] as number;
    const root = find(nodeStart[node] as number);
    for (let k = (nodeStart[node] as number) + 1; k < end; k++) if (find(k) !== root) return false;
    return true;
  };
  /** Merges every point of `node` into p's component. */
  const absorb = (p: number, node: number): void => {
    if (connected[node]) {
      union(p, nodeStart[node] as number);
      return;
    }
    const end = nodeEnd[node] as number;
    for (let k = nodeStart[node] as number; k < end; k++) union(p, k);
    connected[node] = 1;
  };
  /** Point p of the query leaf against leaf `node`. */
  const visitPoint = (p: number, node: number): void => {
    const q = tree.points;
    const qOffset = p * d;
    if (connected[node] && find(nodeStart[node] as number) === find(p)) return;
    if (tree.minRdist(node, q, qOffset) > r2) return;
    if (tree.maxRdist(node, q, qOffset) <= r2) {
      absorb(p, node);
      return;
    }
    const end = nodeEnd[node] as number;
    for (let k = nodeStart[node] as number; k < end; k++) {
      if (find(k) !== find(p) && tree.rdistWithin(k, q, qOffset, r2)) union(p, k);
    }
  };

  const visit = (leaf: number, node: number): void => {
    if (connected[node] && connected[leaf] && find(nodeStart[node] as number) === find(nodeStart[leaf] as number)) return;
    if (tree.boxMinRdist(leaf, node) > r2) return;
    const leafStart = nodeStart[leaf] as number;
    const leafEnd = nodeEnd[leaf] as number;
    if (tree.boxMaxRdist(leaf, node) <= r2) {
      absorb(leafStart, node);
      absorb(leafStart, leaf);
      return;
    }
    if (tree.isLeaf(node)) {
      for (let p = leafStart; p < leafEnd; p++) visitPoint(p, node);
      if (!connected[node]) connected[node] = allShareRoot(node) ? 1 : 0;
      if (!connected[leaf]) connected[leaf] = allShareRoot(leaf) ? 1 : 0;
      return;
    }
    const left = tree.left[node] as number;
    const right = tree.right[node] as number;
    visit(leaf, left);
    visit(leaf, right);
    if (!connected[node] && connected[left] && connected[right]) {
      connected[node] = find(nodeStart[left] as number) === find(nodeStart[right] as number) ? 1 : 0;
    }
  };

  // Pairs already known to be near (nearCorePairs) are joined first, when within eps by the walk's
  // own test: most of a dense blob is then one component before the walk starts, and it skips what
  // already is. (A core row's nearest are mostly within eps; with repeated rows, not all.)
  // On the 96,641 core points of the 10M-line bench log's windows the walk went from 4.5 s to 1.0 s.
  for (let m = 0; nearPairs !== undefined && m + 1 < nearPairs.length; m += 2) {
    const a = nearPairs[m] as number;
    const b = nearPairs[m + 1] as number;
    if (find(a) !== find(b) && tree.rdistWithin(b, tree.points, a * d, r2)) union(a, b);
  }
  for (let node = 0; node < tree.nodeCount; node++) {
    if (tree.isLeaf(node)) visit(node, 0);
  }
  const roots = new Int32Array(n);
  for (let p = 0; p < n; p++) roots[p] = find(p);
  return roots;
}

/**
 * Pairs of core points (core-tree positions, flat) found near each other (NearRows: by
 * findNeighbourhoods or by the core test's counts): candidates for findCoreComponents to join
 * first, each still checked against eps there.
 * `uniqueToCorePosition`: a distinct row's core-tree position, -1 for a row that is not core.
 */
export function nearCorePairs(near: NearRows, uniqueToCorePosition: Int32Array): Int32Array {
  const { slots, nearest } = near;
  const pairs = new Int32Array(2 * slots * uniqueToCorePosition.length);
  let count = 0;
  for (let u = 0; u < uniqueToCorePosition.length; u++) {
    const p = uniqueToCorePosition[u] as number;
    if (p < 0) continue;
    for (let m = u * slots; m < (u + 1) * slots; m++) {
      const v = nearest[m] as number;
      const q = v < 0 || v === u ? -1 : (uniqueToCorePosition[v] as number);
      if (q < 0) continue;
      pairs[count++] = p;
      pairs[count++] = q;
    }
  }
  return pairs.subarray(0, count);
}
