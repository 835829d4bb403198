import type { Matrix } from "./types";

/** A zero-filled `rows` x `cols` matrix. */
export function createMatrix(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** Packs equal-length rows into a row-major matrix; `cols` is needed only when `rows` is empty. */
export function toMatrix(rows: readonly (readonly number[])[], cols?: number): Matrix {
  const width = rows[0]?.length ?? cols ?? 0;
  const out = createMatrix(rows.length, width);
  rows.forEach((row, i) => {
    if (row.length !== width) {
      throw new RangeError(`row ${i} has ${row.length} values, expected ${width}`);
    }
    out.data.set(row, i * width);
  });
  return out;
}

/** Unpacks a matrix into plain arrays (for JSON, display or tests). */
export function toRows(matrix: Matrix): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < matrix.rows; i++) out.push(Array.from(matrixRow(matrix, i)));
  return out;
}

/** Row `i` as a view sharing memory with the matrix (no copy). */
export function matrixRow(matrix: Matrix, i: number): Float64Array {
  return matrix.data.subarray(i * matrix.cols, (i + 1) * matrix.cols);
}

/** Column `j` copied into a new array. */
export function matrixColumn(matrix: Matrix, j: number): Float64Array {
  const out = new Float64Array(matrix.rows);
  for (let i = 0; i < matrix.rows; i++) out[i] = matrix.data[i * matrix.cols + j] ?? 0;
  return out;
}

/** The rows at `indices`, copied, in that order. */
export function selectRows(matrix: Matrix, indices: ArrayLike<number>): Matrix {
  const out = createMatrix(indices.length, matrix.cols);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] ?? 0;
    out.data.set(matrixRow(matrix, i), k * matrix.cols);
  }
  return out;
}

/**
 * `x`'s rows (all, or those listed, in that order) in float32, the network's precision, copied
 * once: the autoencoder's trimmed pass made a float64 matrix of its kept rows first (9.1 MiB more at
 * 10M lines, alive beside DBSCAN's thread when that pass started).
 */
export function float32Rows(x: Matrix, rows: ArrayLike<number> | null): Float32Array {
  if (rows === null) return Float32Array.from(x.data);
  const { cols, data } = x;
  const out = new Float32Array(rows.length * cols);
  for (let k = 0; k < rows.length; k++) {
    const from = rows[k]! * cols;
    for (let j = 0; j < cols; j++) out[k * cols + j] = data[from + j]!;
  }
  return out;
}

/** Throws unless `matrix` has `cols` columns; models fitted on d features reject other widths. */
export function assertColumns(matrix: Matrix, cols: number, who: string): void {
  if (matrix.cols !== cols) {
    throw new RangeError(`${who} was fitted on ${cols} features, got ${matrix.cols}`);
  }
  if (matrix.data.length !== matrix.rows * matrix.cols) {
    throw new RangeError(`${who}: matrix data length does not match rows x cols`);
  }
}

/** Squared Euclidean distance between row `i` of `a` and row `j` of `b`, summed in column order. */
export function squaredDistance(a: Float64Array, i: number, b: Float64Array, j: number, cols: number): number {
  let sum = 0;
  const oa = i * cols;
  const ob = j * cols;
  for (let k = 0; k < cols; k++) {
    const diff = (a[oa + k] as number) - (b[ob + k] as number);
    sum += diff * diff;
  }
  return sum;
}

export interface DedupedRows {
  /** Distinct rows, row-major, in order of first occurrence. */
  unique: Float64Array;
  /** How many input rows each distinct row stands for. */
  weights: Float64Array;
  /** Input row -> index of its distinct row. */
  rowToUnique: Int32Array;
  count: number;
}

/**
 * Collapses identical rows. Window features are mostly small counts, so many windows coincide,
 * and neighbour searches then run over the distinct rows with multiplicities as weights.
 * Rows are equal when every value is === (so -0 equals 0); open addressing on a hash of the
 * values' bits keeps this linear without building string keys.
 */
export function dedupeRows(matrix: Matrix): DedupedRows {
  const { rows, cols, data } = matrix;
  let capacity = 16;
  while (capacity < rows * 2) capacity *= 2;
  const mask = capacity - 1;
  // Slot -> first input row of a distinct row, -1 = empty.
  const slots = new Int32Array(capacity).fill(-1);
  const slotUnique = new Int32Array(capacity);
  const rowToUnique = new Int32Array(rows);
  const firstRow: number[] = [];
  const counts: number[] = [];
  const scratch = new Float64Array(1);
  const bits = new Uint32Array(scratch.buffer);
  for (let i = 0; i < rows; i++) {
    let h = 0x811c9dc5;
    for (let j = 0; j < cols; j++) {
      const v = data[i * cols + j] as number;
      scratch[0] = v === 0 ? 0 : v;
      h = Math.imul(h ^ (bits[0] as number), 0x01000193);
      h = Math.imul(h ^ (bits[1] as number), 0x01000193);
    }
    h ^= h >>> 16;
    let slot = h & mask;
    let u = -1;
    for (;;) {
      const r = slots[slot] as number;
      if (r < 0) break;
      if (rowsEqual(data, r, i, cols)) {
        u = slotUnique[slot] as number;
        break;
      }
      slot = (slot + 1) & mask;
    }
    if (u < 0) {
      u = firstRow.length;
      slots[slot] = i;
      slotUnique[slot] = u;
      firstRow.push(i);
      counts.push(0);
    }
    counts[u] = (counts[u] ?? 0) + 1;
    rowToUnique[i] = u;
  }
  const unique = new Float64Array(firstRow.length * cols);
  firstRow.forEach((i, u) => unique.set(data.subarray(i * cols, (i + 1) * cols), u * cols));
  return { unique, weights: Float64Array.from(counts), rowToUnique, count: firstRow.length };
}

function rowsEqual(data: Float64Array, a: number, b: number, cols: number): boolean {
  for (let j = 0; j < cols; j++) {
    if (data[a * cols + j] !== data[b * cols + j]) return false;
  }
  return true;
}

/** Whether every value is a finite number (no NaN, no infinity). */
export function allFinite(data: Float64Array): boolean {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return false;
  return true;
}
