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

// Up to this many values, median sorts them by insertion into one scratch array: the score
// ensemble and the feature tails take a median of 3 to 9 values per window and feature, and a fresh
// sorted copy for each of those took about 0.1 s of the 0.57 s that calibrating the scores of the
// 10M-line bench log's 101,882 windows took (the rest of median's time is its whole columns).
const SMALL = 16;
const scratch = new Float64Array(SMALL);

/**
 * The median of `values[from, to)` (all of them by default), as of the values sorted in
 * Float64Array order (-0 before 0, NaN last). A range saves the centred medians of the feature
 * tails a subarray per window and feature: 815,056 of them at 10M lines, all garbage at once.
 */
export function median(values: ArrayLike<number>, from = 0, to = values.length): number {
  const n = to - from;
  if (n <= 0) return NaN;
  const sorted = (n <= SMALL ? sortSmall(values, from, n) : null) ?? copyRange(values, from, to).sort();
  const mid = n >> 1;
  return n % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function copyRange(values: ArrayLike<number>, from: number, to: number): Float64Array {
  const copy = new Float64Array(to - from);
  for (let i = from; i < to; i++) copy[i - from] = values[i] as number;
  return copy;
}

/** `values[from, from + n)` sorted into `scratch` (valid until the next call), or null if one is NaN. */
function sortSmall(values: ArrayLike<number>, from: number, n: number): Float64Array | null {
  for (let i = 0; i < n; i++) {
    const v = values[from + i] as number;
    if (v !== v) return null;
    let j = i;
    for (; j > 0 && sortsAfter(scratch[j - 1] as number, v); j--) scratch[j] = scratch[j - 1] as number;
    scratch[j] = v;
  }
  return scratch;
}

/** Whether `a` comes after `b` in a Float64Array's sort, which puts -0 before 0. */
function sortsAfter(a: number, b: number): boolean {
  return a > b || (a === 0 && b === 0 && Object.is(b, -0) && !Object.is(a, -0));
}

export interface RobustScale {
  median: number;
  /** Divides (x - median); 0 when every value equals the median. */
  scale: number;
}

/** |v - m| for each value (a loop: Float64Array.from with a callback was slower; see feature-tails.ts). */
export function absoluteDeviations(values: ArrayLike<number>, m: number): Float64Array {
  const deviations = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) deviations[i] = Math.abs((values[i] as number) - m);
  return deviations;
}

export function robustScale(values: ArrayLike<number>): RobustScale {
  const m = median(values);
  const deviations = absoluteDeviations(values, m);
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
