import { bucketExtremes, decimateIndices, flaggedIndices } from "./decimate-series";

// The ensemble markers' bucketing lives with the other decimation helpers; tests reach it here too.
export { bucketExtremes };
import type { ModelKey } from "./model-style";
import type { TimelinePoint } from "./timeline-data";

/**
 * The timeline in two layers. The line (the chosen feature, min/max per pixel column) depends on
 * the feature and the range only, so moving a threshold slider never redraws it; the anomaly
 * markers are drawn on a canvas of their own above it, a few hundred sprites instead of Chart.js
 * points. Markers are bucketed by a few pixels (about a marker's radius): a bucket with flagged
 * windows always shows at least one marker, so no anomaly becomes invisible, but thousands of
 * markers are never drawn onto the same pixels.
 */

export interface MarkerInput {
  starts: ArrayLike<number>;
  values: ArrayLike<number>;
  labels: Record<ModelKey | "ensemble", ArrayLike<number>>;
  from: number;
  to: number;
  /** Buckets across [from, to]. */
  buckets: number;
}

export interface TimelineMarkers {
  /** Ensemble anomalies drawn on the line: the lowest and highest flagged window of each bucket. */
  ensemble: Int32Array;
  /** Each model's anomalies in its lane: the first flagged window of each bucket. */
  lanes: Record<ModelKey, Int32Array>;
  /** True when a bucket held more ensemble anomalies than it shows (zoom in to see each). */
  thinned: boolean;
}

export function bucketMarkers(input: MarkerInput): TimelineMarkers {
  const { starts, values, labels, from, to, buckets } = input;
  const ensemble = bucketExtremes(starts, values, labels.ensemble, from, to, buckets);
  return {
    ensemble: ensemble.indices,
    lanes: {
      isolationForest: flaggedIndices(starts, labels.isolationForest, from, to, buckets),
      dbscan: flaggedIndices(starts, labels.dbscan, from, to, buckets),
      autoencoder: flaggedIndices(starts, labels.autoencoder, from, to, buckets),
    },
    thinned: ensemble.thinned,
  };
}

/** The feature line over [from, to]: the lowest and highest point of each bucket (pixel column). */
export function buildTimelineLine(starts: ArrayLike<number>, values: ArrayLike<number>, from: number, to: number, buckets: number): TimelinePoint[] {
  return Array.from(decimateIndices({ xs: starts, ys: values, from, to, buckets }), (i) => ({ x: starts[i] as number, y: values[i] as number, i }));
}
