import { averagePathLength, type ForestArrays } from "./isolation-tree";

/**
 * Training rows that reached each node of the forest, recovered from the saved arrays alone (so
 * models saved before attribution existed work too): a leaf stores depth + c(size) and c is
 * strictly increasing on 1, 2, ..., so the size is the n <= subsample whose c(n) matches;
 * an inner node holds the sum of its children. Nodes are in pre-order (children after parents),
 * which makes one forward pass for depths and one backward pass for sums enough.
 */
export function recoverNodeSizes(forest: ForestArrays, subsample: number): Int32Array {
  const { feature, value, right } = forest;
  const nodes = feature.length;
  const table = new Float64Array(subsample + 1);
  for (let n = 1; n <= subsample; n++) table[n] = averagePathLength(n);
  const depth = new Int32Array(nodes);
  for (let v = 0; v < nodes; v++) {
    if ((feature[v] as number) < 0) continue;
    depth[v + 1] = (depth[v] as number) + 1;
    depth[right[v] as number] = (depth[v] as number) + 1;
  }
  const sizes = new Int32Array(nodes);
  for (let v = nodes - 1; v >= 0; v--) {
    if ((feature[v] as number) >= 0) {
      sizes[v] = (sizes[v + 1] as number) + (sizes[right[v] as number] as number);
      continue;
    }
    const remaining = (value[v] as number) - (depth[v] as number);
    const n = nearestInTable(table, remaining);
    if (!(Math.abs((table[n] as number) - remaining) < 1e-6)) {
      throw new Error(`IsolationForest model: leaf ${v} holds ${value[v]}, not depth + c(size)`);
    }
    sizes[v] = n;
  }
  return sizes;
}

/** Index n >= 1 of ascending table[1..] closest to x. */
function nearestInTable(table: Float64Array, x: number): number {
  let lo = 1;
  let hi = table.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((table[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo > 1 && x - (table[lo - 1] as number) < (table[lo] as number) - x ? lo - 1 : lo;
}

/**
 * Which features isolated `row`: one non-negative weight per feature, summing to 1 (all zeros
 * only when no tree has a split). Depth-based, after Local-DIFFI (Carletti, Terzi & Susto,
 * "Interpretable anomaly detection with DIFFI", 2023):
 *
 * - Tree weight 1 / h_t(x), h_t = the path length the score uses (depth + c(leaf size)), so
 *   trees that isolate the row quickly, the ones that make its score high, count most. DIFFI
 *   uses 1/depth - 1/maxDepth; that is 0 for every tree a row reaches the depth limit in, which
 *   would give ordinary rows no attribution at all.
 * - Within a tree each split on the path credits its feature with c(n_parent) - c(n_child), the
 *   expected path length it removed: the split that cuts the row off from 100 training rows
 *   into a leaf of its own earns c(100) ~ 8.4, a split that merely halves the crowd ~1.4. This
 *   replaces DIFFI's separate imbalance coefficient and its division by appearance counts;
 *   crediting every split on the path equally would hand the irrelevant features of a
 *   d-feature row about as much as the isolating one, because random splits on them precede it.
 *   Per tree the credits add up to c(psi) - c(leaf size), so depth is what is being shared out.
 */
export function attributeRow(forest: ForestArrays, sizes: Int32Array, row: ArrayLike<number>, cols: number): Float64Array {
  if (row.length !== cols) throw new RangeError(`IsolationForest was fitted on ${cols} features, got ${row.length}`);
  const { feature, value, right, roots } = forest;
  const out = new Float64Array(cols);
  const credit = new Float64Array(cols);
  for (let t = 0; t < roots.length; t++) {
    credit.fill(0);
    let node = roots[t] as number;
    let f = feature[node] as number;
    let before = averagePathLength(sizes[node] as number);
    while (f >= 0) {
      node = (row[f] as number) <= (value[node] as number) ? node + 1 : (right[node] as number);
      const after = averagePathLength(sizes[node] as number);
      credit[f] = (credit[f] as number) + before - after;
      before = after;
      f = feature[node] as number;
    }
    const pathLength = value[node] as number;
    if (pathLength > 0) for (let j = 0; j < cols; j++) out[j] = (out[j] as number) + (credit[j] as number) / pathLength;
  }
  let total = 0;
  for (let j = 0; j < cols; j++) total += out[j] as number;
  if (total > 0) for (let j = 0; j < cols; j++) out[j] = (out[j] as number) / total;
  return out;
}
