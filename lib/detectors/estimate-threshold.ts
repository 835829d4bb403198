import { assertScores } from "./score-groups";

export interface ThresholdEstimate {
  /** Flag scores strictly above this. */
  threshold: number;
  /** Share of the scores strictly above `threshold`. */
  fraction: number;
  /** "mad", "mean-ad" (MAD was 0), "min-fraction", "max-fraction", "constant", "too-few" or "none". */
  method: string;
  /** One sentence for the analyst saying what was flagged and why. */
  reason: string;
}

export interface EstimateThresholdOptions {
  /** Robust standard deviations above the median (3: the Hampel identifier). */
  k: number;
  /** At least this share is flagged (rounded up to whole windows) unless ties prevent it. */
  minFraction: number;
  /** At most this share is flagged (rounded down); wins over minFraction when ties force a choice. */
  maxFraction: number;
  /** Work on ln(score): for positive, right-skewed scores such as reconstruction errors. */
  log: boolean;
  /**
   * "upper": the spread is measured on the scores at or above the median only (the "double MAD"
   * for skewed data); "both": on all scores (the classic, symmetric MAD).
   */
  side: "upper" | "both";
}

export const ESTIMATE_THRESHOLD_DEFAULTS: EstimateThresholdOptions = { k: 3, minFraction: 0.001, maxFraction: 0.5, log: false, side: "upper" };

/** Factors turning MAD and the mean absolute deviation into estimates of a normal sample's standard deviation. */
const MAD_TO_SIGMA = 1.4826;
const MEAN_AD_TO_SIGMA = 1.2533;
/** Fewer scores than this give no meaningful spread; nothing is flagged. */
const MIN_SCORES = 3;

/**
 * A label threshold from the scores alone (no ground truth): median + k robust standard
 * deviations, sigma = 1.4826 × MAD (the Hampel identifier, Iglewicz & Hoaglin's modified z-score).
 * By default the MAD is taken over the scores at or above the median only: anomaly scores are
 * one-sided and skewed, so how tightly normal windows bunch below the median says nothing about
 * how far they reach above it (measured on six generated logs: Isolation Forest's auto cut flagged
 * 1.4-2.2x as many windows as are labelled with the symmetric MAD, 0.8-1.4x with this one, and
 * its F1 rose on every log). When at least half of those deviations are 0, so MAD = 0, sigma = 1.2533 × their
 * mean over the finite ones (Iglewicz & Hoaglin's fallback). `log` applies the rule
 * to ln(score), which makes a right-skewed error distribution roughly symmetric; scores <= 0 are
 * then treated as the smallest positive score. The share flagged is finally clamped into
 * [minFraction, maxFraction] by moving the cut to a data value.
 *
 * Why not the largest gap in the upper tail: a gap rule is attractive on one obvious outlier but
 * jumps discontinuously when one score moves, splits a burst of similar anomalies from its own
 * members, and says nothing when the tail is smooth; median + k sigma moves smoothly with the data,
 * ignores up to half of the scores being anomalous, and can be explained in one sentence.
 *
 * `fraction` is exactly the share of scores > threshold, so passing it as IsolationForest's
 * contamination (or 100 * (1 - fraction) as the autoencoder's percentile) on the same training
 * scores flags the same windows whenever the scores near the cut are distinct. NaN throws;
 * infinite scores (DBSCAN distances with no core point) count as the largest.
 */
