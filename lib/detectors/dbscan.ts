import { findCoreComponents, nearCorePairs } from "./dbscan-components";
import { findCorePoints } from "./dbscan-core-points";
import { KdTree } from "./kd-tree";
import { findNearest } from "./kd-tree-search";
import type { Neighbourhoods } from "./k-distance";
import { allFinite, assertColumns } from "./matrix";
import type { Labels, Matrix } from "./types";

export interface DbscanOptions {
  /** Neighbourhood radius; a point at distance exactly eps is a neighbour. */
  eps: number;
  /** Neighbours (the point itself included) that make a point core. */
  minSamples: number;
}

export const DBSCAN_DEFAULTS: DbscanOptions = { eps: 0.5, minSamples: 5 };

export interface DbscanResult {
  /** Cluster per row, -1 = noise. Clusters are numbered by their lowest-index core row. */
  clusters: Int32Array;
  /** Anomaly label per row: 1 = noise. */
  labels: Labels;
  /** 1 where the row is a core point. */
  core: Uint8Array;
  /** Euclidean distance to the nearest core point (0 for core rows, Infinity without cores). */
  coreDistances: Float64Array;
}

export interface DbscanPrediction {
  /** 1 = noise: no stored core point within eps. */
  labels: Labels;
  /** Cluster of the nearest core point within eps, -1 for noise. */
  clusters: Int32Array;
  coreDistances: Float64Array;
}

/**
 * A fitted model in typed arrays: what the DBSCAN thread posts back (a clone of two buffers
 * instead of a million-element array of boxed numbers) and what dbscan.json is written from, a
 * piece at a time (model-store.ts). At 10M lines the core points are about 700k numbers.
 */
export interface DbscanState {
  options: DbscanOptions;
  cols: number;
  /** Distinct core points, row-major. */
  corePoints: Float64Array;
  /** Cluster of each core point, numbered from 0 below the number of core points. */
  coreClusters: Int32Array;
}

/** dbscan.json: the state with a name, its arrays as JSON arrays. */
export interface DbscanJSON extends Omit<DbscanState, "corePoints" | "coreClusters"> {
  name: "dbscan";
  corePoints: number[];
  coreClusters: number[];
}

/**
 * DBSCAN (docs/pipeline.md §5) with scikit-learn's semantics: Euclidean distance, neighbourhoods include
 * the point itself and every point with squared distance <= eps * eps (scikit-learn's KDTree
 * compares squared distances the same way), a core point has >= minSamples neighbours, and
 * noise is every non-core point with no core point within eps.
 *
 * Core points and noise are exactly scikit-learn's. A border point reachable from several
 * clusters joins the cluster of its nearest core point; scikit-learn takes whichever cluster
 * reaches it first, which depends on its traversal order.
 */
export class Dbscan {
  readonly options: DbscanOptions;
  private cols = 0;
  private coreTree: KdTree | null = null;
  /** Cluster of each stored core point, by core-tree position. */
  private coreClusters: Int32Array = new Int32Array(0);
  /** What load() read, until fit() replaces the model. */
  private loadedFrom: DbscanState | null = null;

  constructor(options: Partial<DbscanOptions> = {}) {
    this.options = { ...DBSCAN_DEFAULTS, ...options };
    const { eps, minSamples } = this.options;
    if (!(eps > 0) || !Number.isFinite(eps)) throw new RangeError(`eps must be a positive number, got ${eps}`);
    if (!Number.isInteger(minSamples) || minSamples < 1) {
      throw new RangeError(`minSamples must be a positive integer, got ${minSamples}`);
    }
  }

  /** Number of stored (distinct) core points. */
  get coreCount(): number {
    return this.loadedFrom?.coreClusters.length ?? this.coreTree?.size ?? 0;
  }

  get fitted(): boolean {
    return this.coreTree !== null || this.loadedFrom !== null;
  }

  /**
   * The core points' tree, which a loaded model builds when it first searches: a model fitted on
   * DBSCAN's thread comes back loaded, and the pipeline only saves it (scoring takes the fit's own
   * labels), so the rebuild cost the main thread about 0.1 s at 10M lines for nothing.
   */
  private searchTree(): KdTree | null {
    if (this.coreTree === null && this.loadedFrom !== null) {
      const { corePoints, coreClusters, cols } = this.loadedFrom;
      this.coreTree = new KdTree(corePoints, cols);
      // The rebuilt tree may order points differently from the saved one.
      this.coreClusters = Int32Array.from(this.coreTree.originalIndex, (i) => coreClusters[i] ?? -1);
    }
    return this.coreTree;
  }

