/**
 * Rows turned onto their principal axes, for kd-tree bounds (k-distance.ts) and nothing else: a
 * kd-tree cuts along coordinate axes, and window features are correlated (on the 10M-line bench
 * log's extended features the first 4 of 13 axes carry 80% of the variance), so boxes along the
 * original axes are long and thin and prune little. Distances themselves are always taken in the
 * original coordinates, so no result depends on the rotation's rounding.
 */
export interface PrincipalAxes {
  cols: number;
  /** Column means: rows are centred before turning, which keeps their coordinates small. */
  mean: Float64Array;
  /** cols x cols, row-major: row k is the k-th axis (unit length), largest variance first. */
  axes: Float64Array;
}

/** Sweeps of the Jacobi method: each squares the off-diagonal mass; 13 columns settle in under 10. */
const MAX_SWEEPS = 60;

/** The principal axes of `rows` rows of `cols` columns (row-major), by cyclic Jacobi on their covariance. */
export function principalAxes(data: Float64Array, rows: number, cols: number): PrincipalAxes {
  const mean = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let c = 0; c < cols; c++) mean[c]! += data[i * cols + c]!;
  for (let c = 0; c < cols; c++) mean[c] = rows > 0 ? mean[c]! / rows : 0;
  const a = new Float64Array(cols * cols);
  const centred = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < cols; c++) centred[c] = data[i * cols + c]! - mean[c]!;
    for (let r = 0; r < cols; r++) for (let c = r; c < cols; c++) a[r * cols + c]! += centred[r]! * centred[c]!;
  }
  for (let r = 0; r < cols; r++) for (let c = 0; c < r; c++) a[r * cols + c] = a[c * cols + r]!;
  // v's columns become the eigenvectors.
  const v = new Float64Array(cols * cols);
  for (let k = 0; k < cols; k++) v[k * cols + k] = 1;
  for (let sweep = 0; sweep < MAX_SWEEPS && offDiagonal(a, cols) > 1e-30 * diagonal(a, cols); sweep++) {
    for (let p = 0; p < cols - 1; p++) for (let q = p + 1; q < cols; q++) rotate(a, v, cols, p, q);
  }
  const order = Array.from({ length: cols }, (_, k) => k).sort((x, y) => a[y * cols + y]! - a[x * cols + x]! || x - y);
  const axes = new Float64Array(cols * cols);
  order.forEach((from, k) => {
    for (let c = 0; c < cols; c++) axes[k * cols + c] = v[c * cols + from]!;
  });
  return { cols, mean, axes };
}

/** `rows` rows turned onto the axes (centred first), row-major. */
export function turnRows(data: Float64Array, rows: number, { cols, mean, axes }: PrincipalAxes): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < cols; k++) {
      let sum = 0;
      for (let c = 0; c < cols; c++) sum += (data[i * cols + c]! - mean[c]!) * axes[k * cols + c]!;
      out[i * cols + k] = sum;
    }
  }
  return out;
}

function offDiagonal(a: Float64Array, n: number): number {
  let sum = 0;
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (r !== c) sum += a[r * n + c]! * a[r * n + c]!;
  return sum;
}

function diagonal(a: Float64Array, n: number): number {
  let sum = 0;
  for (let k = 0; k < n; k++) sum += a[k * n + k]! * a[k * n + k]!;
  return sum;
}

/** One Jacobi rotation zeroing a[p][q] (Numerical Recipes' formulation), applied to a and v. */
function rotate(a: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q]!;
  if (apq === 0) return;
  const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const cos = 1 / Math.sqrt(t * t + 1);
  const sin = t * cos;
  for (let k = 0; k < n; k++) {
    const akp = a[k * n + p]!;
    const akq = a[k * n + q]!;
    a[k * n + p] = cos * akp - sin * akq;
    a[k * n + q] = sin * akp + cos * akq;
  }
  for (let k = 0; k < n; k++) {
    const apk = a[p * n + k]!;
    const aqk = a[q * n + k]!;
    a[p * n + k] = cos * apk - sin * aqk;
    a[q * n + k] = sin * apk + cos * aqk;
  }
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p]!;
    const vkq = v[k * n + q]!;
    v[k * n + p] = cos * vkp - sin * vkq;
    v[k * n + q] = sin * vkp + cos * vkq;
  }
}
