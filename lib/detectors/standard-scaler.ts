import { assertColumns, createMatrix } from "./matrix";
import type { Matrix } from "./types";

export interface StandardScalerJSON {
  name: "standardScaler";
  mean: number[];
  scale: number[];
}

/**
 * Standard scaling, docs/pipeline.md §4: (x - mean) / std with the population std (ddof = 0); a constant
 * column is scaled by 1. Mirrors scikit-learn's StandardScaler so that DBSCAN boundaries land
 * where the golden files put them.
 */
export class StandardScaler {
  private mean: Float64Array = new Float64Array(0);
  private scale: Float64Array = new Float64Array(0);

  get means(): readonly number[] {
    return Array.from(this.mean);
  }

  get scales(): readonly number[] {
    return Array.from(this.scale);
  }

  get fitted(): boolean {
    return this.mean.length > 0;
  }

  fit(x: Matrix): this {
    if (x.rows === 0) throw new RangeError("StandardScaler needs at least one row");
    const { rows: n, cols: d, data } = x;
    const mean = new Float64Array(d);
    const scale = new Float64Array(d);
    for (let j = 0; j < d; j++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += data[i * d + j] as number;
      const m = sum / n;
      // Two-pass variance with the compensation term scikit-learn uses
      // (_incremental_mean_and_var): it cancels the rounding error of the mean.
      let correction = 0;
      let squares = 0;
      for (let i = 0; i < n; i++) {
        const diff = (data[i * d + j] as number) - m;
        correction += diff;
        squares += diff * diff;
      }
      const variance = Math.max(0, (squares - (correction * correction) / n) / n);
      mean[j] = m;
      scale[j] = isConstantColumn(variance, m, n) ? 1 : Math.sqrt(variance);
    }
    this.mean = mean;
    this.scale = scale;
    return this;
  }

  /** `x` scaled, into `out` when given (as many rows and columns as `x`; a caller's own memory). */
  transform(x: Matrix, out: Matrix = createMatrix(x.rows, x.cols)): Matrix {
    if (!this.fitted) throw new Error("StandardScaler is not fitted");
    assertColumns(x, this.mean.length, "StandardScaler");
    const { rows, cols } = x;
    if (out.rows !== rows || out.cols !== cols || out.data.length !== rows * cols) throw new RangeError(`StandardScaler.transform: out must be ${rows} × ${cols}`);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const k = i * cols + j;
        out.data[k] = ((x.data[k] as number) - (this.mean[j] as number)) / (this.scale[j] as number);
      }
    }
    return out;
  }

  fitTransform(x: Matrix): Matrix {
    return this.fit(x).transform(x);
  }

  toJSON(): StandardScalerJSON {
    return { name: "standardScaler", mean: Array.from(this.mean), scale: Array.from(this.scale) };
  }

  static load(json: StandardScalerJSON): StandardScaler {
    if (json.name !== "standardScaler" || json.mean.length !== json.scale.length) {
      throw new Error("not a StandardScaler model");
    }
    const scaler = new StandardScaler();
    scaler.mean = Float64Array.from(json.mean);
    scaler.scale = Float64Array.from(json.scale);
    return scaler;
  }
}

/**
 * scikit-learn's _is_constant_feature: a variance this small is rounding noise of a constant
 * column, so the column must be scaled by 1 rather than blown up by a tiny std.
 */
function isConstantColumn(variance: number, mean: number, n: number): boolean {
  const eps = Number.EPSILON;
  const bound = n * eps * variance + (n * mean * eps) ** 2;
  return variance <= bound;
}
