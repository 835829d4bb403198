import { squaredDistance } from "../../lib/detectors/matrix";
import { Random } from "../../lib/detectors/random";
import type { Matrix } from "../../lib/detectors/types";

/**
 * Clustered rows with many exact duplicates plus scattered outliers: the shape of window
 * features, where counts repeat and a few windows stand apart.
 */
export function makeClusteredData(rows: number, cols: number, seed: number): Matrix {
  const random = new Random(seed);
  const centres = Array.from({ length: 4 }, () => Array.from({ length: cols }, () => random.nextGaussian() * 3));
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const kind = random.nextFloat();
    const centre = centres[random.nextInt(centres.length)] ?? [];
    for (let j = 0; j < cols; j++) {
      const c = centre[j] ?? 0;
      // A third of the rows snap to a coarse grid, which creates exact duplicates.
      const v = kind < 0.33 ? c + Math.round(random.nextGaussian()) * 0.25 : kind < 0.97 ? c + random.nextGaussian() * 0.3 : random.nextGaussian() * 8;
      data[i * cols + j] = v;
    }
  }
  return { rows, cols, data };
}

/** Reference DBSCAN by all pairs: core flags and noise flags, and whether two cores share a cluster. */
export function bruteDbscan(x: Matrix, eps: number, minSamples: number) {
  const n = x.rows;
  const r2 = eps * eps;
  const neighbours: number[][] = [];
  for (let i = 0; i < n; i++) {
    const list: number[] = [];
    for (let j = 0; j < n; j++) if (squaredDistance(x.data, i, x.data, j, x.cols) <= r2) list.push(j);
    neighbours.push(list);
  }
  const core = neighbours.map((list) => list.length >= minSamples);
  const noise = neighbours.map((list, i) => !core[i] && !list.some((j) => core[j]));
  // Components of the core graph by flood fill.
  const component = new Int32Array(n).fill(-1);
  let next = 0;
  for (let i = 0; i < n; i++) {
    if (!core[i] || (component[i] as number) >= 0) continue;
    const stack = [i];
    component[i] = next;
    while (stack.length > 0) {
      const p = stack.pop() as number;
      for (const q of neighbours[p] ?? []) {
        if (core[q] && (component[q] as number) < 0) {
          component[q] = next;
          stack.push(q);
        }
      }
    }
    next++;
  }
  return { core, noise, component, neighbours };
}

/** Sorted distances from row i to every row (itself included). */
export function sortedDistancesFrom(x: Matrix, i: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < x.rows; j++) out.push(Math.sqrt(squaredDistance(x.data, i, x.data, j, x.cols)));
  return out.sort((a, b) => a - b);
}
