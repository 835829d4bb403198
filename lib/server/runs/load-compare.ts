import "server-only";
import type { RunWithLogFile } from "@/lib/db/types";
import { compareFlags, type FlagComparison, type FlaggedWindow } from "@/lib/ui/compare-runs";
import { computeLabelsWithCuts } from "@/lib/ui/model-cuts";
import { loadRunSeries } from "./load-run-series";
import { modelCutsOf, storedSettings } from "./relabel-run";

export interface CompareSide {
  counts: { isolationForest: number; dbscan: number; autoencoder: number; ensemble: number };
  windows: number;
}

export interface CompareData {
  a: CompareSide;
  b: CompareSide;
  flags: FlagComparison;
}

async function flaggedWindows(run: RunWithLogFile) {
  const series = await loadRunSeries(run);
  const settings = storedSettings(run);
  const labels = computeLabelsWithCuts(series, series.dbscan, settings, modelCutsOf(run, settings));
  const flagged: FlaggedWindow[] = [];
  for (let i = 0; i < series.count; i++) {
    if (labels.ensemble[i]) flagged.push({ index: i, start: series.starts[i] as number, end: (series.starts[i] as number) + series.window });
  }
  return { flagged, side: { counts: labels.counts, windows: series.count } };
}

/** Both runs' ensemble anomalies (under each run's own thresholds) matched by time. */
export async function loadCompare(a: RunWithLogFile, b: RunWithLogFile): Promise<CompareData> {
  const [fa, fb] = await Promise.all([flaggedWindows(a), flaggedWindows(b)]);
  return { a: fa.side, b: fb.side, flags: compareFlags(fa.flagged, fb.flagged) };
}
