/**
 * Min/max decimation for the timeline. A 50k-window run has far more points than the chart has
 * pixels; per pixel-wide bucket we keep the lowest and highest point (so spikes and dips survive,
 * which plain sampling would drop) plus every flagged window (an anomaly must never vanish because
 * it shared a bucket with a taller normal window).
 */

/** First index whose x is >= value (xs ascending). */
export function lowerBound(xs: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose x is > value (xs ascending). */
export function upperBound(xs: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface DecimateInput {
  /** Ascending x values (window starts). */
  xs: ArrayLike<number>;
  ys: ArrayLike<number>;
  /** Visible x range, inclusive. One point beyond each end is kept so the line reaches the edges. */
  from: number;
  to: number;
  /** Buckets across the range: about the chart's width in pixels. */
  buckets: number;
  /** Non-zero entries are always kept (anomalous windows). */
  keep?: ArrayLike<number>;
}

/** Indices of the points to draw, ascending and unique. */
export function decimateIndices(input: DecimateInput): Int32Array {
  const { xs, ys, from, to, keep } = input;
  const buckets = Math.max(1, Math.floor(input.buckets));
  const lo = Math.max(lowerBound(xs, from) - 1, 0);
  const hi = Math.min(upperBound(xs, to) + 1, xs.length);
  const count = Math.max(hi - lo, 0);
  if (count <= buckets * 2) {
    const all = new Int32Array(count);
    for (let k = 0; k < count; k++) all[k] = lo + k;
    return all;
  }
  const span = to > from ? to - from : 1;
  const bucketOf = (x: number) => Math.min(Math.max(Math.floor(((x - from) / span) * buckets), 0), buckets - 1);
  const minAt = new Int32Array(buckets).fill(-1);
  const maxAt = new Int32Array(buckets).fill(-1);
  for (let i = lo; i < hi; i++) {
    const b = bucketOf(xs[i] as number);
    const y = ys[i] as number;
    if (Number.isNaN(y)) continue;
    const mn = minAt[b] as number;
    const mx = maxAt[b] as number;
    if (mn < 0 || y < (ys[mn] as number)) minAt[b] = i;
    if (mx < 0 || y > (ys[mx] as number)) maxAt[b] = i;
  }
  const out: number[] = [];
  for (let i = lo; i < hi; i++) {
    const b = bucketOf(xs[i] as number);
    if ((keep && keep[i]) || minAt[b] === i || maxAt[b] === i || i === lo || i === hi - 1) out.push(i);
  }
  return Int32Array.from(out);
}

/**
 * Every index in [from, to] where `flags` is non-zero. With `buckets`, only the first flagged index
 * of each bucket: for markers that all sit at one height (a model's lane), a second marker in the
 * same pixel column would be drawn exactly over the first.
 */
export function flaggedIndices(xs: ArrayLike<number>, flags: ArrayLike<number>, from: number, to: number, buckets?: number): Int32Array {
  const lo = lowerBound(xs, from);
  const hi = upperBound(xs, to);
  const out: number[] = [];
  const span = to > from ? to - from : 1;
  let lastBucket = -1;
  for (let i = lo; i < hi; i++) {
    if (!flags[i]) continue;
    if (buckets !== undefined) {
      const b = Math.min(Math.floor((((xs[i] as number) - from) / span) * buckets), buckets - 1);
      if (b === lastBucket) continue;
      lastBucket = b;
    }
    out.push(i);
  }
  return Int32Array.from(out);
}

/**
 * Evenly spaced indices of a long monotone curve (the k-distance plot), always including the
 * first and last point and any index in `extra` (the knee, the current eps).
 */
export function sampleIndices(length: number, target: number, extra: readonly number[] = []): Int32Array {
  if (length <= target) return Int32Array.from({ length }, (_, i) => i);
  const picked = new Set<number>();
  const step = (length - 1) / Math.max(target - 1, 1);
  for (let k = 0; k < target; k++) picked.add(Math.round(k * step));
  for (const e of extra) if (e >= 0 && e < length) picked.add(e);
  return Int32Array.from([...picked].sort((a, b) => a - b));
}

/**
 * Per bucket, the flagged indices with the lowest and the highest value (one index when they are
 * the same window), in ascending order. `thinned` says whether any bucket had more than two.
 */
export function bucketExtremes(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  flags: ArrayLike<number>,
  from: number,
  to: number,
  buckets: number,
): { indices: Int32Array; thinned: boolean } {
  const count = Math.max(1, Math.floor(buckets));
  const lo = lowerBound(xs, from);
  const hi = upperBound(xs, to);
  const span = to > from ? to - from : 1;
  const out: number[] = [];
  let thinned = false;
  let bucket = -1;
  let minAt = -1;
  let maxAt = -1;
  let inBucket = 0;
  const flush = () => {
    if (minAt < 0) return;
    if (minAt === maxAt) out.push(minAt);
    else out.push(Math.min(minAt, maxAt), Math.max(minAt, maxAt));
    if (inBucket > 2) thinned = true;
  };
  for (let i = lo; i < hi; i++) {
    if (!flags[i]) continue;
    const b = Math.min(Math.floor((((xs[i] as number) - from) / span) * count), count - 1);
    if (b !== bucket) {
      flush();
      bucket = b;
      minAt = maxAt = i;
      inBucket = 0;
    }
    inBucket++;
    const y = ys[i] as number;
    if (y < (ys[minAt] as number)) minAt = i;
    if (y > (ys[maxAt] as number)) maxAt = i;
  }
  flush();
  return { indices: Int32Array.from(out), thinned };
}

