import { percentileRanks } from "@/lib/detectors/rank-average";
import { lowerBound } from "./decimate-series";
import { formatCount, formatUtcShort } from "./format";
import { normalCdf, robustScale, robustZ } from "@/lib/detectors/robust-scale";
import { bandOf, SEVERITY_BANDS, type SeverityBandKey } from "./severity-bands";
import { rankableDistances, severityPercent, severityScores, type SeverityColumns } from "./top-anomalies";

/**
 * The swimlanes under the timeline: a severity (0..1, higher = more anomalous) per window and lane,
 * and the lanes cut into a bounded number of cells across the visible range, each cell standing for
 * its most severe window. Severities are threshold-free, so they are computed once per run's data,
 * never per slider move; cutting into cells is one pass over the visible windows per zoom.
 */

export type SeverityLaneKey = "ensemble" | "isolationForest" | "dbscan" | "autoencoder";

/** Per window: the ensemble's severity and each detector's; `dbscan` is null without stored distances. */
export interface LaneSeverities {
  ensemble: Float64Array;
  isolationForest: Float64Array;
  dbscan: Float64Array | null;
  autoencoder: Float64Array;
}

export const SEVERITY_LANE_KEYS: readonly SeverityLaneKey[] = ["ensemble", "isolationForest", "dbscan", "autoencoder"];

/**
 * One lane's severities. The ensemble lane is Top anomalies' severity (severityScores: the mean of
 * the detectors' score ranks), taken through that one function so that a better combined score
 * replaces both at once. A detector's lane is its own score's percentile rank in the run, the ranks
 * that mean averages. Null for DBSCAN without stored distances.
 */
export function laneSeverity(key: SeverityLaneKey, columns: SeverityColumns): Float64Array | null {
  if (key === "ensemble") return severityScores(columns);
  if (key === "isolationForest" || key === "autoencoder") return percentileRanks(columns[key]);
  const distance = columns.dbscanDistance;
  if (distance === null || distance.length !== columns.isolationForest.length) return null;
  // A missing distance (no core point at all) is the farthest, as severityScores counts it.
  return percentileRanks(rankableDistances(distance));
}

/** Every lane at once (each is a ranking of every window: a browser spreads them over tasks, useLaneSeverities). */
export function laneSeverities(columns: SeverityColumns): LaneSeverities {
  return {
    ensemble: laneSeverity("ensemble", columns) as Float64Array,
    isolationForest: laneSeverity("isolationForest", columns) as Float64Array,
    dbscan: laneSeverity("dbscan", columns),
    autoencoder: laneSeverity("autoencoder", columns) as Float64Array,
  };
}

/**
 * A host's lane: how unusual its activity is in each window against its own baseline, the larger
 * of the robust z-scores (lib/detectors/robust-scale.ts) of its events and of its error-keyword lines, read
 * as the share of a normal baseline below it (z 2.33 is 0.99, "critical"). A host quiet in a window
 * scores below its median, never above.
 */
export function hostSeverity(events: ArrayLike<number>, errors: ArrayLike<number>): Float64Array {
  const eventScale = robustScale(events);
  const errorScale = robustScale(errors);
  const out = new Float64Array(events.length);
  for (let i = 0; i < events.length; i++) {
    const z = Math.max(robustZ(events[i] as number, eventScale), robustZ(errors[i] as number, errorScale));
    out[i] = normalCdf(z);
  }
  return out;
}

export interface LaneCells {
  /** Per cell, the index of its most severe window; -1 where no window overlaps it (a silent period). */
  worst: Int32Array;
  /** Per cell, how many windows overlap it. */
  windows: Int32Array;
}

export interface CellGrid {
  from: number;
  to: number;
  cells: number;
}

/** A cell's time span. */
export function cellSpan(grid: CellGrid, cell: number): { from: number; to: number } {
  const width = (grid.to - grid.from) / grid.cells;
  return { from: grid.from + cell * width, to: grid.from + (cell + 1) * width };
}