  /**
   * `given`: findNeighbourhoods(x, minSamples) of this very x, when known (an automatic eps has
   * them): the core test counts nothing, and near core rows are joined before the search for the
   * rest. Not used on rows holding NaN or an infinity, where a count and a nearest-rows search
   * disagree on which rows are near (neither happens to scaled window features). Without them the
   * core test's counts note the rows they find, and those are joined first instead.
   */
  fit(x: Matrix, given?: Neighbourhoods): DbscanResult {
    this.loadedFrom = null;
    const r2 = this.options.eps * this.options.eps;
    const cols = x.cols;
    if (given !== undefined && given.k !== this.options.minSamples) throw new RangeError(`neighbourhoods of ${given.k} rows do not fit min samples ${this.options.minSamples}`);
    const near = given !== undefined && allFinite(x.data) ? given : undefined;
    const cores = findCorePoints(x, this.options, near?.rdists, near === undefined);
    const { rows, isCore, coreIds, coreTree } = cores;
    const uniqueToCorePosition = new Int32Array(rows.count).fill(-1);
    for (let p = 0; p < coreTree.size; p++) {
      uniqueToCorePosition[coreIds[coreTree.originalIndex[p] as number] as number] = p;
    }
    const nearRows = near ?? cores.near;
    const roots = findCoreComponents(coreTree, r2, nearRows && nearCorePairs(nearRows, uniqueToCorePosition));

    // Number components in order of their first core row, as scikit-learn's scan does.
    const rootCluster = new Int32Array(coreTree.size).fill(-1);
    let nextCluster = 0;
    for (let i = 0; i < x.rows; i++) {
      const p = uniqueToCorePosition[rows.rowToUnique[i] as number] as number;
      if (p < 0) continue;
      const root = roots[p] as number;
      if ((rootCluster[root] as number) < 0) rootCluster[root] = nextCluster++;
    }
    const coreClusters = new Int32Array(coreTree.size);
    for (let p = 0; p < coreTree.size; p++) coreClusters[p] = rootCluster[roots[p] as number] as number;

    this.cols = cols;
    this.coreTree = coreTree;
    this.coreClusters = coreClusters;

    const uniqueCluster = new Int32Array(rows.count);
    const uniqueDistance = new Float64Array(rows.count);
    for (let u = 0; u < rows.count; u++) {
      const p = uniqueToCorePosition[u] as number;
      if (p >= 0) {
        uniqueCluster[u] = coreClusters[p] as number;
        uniqueDistance[u] = 0;
        continue;
      }
      const hit = findNearest(coreTree, rows.unique, u * cols);
      uniqueCluster[u] = hit.rdist <= r2 ? (coreClusters[hit.position] as number) : -1;
      uniqueDistance[u] = Math.sqrt(hit.rdist);
    }

    const result: DbscanResult = {
      clusters: new Int32Array(x.rows),
      labels: new Uint8Array(x.rows),
      core: new Uint8Array(x.rows),
      coreDistances: new Float64Array(x.rows),
    };
    for (let i = 0; i < x.rows; i++) {
      const u = rows.rowToUnique[i] as number;
      const cluster = uniqueCluster[u] as number;
      result.clusters[i] = cluster;
      result.labels[i] = cluster < 0 ? 1 : 0;
      result.core[i] = isCore[u] as number;
      result.coreDistances[i] = uniqueDistance[u] as number;
    }
    return result;
  }

  /** Labels new rows against the fitted core points: noise unless within eps of one. */
  predict(x: Matrix): DbscanPrediction {
    const tree = this.searchTree();
    if (!tree) throw new Error("Dbscan is not fitted");
    assertColumns(x, this.cols, "Dbscan");
    const r2 = this.options.eps * this.options.eps;
    const out: DbscanPrediction = {
      labels: new Uint8Array(x.rows),
      clusters: new Int32Array(x.rows),
      coreDistances: new Float64Array(x.rows),
    };
    for (let i = 0; i < x.rows; i++) {
      const hit = findNearest(tree, x.data, i * x.cols);
      const inside = hit.rdist <= r2;
      out.labels[i] = inside ? 0 : 1;
      out.clusters[i] = inside ? (this.coreClusters[hit.position] as number) : -1;
      out.coreDistances[i] = Math.sqrt(hit.rdist);
    }
    return out;
  }

  /**
   * The model's own arrays, not copies: read them, do not change them. A loaded model gives what it
   * was loaded from: its rebuilt tree orders the points its own way, and a model fitted on another
   * thread (lib/pipeline/dbscan-thread.ts) must save the same bytes.
   */
  toState(): DbscanState {
    if (this.loadedFrom !== null) return { ...this.loadedFrom, options: { ...this.loadedFrom.options } };
    return {
      options: { ...this.options },
      cols: this.cols,
      corePoints: this.coreTree?.points ?? new Float64Array(0),
      coreClusters: this.coreClusters,
    };
  }

  toJSON(): DbscanJSON {
    const { options, cols, corePoints, coreClusters } = this.toState();
    return { name: "dbscan", options, cols, corePoints: Array.from(corePoints), coreClusters: Array.from(coreClusters) };
  }

  static load(json: DbscanJSON): Dbscan {
    if (json.name !== "dbscan") throw new Error("not a Dbscan model");
    const { options, cols } = json;
    assertClusterIds(json.coreClusters);
    const corePoints = Float64Array.from(json.corePoints);
    return Dbscan.fromState({ options, cols, corePoints, coreClusters: Int32Array.from(json.coreClusters) });
  }

  /** A model from toState(); it keeps the state's arrays, so the caller must not change them after. */
  static fromState(state: DbscanState): Dbscan {
    const { corePoints, coreClusters, cols } = state;
    if (corePoints.length !== coreClusters.length * cols) {
      throw new Error("Dbscan model: core points and clusters disagree in length");
    }
    assertClusterIds(coreClusters);
    const model = new Dbscan(state.options);
    model.cols = cols;
    model.loadedFrom = state;
    return model;
  }
}

/**
 * Clusters are numbered by component, so each id is below the number of core points. Checked
 * before a saved model is turned into typed arrays: an id past that, or past Int32Array's range,
 * would be saved back changed.
 */
function assertClusterIds(clusters: ArrayLike<number>): void {
  for (let i = 0; i < clusters.length; i++) {
    const c = clusters[i] as number;
    if (!(Number.isInteger(c) && c >= 0 && c < clusters.length)) {
      throw new Error("Dbscan model: a core point's cluster is not a whole number below the number of core points");
    }
  }
}
