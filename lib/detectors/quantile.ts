/**
 * The q-th quantile (0-1) of `values` with numpy's default "linear" method: position q * (n - 1)
 * in sorted order, interpolated with numpy's lerp (computed from the upper neighbour past the
 * midpoint), so thresholds match numpy and scikit-learn to the bit. NaN for no values.
 * Isolation Forest (1 - contamination), the autoencoder (percentile / 100) and relabelling all
 * use this one function, so a relabelled run equals a fresh one.
 */
export function quantile(values: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError("quantile must be in [0, 1]");
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  if (n === 0) return NaN;
  const position = q * (n - 1);
  const lo = Math.floor(position);
  const t = position - lo;
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, n - 1)] as number;
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

/** The p-th percentile (0-100), as numpy.percentile: quantile(values, p / 100). */
export function percentile(values: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError("percentile must be in [0, 100]");
  return quantile(values, p / 100);
}

/**
 * Indices of the `count` smallest values (ties broken by the lower index), in ascending index
 * order so that the rows they pick keep their original order.
 */
export function lowestIndices(values: ArrayLike<number>, count: number): Int32Array {
  const n = values.length;
  const k = Math.max(0, Math.min(n, Math.floor(count)));
  const order = Int32Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
  return order.subarray(0, k).sort();
}
