import type { ModelKey } from "./model-style";

/** A point the timeline draws: window start, plotted value, window index (tooltips, clicks). */
export interface TimelinePoint {
  x: number;
  y: number;
  i: number;
  /** A point the line adds to show a silent period (a drop to 0 or a break), not a window's value. */
  silent?: true;
}

/** Heights of the per-model lanes under the chart: a window flagged by all three shows three markers. */
export const LANE_Y: Record<ModelKey, number> = { isolationForest: 3, dbscan: 2, autoencoder: 1 };
