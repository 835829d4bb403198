// DBSCAN's noise without its clusters (dbscan.ts): what relabelling and threshold searches need.
import { DBSCAN_DEFAULTS, type DbscanOptions } from "./dbscan";
import { findCorePoints } from "./dbscan-core-points";
import { findNearest } from "./kd-tree-search";
import { allFinite } from "./matrix";
import type { Labels, Matrix } from "./types";

/**
 * DBSCAN's noise labels and distances to the nearest core point without numbering clusters:
 * relabelling needs only these, and joining core points into clusters is about half of a fit.
 * Gives exactly the labels and distances of `fit`; `rdists` as there.
 */
export function findDbscanNoise(x: Matrix, options: Partial<DbscanOptions> = {}, rdists?: Float64Array): { labels: Labels; coreDistances: Float64Array } {
  const settings = { ...DBSCAN_DEFAULTS, ...options };
  const r2 = settings.eps * settings.eps;
  const cols = x.cols;
  const { rows, isCore, coreTree } = findCorePoints(x, settings, rdists !== undefined && allFinite(x.data) ? rdists : undefined);
  // Squared distances, compared with eps^2 exactly as fit and scikit-learn compare them.
  const uniqueRdist = new Float64Array(rows.count);
  for (let u = 0; u < rows.count; u++) {
    if (!isCore[u]) uniqueRdist[u] = findNearest(coreTree, rows.unique, u * cols).rdist;
  }
  const labels = new Uint8Array(x.rows);
  const coreDistances = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    const rdist = uniqueRdist[rows.rowToUnique[i] as number] as number;
    coreDistances[i] = Math.sqrt(rdist);
    labels[i] = rdist <= r2 ? 0 : 1;
  }
  return { labels, coreDistances };
}
