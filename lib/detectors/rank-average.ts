import { assertScores } from "./score-groups";

/**
 * Percentile rank of every value in (0, 1]: its 1-based rank among the column (ties get the
 * mean of the ranks they span, as scipy's rankdata "average") divided by n. Higher values get
 * higher ranks, so orient every column "higher = more anomalous" first.
 */
export function percentileRanks(column: ArrayLike<number>): Float64Array {
  const ranks = averageRanks(column);
  const n = column.length;
  for (let i = 0; i < n; i++) ranks[i] = (ranks[i] as number) / n;
  return ranks;
}

/** 1-based ranks, ties sharing the mean of the ranks they span (half-integers at worst, so sums stay exact). */
function averageRanks(column: ArrayLike<number>): Float64Array {
  const n = column.length;
  assertScores(column, "percentileRanks");
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (column[a] as number) - (column[b] as number) || a - b);
  const out = new Float64Array(n);
  let start = 0;
  while (start < n) {
    const v = column[order[start] as number] as number;
    let end = start + 1;
    while (end < n && column[order[end] as number] === v) end++;
    // Ranks start + 1 .. end share their mean.
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) out[order[k] as number] = rank;
    start = end;
  }
  return out;
}

/**
 * Combined anomaly score per row: the mean over `columns` of the row's percentile rank in each
 * column (see percentileRanks). Ranks put scores on different scales (Isolation Forest's (0, 1],
 * squared reconstruction errors, possibly infinite DBSCAN distances) on one footing without
 * letting one heavy tail dominate, so the ensemble gets a single score for its ROC/PR curves.
 * Every column must have the same length and be oriented "higher = more anomalous"; NaN throws.
 * No columns give an empty result.
 */
export function rankAverage(columns: ArrayLike<number>[]): Float64Array {
  const n = columns[0]?.length ?? 0;
  for (const column of columns) {
    if (column.length !== n) throw new RangeError(`rankAverage: columns differ in length (${column.length} vs ${n})`);
  }
  // Rank sums are sums of half-integers, exact in floating point, so rows that tie in every
  // column's rank sum tie here too; dividing once at the end keeps them equal.
  const out = new Float64Array(n);
  for (const column of columns) {
    const ranks = averageRanks(column);
    for (let i = 0; i < n; i++) out[i] = (out[i] as number) + (ranks[i] as number);
  }
  if (columns.length > 0) for (let i = 0; i < n; i++) out[i] = (out[i] as number) / (columns.length * n);
  return out;
}
