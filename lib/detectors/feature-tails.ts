import { matrixColumn } from "./matrix";
import { absoluteDeviations, MAD_SCALE, median } from "./robust-scale";
import type { Matrix } from "./types";

/**
 * Feature tails (issue #12): a parameter-free detector that asks of each feature alone how far a
 * window is from ordinary, in the spirit of ECOD and HBOS (per-feature tails, no distances, no
 * training loop). A window's score is the largest, over features, of two robust z-scores:
 * - its own value's, for a spike;
 * - the median of the 5 windows centred on it, for a sustained shift (a config drift raising the
 *   error lines by a third for 12 minutes) that no single window shows. The median of 5 normal
 *   values has a standard deviation of 0.536, so dividing by it keeps the same z scale, and one
 *   spike cannot lift its neighbours (a mean would).
 *
 * Why these choices (held-out evaluation, bench/eval.ts; chosen on the 14 train logs only, where
 * the three multivariate detectors' median z reached a mean F1 of 0.79 at its cut of 5):
 * - **Each feature alone.** Episodes move one or two features far (error lines, failed logins,
 *   rare templates); a distance over 13 standardised features dilutes them. The maximum of per-
 *   feature z-scores at cut 10 gave 0.88; the sum, the L2 norm and the two highest gave 0.87-0.88.
 * - **A floor under the scale: sqrt(mean + 1).** Counts that are 0 in most windows have MAD 0, and
 *   a plain robust z makes 12 stray "invalid user" lines a 12-sigma event. A Poisson count of mean
 *   m varies by sqrt(m), so the scale is never below that (sqrt(median + 1): 0.876 at its best cut).
 * - **The centred median of 5.** 0.932 against 0.886 without it (3 windows: 0.916; 7: 0.930). A
 *   trailing median (the 5 windows ending at this one) gave only 0.80: it flags the windows after
 *   an episode ends. So a window's score needs the 2 windows after it (lib/pipeline/score-windows.ts).
 * - **Both tails.** A service falling silent lowers its counts. Scoring only increases gave the
 *   same train F1, so both directions count.
 */
export interface FeatureTailsOptions {
  /** Odd number of windows in the centred median (1 = no sustained-shift term). */
  span: number;
}

export const FEATURE_TAILS_DEFAULTS: FeatureTailsOptions = { span: 5 };

/**
 * Standard deviation of the median of n standard normal values (index n - 1; 2 million draws
 * each): keeps the centred median's z on the single window's scale. Near either end of the log
 * the median is over the windows there are (3 of 5 for the first window), never over copies of
 * the edge window, which would pass an edge spike off as a sustained shift.
 */
const MEDIAN_SD = [1, 0.7071, 0.6698, 0.5455, 0.5359, 0.4631, 0.4594, 0.4098, 0.4085] as const;
const TAIL_SPANS = [1, 3, 5, 7, 9];

/** Refuses a centred-median span the table above has no scale for (feature and host tails alike). */
export function checkTailSpan(span: number): void {
  if (!TAIL_SPANS.includes(span)) throw new RangeError("span must be 1, 3, 5, 7 or 9");
}

/**
 * The median of `z` over the windows within `half` of window i (fewer at either end), on the single
 * window's scale (divided by the standard deviation of such a median of normals, MEDIAN_SD).
 */
export function centredMedianZ(z: Float64Array, i: number, half: number): number {
  const from = Math.max(0, i - half);
  const to = Math.min(z.length, i + half + 1);
  return median(z, from, to) / (MEDIAN_SD[to - from - 1] ?? 1);
}

/** One feature's centre and scale on the training windows. */
export interface FeatureTailCalibration {
  median: number;
  scale: number;
}

export interface FeatureTailsJSON {
  name: "featureTails";
  options: FeatureTailsOptions;
  calibrations: FeatureTailCalibration[];
}

/** A window's score and the feature (column index) that gave it. */
export interface FeatureTailScores {
  scores: Float64Array;
  features: Int32Array;
}

/** Median and scale of one column: max(1.4826 MAD, sqrt(|mean| + 1)), so never 0. */
export function calibrateFeature(column: ArrayLike<number>): FeatureTailCalibration {
  const m = median(column);
  // Loops rather than Float64Array.from with a callback, in absoluteDeviations(), matrixColumn() and
  // the score ensemble: calibrating at a run's end, 101,882 windows alone, took 237-268 ms against 370-420.
  const deviations = absoluteDeviations(column, m);
  let sum = 0;
  for (let i = 0; i < column.length; i++) sum += column[i] as number;
  const mean = column.length === 0 ? 0 : sum / column.length;
  return { median: Number.isFinite(m) ? m : 0, scale: Math.max(MAD_SCALE * median(deviations) || 0, Math.sqrt(Math.abs(mean) + 1)) };
}

export class FeatureTails {
  readonly options: FeatureTailsOptions;
  private calibrations: FeatureTailCalibration[] = [];

  constructor(options: Partial<FeatureTailsOptions> = {}) {
    this.options = { ...FEATURE_TAILS_DEFAULTS, ...options };
    checkTailSpan(this.options.span);
  }

  /** Learns each feature's median and scale from the training windows (raw, unscaled features). */
  fit(x: Matrix): this {
    if (x.rows === 0) throw new RangeError("FeatureTails.fit needs at least one window");
    this.calibrations = Array.from({ length: x.cols }, (_, j) => calibrateFeature(matrixColumn(x, j)));
    return this;
  }

  get fitted(): readonly FeatureTailCalibration[] {
    return this.calibrations;
  }

  /**
   * Scores windows given in time order (the centred median reads each window's neighbours in
   * `x`; at either end the edge window stands in for the missing ones).
   */
  score(x: Matrix): FeatureTailScores {
    if (x.cols !== this.calibrations.length) throw new RangeError(`FeatureTails was fitted on ${this.calibrations.length} features, not ${x.cols}`);
    const n = x.rows;
    const scores = new Float64Array(n);
    const features = new Int32Array(n);
    const half = this.options.span >> 1;
    const z = new Float64Array(n);
    this.calibrations.forEach(({ median: centre, scale }, j) => {
      for (let i = 0; i < n; i++) {
        const v = x.data[i * x.cols + j] as number;
        z[i] = Number.isFinite(v) ? (v - centre) / scale : 0;
      }
      for (let i = 0; i < n; i++) {
        let best = Math.abs(z[i] as number);
        if (half > 0) best = Math.max(best, Math.abs(centredMedianZ(z, i, half)));
        if (best > (scores[i] as number)) {
          scores[i] = best;
          features[i] = j;
        }
      }
    });
    return { scores, features };
  }

  toJSON(): FeatureTailsJSON {
    return { name: "featureTails", options: { ...this.options }, calibrations: this.calibrations.map((c) => ({ ...c })) };
  }

  static load(json: FeatureTailsJSON): FeatureTails {
    if (json.name !== "featureTails") throw new Error(`expected a featureTails model, got ${String(json.name)}`);
    const model = new FeatureTails(json.options);
    model.calibrations = json.calibrations.map((c) => ({ ...c }));
    return model;
  }
}
