import type { KdTree } from "./kd-tree";

/**
 * Connected components of the "within eps" graph over core points: DBSCAN clusters are exactly
 * these components (plus border points). Returns a component root per tree position.
 *
 * Enumerating every core-core pair costs O(n^2) inside a dense blob, so queries work per kd-tree
 * node: a node entirely within eps of the query point is merged wholesale, and a node whose
 * points are known to share one component (`connected`) is skipped once the query point joined
 * that component. Each node is expanded point by point at most once by the wholesale merge.
 */
export function findCoreComponents(tree: KdTree, r2: number): Int32Array {
  const n = tree.size;
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

  const visit = (node: number, p: number, q: Float64Array, qOffset: number): void => {
    const start = tree.nodeStart[node] as number;
    const end = tree.nodeEnd[node] as number;
    if (connected[node] && find(start) === find(p)) return;
    if (tree.minRdist(node, q, qOffset) > r2) return;
    if (tree.maxRdist(node, q, qOffset) <= r2) {
      if (connected[node]) {
        union(p, start);
      } else {
        for (let k = start; k < end; k++) union(p, k);
        connected[node] = 1;
      }
      return;
    }
    if (tree.isLeaf(node)) {
      for (let k = start; k < end; k++) {
        if (find(k) !== find(p) && tree.rdist(k, q, qOffset) <= r2) union(p, k);
      }
      connected[node] = allShareRoot(start, end) ? 1 : 0;
      return;
    }
    const left = tree.left[node] as number;
    const right = tree.right[node] as number;
    visit(left, p, q, qOffset);
    visit(right, p, q, qOffset);
    if (connected[left] && connected[right] && find(tree.nodeStart[left] as number) === find(tree.nodeStart[right] as number)) {
      connected[node] = 1;
    }
  };
  const allShareRoot = (start: number, end: number): boolean => {
    const root = find(start);
    for (let k = start + 1; k < end; k++) if (find(k) !== root) return false;
    return true;
  };

  if (tree.nodeCount > 0) {
    for (let p = 0; p < n; p++) visit(0, p, tree.points, p * tree.cols);
  }
  const roots = new Int32Array(n);
  for (let p = 0; p < n; p++) roots[p] = find(p);
  return roots;
}