export function estimateThreshold(scores: ArrayLike<number>, options: Partial<EstimateThresholdOptions> = {}): ThresholdEstimate {
  const { k, minFraction, maxFraction, log, side } = { ...ESTIMATE_THRESHOLD_DEFAULTS, ...options };
  if (!(k >= 0 && Number.isFinite(k))) throw new RangeError("k must be a finite number >= 0");
  if (!(minFraction >= 0 && minFraction <= maxFraction && maxFraction <= 1)) {
    throw new RangeError("need 0 <= minFraction <= maxFraction <= 1");
  }
  assertScores(scores, "estimateThreshold");
  const n = scores.length;
  const sorted = Float64Array.from(scores).sort();
  const count = (threshold: number) => n - upperBound(sorted, threshold);
  const result = (threshold: number, method: string, reason: (share: string) => string): ThresholdEstimate => {
    const flagged = count(threshold);
    return { threshold, fraction: n === 0 ? 0 : flagged / n, method, reason: reason(describeShare(flagged, n)) };
  };
  if (n < MIN_SCORES) {
    const top = sorted[n - 1] ?? Infinity;
    return result(top, n === 0 ? "none" : "too-few", () => `Only ${n} score${n === 1 ? "" : "s"}: too few to estimate a threshold, nothing is flagged.`);
  }
  const lowest = sorted[0] as number;
  const highest = sorted[n - 1] as number;
  if (lowest === highest) return result(highest, "constant", () => `All ${n} scores equal ${formatNumber(highest)}: none stands out.`);

  const transformed = log ? logScores(sorted) : sorted;
  const median = medianOfSorted(transformed);
  // An infinite median (half the scores infinite) has no finite deviations; the cut stays there.
  const spread = side === "upper" ? transformed.filter((t) => t >= median) : transformed;
  const deviations = Number.isFinite(median) ? Float64Array.from(spread, (t) => Math.abs(t - median)).sort() : new Float64Array(1);
  let sigma = MAD_TO_SIGMA * medianOfSorted(deviations);
  let method = "mad";
  if (sigma === 0) {
    sigma = MEAN_AD_TO_SIGMA * meanOfFinite(deviations);
    method = "mean-ad";
  }
  const cutT = median + k * sigma;
  const cut = log ? Math.exp(cutT) : cutT;
  const of = `of the ${log ? "log " : ""}scores${side === "upper" ? " above the median" : ""}`;
  const rule =
    method === "mad" ? `median + ${k} × 1.4826 MAD ${of}` : `median + ${k} × 1.2533 mean absolute deviation ${of} (MAD is 0)`;

  const minCount = Math.ceil(minFraction * n - 1e-9);
  const maxCount = Math.floor(maxFraction * n + 1e-9);
  const ruleCount = count(cut);
  if (ruleCount > maxCount) {
    // Smallest data value with at most maxCount scores above it.
    const threshold = maxCount >= n ? -Infinity : (sorted[n - maxCount - 1] as number);
    return result(threshold, "max-fraction", (share) =>
      `${share} score above ${formatNumber(threshold)}: ${rule} (${formatNumber(cut)}) would flag ${describeShare(ruleCount, n)}, capped at maxFraction ${formatPercent(maxFraction)}.`,
    );
  }
  if (ruleCount < minCount) {
    // Largest data value with at least minCount scores above it: just below the minCount-th highest.
    const below = lowerBound(sorted, sorted[n - minCount] as number) - 1;
    const threshold = minCount >= n ? -Infinity : below >= 0 ? (sorted[below] as number) : NaN;
    if (!Number.isNaN(threshold) && count(threshold) <= maxCount) {
      return result(threshold, "min-fraction", (share) =>
        `${share} score above ${formatNumber(threshold)}: ${rule} (${formatNumber(cut)}) would flag ${describeShare(ruleCount, n)}, raised to minFraction ${formatPercent(minFraction)}.`,
      );
    }
  }
  return result(cut, method, (share) => `${share} score above ${formatNumber(cut)}, the ${rule}.`);
}

/** ln of ascending scores (order kept); scores <= 0 take the smallest positive score's log. */
function logScores(sorted: Float64Array): Float64Array {
  const floor = sorted.find((v) => v > 0);
  if (floor === undefined) throw new RangeError("estimateThreshold: log needs at least one positive score");
  return sorted.map((v) => Math.log(Math.max(v, floor)));
}

function medianOfSorted(sorted: Float64Array): number {
  const n = sorted.length;
  const mid = n >> 1;
  // (a + b) / 2 would turn two infinite middles into NaN.
  return n % 2 === 1 || sorted[mid - 1] === sorted[mid] ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function meanOfFinite(values: Float64Array): number {
  let sum = 0;
  let m = 0;
  for (const v of values) {
    if (Number.isFinite(v)) {
      sum += v;
      m++;
    }
  }
  return m === 0 ? 0 : sum / m;
}

/** First index whose value is > x in ascending `sorted`. */
function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose value is >= x in ascending `sorted`. */
function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function describeShare(flagged: number, n: number): string {
  return `${formatPercent(n === 0 ? 0 : flagged / n)} of windows (${flagged} of ${n})`;
}

function formatPercent(fraction: number): string {
  return `${Number((100 * fraction).toPrecision(2))}%`;
}

function formatNumber(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(3))) : String(v);
}
