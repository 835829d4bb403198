/**
 * Histograms of detector scores. Autoencoder errors are heavy-tailed (most windows reconstruct
 * well, a few very badly), so they get logarithmic bins; on linear bins nearly everything would
 * fall into the first one.
 */

export interface Histogram {
  /** bins + 1 ascending bin edges. */
  edges: Float64Array;
  counts: Uint32Array;
  /** Values not counted: NaN, infinite, or (with log bins) not positive. */
  skipped: number;
}

export interface HistogramOptions {
  bins?: number;
  log?: boolean;
  /** Range to bin (defaults: the data's min and max). Values outside are clamped into the end bins. */
  min?: number;
  max?: number;
}

export function computeHistogram(values: ArrayLike<number>, options: HistogramOptions = {}): Histogram {
  const bins = Math.max(1, Math.floor(options.bins ?? 40));
  const log = options.log ?? false;
  const usable = (v: number) => Number.isFinite(v) && (!log || v > 0);
  let lo = Infinity;
  let hi = -Infinity;
  let skipped = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!usable(v)) {
      skipped++;
      continue;
    }
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (options.min !== undefined && usable(options.min)) lo = options.min;
  if (options.max !== undefined && usable(options.max)) hi = options.max;
  const counts = new Uint32Array(bins);
  const edges = new Float64Array(bins + 1);
  if (!(lo <= hi)) return { edges, counts, skipped };
  if (lo === hi) {
    // One distinct value: a single-width bin around it keeps the chart readable.
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.05;
    lo = log ? lo / 1.1 : lo - pad;
    hi = log ? hi * 1.1 : hi + pad;
  }
  const t = (v: number) => (log ? Math.log10(v) : v);
  const a = t(lo);
  const width = (t(hi) - a) / bins;
  for (let b = 0; b <= bins; b++) edges[b] = log ? 10 ** (a + b * width) : a + b * width;
  edges[0] = lo;
  edges[bins] = hi;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!usable(v)) continue;
    const b = Math.min(Math.max(Math.floor((t(v) - a) / width), 0), bins - 1);
    counts[b] = (counts[b] as number) + 1;
  }
  return { edges, counts, skipped };
}
