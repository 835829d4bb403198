import { decimateIndices, flaggedIndices, thinFlagged } from "./decimate-series";
import type { ModelKey } from "./model-style";

/**
 * What the timeline draws for a visible range: the chosen feature as a decimated line, ensemble
 * anomalies as markers on that line, and each model's anomalies in its own lane under the chart
 * (so a window flagged by all three shows three distinct markers instead of one on top of another).
 * Every ensemble anomaly is drawn and kept on the line (its marker sits exactly on it) while there
 * are at most one per bucket (pixel column); denser than that, the lowest and highest of each
 * bucket stand for the rest (`thinned`), and zooming in shows them all. Lane markers, all at one
 * height, are thinned to one per bucket, since more would be drawn on the same pixels.
 */

export interface TimelinePoint {
  x: number;
  y: number;
  /** Window index, for tooltips and clicks. */
  i: number;
}

export const LANE_Y: Record<ModelKey, number> = { isolationForest: 3, dbscan: 2, autoencoder: 1 };

export interface TimelineInput {
  starts: ArrayLike<number>;
  values: ArrayLike<number>;
  labels: Record<ModelKey | "ensemble", ArrayLike<number>>;
  from: number;
  to: number;
  buckets: number;
}

export interface TimelineData {
  line: TimelinePoint[];
  ensemble: TimelinePoint[];
  lanes: Record<ModelKey, TimelinePoint[]>;
  /** True when ensemble markers were too dense to draw one by one. */
  thinned: boolean;
}

export function buildTimelineData(input: TimelineInput): TimelineData {
  const { starts, values, labels, from, to } = input;
  const ensemble = thinFlagged(starts, values, labels.ensemble, from, to, input.buckets);
  const keep = new Uint8Array(starts.length);
  for (const i of ensemble.indices) keep[i] = 1;
  const point = (i: number) => ({ x: starts[i] as number, y: values[i] as number, i });
  const line = Array.from(decimateIndices({ xs: starts, ys: values, from, to, buckets: input.buckets, keep }), point);
  const on = (flags: ArrayLike<number>, y: (i: number) => number, buckets?: number) =>
    Array.from(flaggedIndices(starts, flags, from, to, buckets), (i) => ({ x: starts[i] as number, y: y(i), i }));
  return {
    line,
    ensemble: Array.from(ensemble.indices, point),
    lanes: {
      isolationForest: on(labels.isolationForest, () => LANE_Y.isolationForest, input.buckets),
      dbscan: on(labels.dbscan, () => LANE_Y.dbscan, input.buckets),
      autoencoder: on(labels.autoencoder, () => LANE_Y.autoencoder, input.buckets),
    },
    thinned: ensemble.thinned,
  };
}
