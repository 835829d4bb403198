import { attributeRow, recoverNodeSizes } from "./isolation-attribution";
import { averagePathLength, ForestBuilder, type ForestArrays } from "./isolation-tree";
import { assertColumns } from "./matrix";
import { quantile } from "./quantile";
import { DEFAULT_SEED, Random } from "./random";
import type { Labels, Matrix } from "./types";

export interface IsolationForestOptions {
  nEstimators: number;
  /** Subsample size cap: each tree sees min(maxSamples, n) rows drawn without replacement. */
  maxSamples: number;
  /** Expected anomaly fraction; the label threshold is the training-score quantile 1 - contamination. */
  contamination: number;
  seed: number;
}

export const ISOLATION_FOREST_DEFAULTS: IsolationForestOptions = {
  nEstimators: 100,
  maxSamples: 256,
  contamination: 0.05,
  seed: DEFAULT_SEED,
};

export interface IsolationForestJSON {
  name: "isolationForest";
  options: IsolationForestOptions;
  cols: number;
  subsample: number;
  threshold: number;
  feature: number[];
  value: number[];
  right: number[];
  roots: number[];
}

/**
 * Isolation Forest (Liu, Ting & Zhou 2008), docs/pipeline.md §5. Scores are 2^(-E[h(x)] / c(psi)) in (0, 1]:
 * higher is more anomalous, about 0.5 and below is ordinary.
 */
export class IsolationForest {
  readonly options: IsolationForestOptions;
  private forest: ForestArrays | null = null;
  private cols = 0;
  private subsample = 0;
  private fittedThreshold = Infinity;
  private fittedScores: Float64Array = new Float64Array(0);
  /** Training rows per node, recovered on the first attribute() call. */
  private nodeSizes: Int32Array | null = null;

  constructor(options: Partial<IsolationForestOptions> = {}) {
    this.options = { ...ISOLATION_FOREST_DEFAULTS, ...options };
    const { nEstimators, maxSamples, contamination } = this.options;
    if (!Number.isInteger(nEstimators) || nEstimators < 1) throw new RangeError("nEstimators must be a positive integer");
    if (!Number.isInteger(maxSamples) || maxSamples < 1) throw new RangeError("maxSamples must be a positive integer");
    if (!(contamination >= 0 && contamination < 1)) throw new RangeError("contamination must be in [0, 1)");
  }

  /** Scores above this are anomalies (label 1); set by fit. */
  get threshold(): number {
    return this.fittedThreshold;
  }

  get fitted(): boolean {
    return this.forest !== null;
  }

  /** Scores of the rows fit() saw (computed anyway for the threshold; not saved by toJSON). */
  get trainingScores(): Float64Array {
    return this.fittedScores;
  }

  /** Grows a fresh forest (any previous one is discarded) and sets the label threshold. */
  fit(x: Matrix): this {
    if (x.rows === 0) throw new RangeError("IsolationForest needs at least one row");
    assertColumns(x, x.cols, "IsolationForest");
    const random = new Random(this.options.seed);
    const psi = Math.min(this.options.maxSamples, x.rows);
    const maxDepth = Math.ceil(Math.log2(Math.max(psi, 2)));
    const builder = new ForestBuilder();
    for (let t = 0; t < this.options.nEstimators; t++) {
      builder.addTree(x, random.sample(x.rows, psi), maxDepth, random);
    }
    this.forest = builder.finish();
    this.nodeSizes = null;
    this.cols = x.cols;
    this.subsample = psi;
    this.fittedScores = this.score(x);
    this.fittedThreshold = quantile(this.fittedScores, 1 - this.options.contamination);
    return this;
  }

  /** Anomaly score per row, 2^(-mean path length / c(psi)). */
  score(x: Matrix): Float64Array {
    const forest = this.forest;
    if (!forest) throw new Error("IsolationForest is not fitted");
    assertColumns(x, this.cols, "IsolationForest");
    const { feature, value, right, roots } = forest;
    const { rows, cols, data } = x;
    const trees = roots.length;
    // c(1) = 0 would divide by zero; a one-row forest puts every row at depth 0 anyway.
    const norm = averagePathLength(this.subsample) * trees || 1;
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      const base = i * cols;
      let total = 0;
      for (let t = 0; t < trees; t++) {
        let node = roots[t] as number;
        let f = feature[node] as number;
        while (f >= 0) {
          node = (data[base + f] as number) <= (value[node] as number) ? node + 1 : (right[node] as number);
          f = feature[node] as number;
        }
        total += value[node] as number;
      }
      out[i] = Math.pow(2, -total / norm);
    }
    return out;
  }

  /**
   * Which features isolated `row`: one non-negative weight per feature summing to 1 (all zeros
   * only for a forest without splits). Depth-based, Local-DIFFI style; see attributeRow.
   */
  attribute(row: ArrayLike<number>): Float64Array {
    const forest = this.forest;
    if (!forest) throw new Error("IsolationForest is not fitted");
    this.nodeSizes ??= recoverNodeSizes(forest, this.subsample);
    return attributeRow(forest, this.nodeSizes, row, this.cols);
  }

  /** 1 where score > threshold (default: the fitted threshold). */
  label(scores: ArrayLike<number>, threshold: number = this.fittedThreshold): Labels {
    const out = new Uint8Array(scores.length);
    for (let i = 0; i < scores.length; i++) out[i] = (scores[i] as number) > threshold ? 1 : 0;
    return out;
  }

  toJSON(): IsolationForestJSON {
    const forest = this.forest;
    if (!forest) throw new Error("IsolationForest is not fitted");
    return {
      name: "isolationForest",
      options: { ...this.options },
      cols: this.cols,
      subsample: this.subsample,
      threshold: this.fittedThreshold,
      feature: Array.from(forest.feature),
      value: Array.from(forest.value),
      right: Array.from(forest.right),
      roots: Array.from(forest.roots),
    };
  }

  static load(json: IsolationForestJSON): IsolationForest {
    if (json.name !== "isolationForest") throw new Error("not an IsolationForest model");
    const n = json.feature.length;
    if (json.value.length !== n || json.right.length !== n) throw new Error("IsolationForest model: node arrays disagree");
    const model = new IsolationForest(json.options);
    model.forest = {
      feature: Int32Array.from(json.feature),
      value: Float64Array.from(json.value),
      right: Int32Array.from(json.right),
      roots: Int32Array.from(json.roots),
    };
    model.cols = json.cols;
    model.subsample = json.subsample;
    model.fittedThreshold = json.threshold;
    return model;
  }
}
