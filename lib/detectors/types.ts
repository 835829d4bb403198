/** A dense row-major matrix: `rows` samples of `cols` features. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** Binary anomaly labels: 1 = anomalous, 0 = normal. */
export type Labels = Uint8Array;

export type ProgressCallback = (fraction: number, message: string) => void;