/**
 * Every lane cut into `grid.cells` cells across [from, to): a window fills each cell its span
 * [start, start + window) overlaps, so a zoom closer than one window per cell leaves no false gaps,
 * and a cell keeps its most severe window (ties: the earlier). One pass over the visible windows.
 */
export function bucketLanes(starts: ArrayLike<number>, window: number, lanes: readonly ArrayLike<number>[], grid: CellGrid): LaneCells[] {
  const cells = Math.max(1, Math.floor(grid.cells));
  const out = lanes.map(() => ({ worst: new Int32Array(cells).fill(-1), windows: new Int32Array(cells) }));
  const span = grid.to - grid.from;
  if (!(span > 0)) return out;
  const scale = cells / span;
  const first = lowerBound(starts, grid.from - window + 1e-9);
  for (let i = first; i < starts.length; i++) {
    const start = starts[i] as number;
    if (start >= grid.to) break;
    const a = Math.max(Math.floor((start - grid.from) * scale), 0);
    // The window's last instant, not its end: a window ending on a cell's edge does not reach into it.
    const b = Math.min(Math.ceil((start + window - grid.from) * scale) - 1, cells - 1);
    for (let l = 0; l < lanes.length; l++) {
      const values = lanes[l] as ArrayLike<number>;
      const lane = out[l] as LaneCells;
      const v = values[i] as number;
      for (let c = a; c <= b; c++) {
        lane.windows[c] = (lane.windows[c] as number) + 1;
        const w = lane.worst[c] as number;
        if (w < 0 || v > (values[w] as number)) lane.worst[c] = i;
      }
    }
  }
  return out;
}

/** "Jun 14 15:00–15:20 UTC", or "Jun 14 23:50–Jun 15 00:10 UTC" across midnight. */
export function spanText(from: number, to: number): string {
  const a = formatUtcShort(from);
  const b = formatUtcShort(to);
  const sameDay = a.slice(0, -5) === b.slice(0, -5);
  return `${a}–${sameDay ? b.slice(-5) : b} UTC`;
}

/** "Ensemble, Jun 14 15:00–15:20 UTC: major, severity 96 (window #123, the worst of 20)." */
export function describeCell(input: { lane: string; grid: CellGrid; cell: number; worst: number; windows: number; severity: number }): string {
  const { from, to } = cellSpan(input.grid, input.cell);
  const when = spanText(from, to);
  if (input.worst < 0) return `${input.lane}, ${when}: no windows (a silent period).`;
  const band = bandOf(input.severity);
  const of = input.windows > 1 ? `, the worst of ${formatCount(input.windows)}` : "";
  return `${input.lane}, ${when}: ${band.label.toLowerCase()}, severity ${severityPercent(input.severity)} (window #${input.worst}${of}).`;
}

/**
 * A lane's windows in [from, to) per band and its worst window, in one sentence with rounded
 * numbers: "Ensemble: 2 critical, 5 major, 9 minor windows; highest 99 at Jun 14 15:16."
 */
export function describeLane(lane: string, starts: ArrayLike<number>, values: ArrayLike<number>, from: number, to: number): string {
  const counts = new Map<SeverityBandKey, number>();
  let worst = -1;
  for (let i = lowerBound(starts, from); i < starts.length && (starts[i] as number) < to; i++) {
    const v = values[i] as number;
    const key = bandOf(v).key;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (worst < 0 || v > (values[worst] as number)) worst = i;
  }
  if (worst < 0) return `${lane}: no windows here.`;
  const shown = SEVERITY_BANDS.filter((b) => b.key !== "low" && counts.has(b.key));
  const above = shown.reduce((sum, b) => sum + (counts.get(b.key) ?? 0), 0);
  const parts = shown.map((b) => `${formatCount(counts.get(b.key))} ${b.label.toLowerCase()}`);
  const bands = above > 0 ? `${parts.join(", ")} window${above === 1 ? "" : "s"}` : "no window above low";
  return `${lane}: ${bands}; highest ${severityPercent(values[worst] as number)} at ${formatUtcShort(starts[worst] as number)}.`;
}
