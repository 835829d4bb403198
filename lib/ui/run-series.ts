import { FEATURE_NAMES } from "@/lib/logs/types";
import type { ScoreVerdict } from "@/lib/detectors/ensemble";

/**
 * A run's per-window columns as the server reads them (lib/server/runs/load-run-series.ts); the
 * series route sends them to the browser as binary columns (series-binary.ts).
 */

export const FEATURE_COUNT = FEATURE_NAMES.length;

export interface RunSeries {
  count: number;
  /** Window length, seconds. */
  window: number;
  /** Window starts, Unix seconds, ascending (window index order). */
  starts: Float64Array;
  /** Row-major count x FEATURE_COUNT raw features (float32 is plenty for drawing). */
  features: Float32Array;
  isolationForest: Float64Array;
  autoencoder: Float64Array;
  /** Stored DBSCAN labels and the settings that made them. */
  dbscan: Uint8Array;
  dbscanSettings: { eps: number; minSamples: number } | null;
  /** Runs that combine by score: each window's combined score and the cut (lib/detectors/ensemble.ts ScoreVerdict). */
  score: ScoreVerdict | null;
}

/**
 * One feature's values across all windows. The row width comes from the matrix itself: a run with
 * extra (template) features stores more than FEATURE_COUNT per row, the seed eight first.
 */
export function featureColumn(series: Pick<RunSeries, "count" | "features">, feature: number): Float32Array {
  const stride = series.count > 0 ? Math.round(series.features.length / series.count) : FEATURE_COUNT;
  const out = new Float32Array(series.count);
  for (let i = 0; i < series.count; i++) out[i] = series.features[i * stride + feature] as number;
  return out;
}
