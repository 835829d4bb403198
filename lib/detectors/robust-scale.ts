/**
 * Robust z-scores: (x - median) / (1.4826 * MAD), of a window's features against its run (the
 * window page) and of the detectors' scores (the score-level ensemble, score-ensemble.ts), the
 * scaled MAD being a consistent estimate of the standard deviation that a few extreme windows
 * cannot inflate (a mean/std z-score would hide the anomalies it is meant to show). Count features
 * are often 0 in most windows (MAD 0); then the mean absolute deviation around the median,
 * scaled by 1.2533, stands in (Iglewicz & Hoaglin's fallback).
 */

export const MAD_SCALE = 1.4826;
export const MEAN_AD_SCALE = 1.2533;

export function median(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export interface RobustScale {
  median: number;
  /** Divides (x - median); 0 when every value equals the median. */
  scale: number;
}

export function robustScale(values: ArrayLike<number>): RobustScale {
  const m = median(values);
  const deviations = Float64Array.from(values, (v) => Math.abs(v - m));
  const mad = median(deviations);
  if (mad > 0) return { median: m, scale: MAD_SCALE * mad };
  let sum = 0;
  for (const d of deviations) sum += d;
  const meanAd = deviations.length === 0 ? 0 : sum / deviations.length;
  return { median: m, scale: MEAN_AD_SCALE * meanAd };
}

/** The robust z-score of x; with no spread at all, 0 at the median and ±Infinity elsewhere. */
export function robustZ(x: number, s: RobustScale): number {
  const d = x - s.median;
  if (s.scale > 0) return d / s.scale;
  return d === 0 ? 0 : d > 0 ? Infinity : -Infinity;
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26, error below 1.5e-7): a z-score as a 0..1 severity. */
export function normalCdf(z: number): number {
  if (z === Infinity) return 1;
  if (z === -Infinity) return 0;
  if (Number.isNaN(z)) return NaN;
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
