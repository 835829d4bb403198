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

/** How the line shows the silent periods between windows (a stretch with no record at all). */
export interface SilenceStyle {
  /** Window length, seconds. */
  window: number;
  /** True for a count (events, error lines): silence is 0. Else it is a gap in the line. */
  zero: boolean;
}

/**
 * The feature line over [from, to]: the lowest and highest point of each bucket (pixel column).
 * With `silence`, the line never joins two windows straight across a silent period wider than two
 * buckets (it would invent activity): it drops to 0 there for a count, else it breaks (a NaN point,
 * which the chart leaves undrawn). Each window before a silence is drawn to its end (at least a
 * bucket wide), so a lone window stays visible.
 */
export function buildTimelineLine(
  starts: ArrayLike<number>,
  values: ArrayLike<number>,
  from: number,
  to: number,
  buckets: number,
  silence?: SilenceStyle,
): TimelinePoint[] {
  const picked = decimateIndices({ xs: starts, ys: values, from, to, buckets });
  const point = (i: number): TimelinePoint => ({ x: starts[i] as number, y: values[i] as number, i });
  if (!silence) return Array.from(picked, point);
  const bucketWidth = (to - from) / Math.max(1, buckets);
  const minGap = 2 * bucketWidth;
  const out: TimelinePoint[] = [];
  for (let k = 0; k < picked.length; k++) {
    const a = picked[k] as number;
    out.push(point(a));
    const b = picked[k + 1];
    if (b === undefined) break;
    // The widest silence between the two drawn windows (the skipped windows in between included).
    let gap = 0;
    let gapEnd = -1;
    for (let j = a; j < b; j++) {
      const g = (starts[j + 1] as number) - (starts[j] as number) - silence.window;
      if (g > gap) {
        gap = g;
        gapEnd = j + 1;
      }
    }
    if (gap <= minGap) continue;
    const end = (starts[gapEnd - 1] as number) + Math.max(silence.window, bucketWidth);
    const before = gapEnd - 1 === a ? (values[a] as number) : NaN;
    // Only when the silence follows `a` directly is its value known up to the window's end.
    if (!Number.isNaN(before)) out.push({ x: end, y: before, i: a, silent: true });
    if (silence.zero) out.push({ x: end, y: 0, i: a, silent: true }, { x: starts[gapEnd] as number, y: 0, i: gapEnd, silent: true });
    else out.push({ x: end, y: NaN, i: a, silent: true });
  }
  return out;
}
