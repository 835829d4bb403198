/**
 * A nullable REAL column read row by row into a Float64Array: NULL reads as NaN, and a column NULL
 * in every row (a run stored before the column existed) reads as null altogether, so callers tell
 * "no such data" from "data" with one check.
 */
export class NullableColumn {
  private readonly values: Float64Array;
  private seen = false;

  constructor(rows: number) {
    this.values = new Float64Array(rows);
  }

  set(row: number, value: number | bigint | null | undefined): void {
    if (value === null || value === undefined) {
      this.values[row] = NaN;
      return;
    }
    this.values[row] = Number(value);
    this.seen = true;
  }

  result(): Float64Array | null {
    return this.seen ? this.values : null;
  }
}
