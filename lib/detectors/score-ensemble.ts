import { median, robustScale } from "./robust-scale";
import { assertScores } from "./score-groups";

/**
 * A score-level ensemble (issue #12): each detector's score becomes a robust z-score against the
 * training windows (median and MAD), and a window's combined score is the median of its detectors'
 * z-scores. Above `cut` it is anomalous. Unlike the 2-of-3 vote, a window needs no detector's own
 * threshold: the combined score keeps how far beyond ordinary each detector puts it.
 *
 * Why these choices (held-out evaluation, bench/eval.ts; chosen on the 6 train logs only):
 * - **Robust z, not ranks.** Rank averages (lib/detectors/rank-average.ts) order windows well but
 *   say nothing about how many are anomalous: a fixed rank cut is a fixed contamination. z-scores
 *   keep the distance, so one cut serves logs with 0.2% and with 14% anomalous windows.
 * - **MAD, with the mean absolute deviation when MAD is 0.** DBSCAN's distance to the nearest core
 *   point is 0 for most windows, so its MAD is 0 and a plain robust z divides by zero; the mean
 *   deviation (times 1.2533, its normal-consistency factor) is the documented fallback.
 * - **Median of the three.** On train, over median / mean / max / mean-of-two-highest and cuts
 *   3–20, the median with cut 5 had the best mean F1 (0.805, lowest log 0.54; mean of z 0.73 and
 *   max 0.71 at their best cuts). One detector alone cannot flag a window, nor hide one.
 */
export interface ScoreEnsembleOptions {
  /** Combined (median robust z) score above which a window is anomalous. */
  cut: number;
  /**
   * With the feature tails (withFeatureTails): what the detectors' median z counts for beside
   * them. Absent: the combined score is the median z alone (runs made before the feature tails).
   */
  detectorWeight?: number;
}

export const SCORE_ENSEMBLE_DEFAULTS: ScoreEnsembleOptions = { cut: 5 };

/**
 * The combined score since the feature tails (lib/detectors/feature-tails.ts): per window, the
 * larger of the feature tails' score and the detectors' median z times a quarter (and, since them,
 * the host tails' score, lib/detectors/host-tails.ts), cut at 10.
 * Chosen on the 14 train logs (bench/eval.ts): the feature tails alone at cut 10 gave a mean F1 of
 * 0.932; adding the median z at weight 1, 1/2 or 1/4 of the tails' scale gave 0.82, 0.89 and
 * 0.932, so at a quarter it changes no train window. It stays as a safety net: a window whose
 * combination of features is far beyond anything trained (median z over 40) while no single
 * feature is, which only the multivariate detectors can see.
 */
export const TAILED_ENSEMBLE_OPTIONS: Required<ScoreEnsembleOptions> = { cut: 10, detectorWeight: 0.25 };

/**
 * The combined score per window: max(tails, detectorWeight x median z), and the largest of any
 * further tails given (the host tails, lib/detectors/host-tails.ts, in runs made since them).
 */
export function withFeatureTails(medianZ: Float64Array, tails: Float64Array, detectorWeight: number, ...more: Float64Array[]): Float64Array {
  for (const column of [tails, ...more]) if (column.length !== medianZ.length) throw new RangeError("score columns differ in length");
  const combined = new Float64Array(medianZ.length);
  for (let i = 0; i < medianZ.length; i++) {
    let best = Math.max(tails[i] as number, detectorWeight * (medianZ[i] as number));
    for (const column of more) best = Math.max(best, column[i] as number);
    combined[i] = best;
  }
  return combined;
}

/** One detector's centre and scale on the training windows; `scale` 0 = the detector is left out. */
export interface ScoreCalibration {
  median: number;
  scale: number;
  /** What a non-finite score (DBSCAN without core points) counts as: the largest finite training score. */
  ceiling: number;
}

export interface ScoreEnsembleJSON {
  name: "scoreEnsemble";
  options: ScoreEnsembleOptions;
  /** One per detector column, in the order `fit` was given them. */
  calibrations: ScoreCalibration[];
}

/** Median and robust scale (robust-scale.ts) of one training score column, non-finite values capped at the largest finite one. */
export function calibrateScores(column: ArrayLike<number>): ScoreCalibration {
  let ceiling = -Infinity;
  for (let i = 0; i < column.length; i++) {
    const v = column[i] as number;
    if (Number.isFinite(v) && v > ceiling) ceiling = v;
  }
  if (ceiling === -Infinity) return { median: 0, scale: 0, ceiling: 0 };
  const capped = new Float64Array(column.length);
  for (let i = 0; i < column.length; i++) {
    const v = column[i] as number;
    capped[i] = Number.isFinite(v) ? v : ceiling;
  }
  const { median, scale } = robustScale(capped);
  return { median, scale, ceiling };
}

export class ScoreEnsemble {
  readonly options: ScoreEnsembleOptions;
  private calibrations: ScoreCalibration[] = [];

  constructor(options: Partial<ScoreEnsembleOptions> = {}) {
    this.options = { ...SCORE_ENSEMBLE_DEFAULTS, ...options };
    if (!Number.isFinite(this.options.cut)) throw new RangeError("cut must be a finite number");
  }

  /** Learns each column's median and scale; columns are the detectors' training scores, higher = more anomalous. */
  fit(columns: readonly ArrayLike<number>[]): this {
    if (columns.length === 0) throw new RangeError("ScoreEnsemble.fit needs at least one score column");
    const n = columns[0]?.length ?? 0;
    for (const column of columns) if (column.length !== n) throw new RangeError("score columns differ in length");
    this.calibrations = columns.map((column) => calibrateScores(column));
    return this;
  }

  get fitted(): readonly ScoreCalibration[] {
    return this.calibrations;
  }

  /** The combined score per row: the median over detectors of (score - median) / scale. */
  score(columns: readonly ArrayLike<number>[]): Float64Array {
    if (columns.length !== this.calibrations.length) {
      throw new RangeError(`ScoreEnsemble was fitted on ${this.calibrations.length} score columns, not ${columns.length}`);
    }
    const n = columns[0]?.length ?? 0;
    const used = this.calibrations.map((c, d) => ({ c, column: columns[d] as ArrayLike<number> })).filter(({ c }) => c.scale > 0);
    for (const { column } of used) {
      if (column.length !== n) throw new RangeError("score columns differ in length");
      assertScores(column, "ScoreEnsemble.score");
    }
    // With no usable detector (one window, or scores all equal) every window scores 0: ordinary,
    // never NaN (a NaN would be stored as NULL and read back as "no combined score").
    const out = new Float64Array(n);
    if (used.length === 0) return out;
    const z = new Float64Array(used.length);
    for (let i = 0; i < n; i++) {
      used.forEach(({ c, column }, d) => {
        const v = column[i] as number;
        z[d] = ((Number.isFinite(v) ? v : c.ceiling) - c.median) / c.scale;
      });
      out[i] = median(z);
    }
    return out;
  }

  toJSON(): ScoreEnsembleJSON {
    return { name: "scoreEnsemble", options: { ...this.options }, calibrations: this.calibrations.map((c) => ({ ...c })) };
  }

  static load(json: ScoreEnsembleJSON): ScoreEnsemble {
    if (json.name !== "scoreEnsemble") throw new Error(`expected a scoreEnsemble model, got ${String(json.name)}`);
    const model = new ScoreEnsemble(json.options);
    model.calibrations = json.calibrations.map((c) => ({ ...c }));
    return model;
  }
}
