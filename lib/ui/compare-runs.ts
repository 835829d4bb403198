import type { RunParams } from "@/lib/domain/types";

/**
 * Two runs of one log side by side. Runs with different window lengths have different windows, so
 * flagged windows are matched by time overlap: a window flagged by run A counts as "also flagged"
 * when a window flagged by run B overlaps it.
 */

export const PARAM_LABELS: Record<keyof RunParams, string> = {
  year: "Year",
  window: "Window (s)",
  eps: "DBSCAN eps",
  epsAuto: "eps chosen automatically",
  minSamples: "DBSCAN min samples",
  contamination: "IF contamination",
  contaminationAuto: "contamination chosen automatically",
  aePercentile: "AE percentile",
  aePercentileAuto: "AE percentile chosen automatically",
  votes: "Ensemble votes",
  epochs: "AE epochs",
  seed: "Seed",
  features: "Features",
  profile: "Profile",
  combine: "Ensemble",
};

export interface ParamRow {
  key: keyof RunParams;
  label: string;
  a: RunParams[keyof RunParams];
  b: RunParams[keyof RunParams];
  differs: boolean;
}

export function compareParams(a: RunParams, b: RunParams): ParamRow[] {
  return (Object.keys(PARAM_LABELS) as (keyof RunParams)[]).map((key) => ({
    key,
    label: PARAM_LABELS[key],
    a: a[key],
    b: b[key],
    differs: a[key] !== b[key],
  }));
}

export interface FlaggedWindow {
  index: number;
  start: number;
  end: number;
}

export interface FlagComparison {
  /** Windows of A flagged by A that no flagged window of B overlaps. */
  onlyA: FlaggedWindow[];
  onlyB: FlaggedWindow[];
  /** Windows of A flagged by A that some flagged window of B overlaps. */
  bothA: FlaggedWindow[];
  bothB: FlaggedWindow[];
}

/** Splits each side's flagged windows (sorted by start, non-overlapping) into shared and own. */
function splitByOverlap(mine: readonly FlaggedWindow[], theirs: readonly FlaggedWindow[]) {
  const shared: FlaggedWindow[] = [];
  const own: FlaggedWindow[] = [];
  let j = 0;
  for (const w of mine) {
    while (j < theirs.length && (theirs[j] as FlaggedWindow).end <= w.start) j++;
    const other = theirs[j];
    if (other && other.start < w.end) shared.push(w);
    else own.push(w);
  }
  return { shared, own };
}

export function compareFlags(a: readonly FlaggedWindow[], b: readonly FlaggedWindow[]): FlagComparison {
  const byStart = (x: FlaggedWindow, y: FlaggedWindow) => x.start - y.start;
  const sa = [...a].sort(byStart);
  const sb = [...b].sort(byStart);
  const fromA = splitByOverlap(sa, sb);
  const fromB = splitByOverlap(sb, sa);
  return { onlyA: fromA.own, bothA: fromA.shared, onlyB: fromB.own, bothB: fromB.shared };
}
