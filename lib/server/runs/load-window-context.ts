import "server-only";
import type { LabelSettings } from "@/lib/domain/types";
import { getRunScores } from "@/lib/db/get-run-scores";
import { listWindows } from "@/lib/db/list-windows";
import type { RunWithLogFile } from "@/lib/db/types";
import { FEATURE_NAMES } from "@/lib/logs/types";
import { relabelWindows } from "@/lib/pipeline/relabel-windows";
import { computeLabelsWithCuts } from "@/lib/ui/model-cuts";
import { robustScale, robustZ } from "@/lib/detectors/robust-scale";
import { featureColumn } from "@/lib/ui/run-series";
import { readWindowRow, type WindowRow } from "@/lib/ui/window-rows";
import { loadRunSeries } from "./load-run-series";
import { modelCutsOf } from "./relabel-run";

export interface FeatureDeviation {
  name: string;
  value: number;
  median: number;
  z: number;
}

export interface WindowContext {
  row: WindowRow;
  features: FeatureDeviation[];
  labels: { isolationForest: boolean; dbscan: boolean; autoencoder: boolean; ensemble: boolean };
  votes: number;
  /** A run that flags by the combined score: this window's score and the cut (else null: the vote decides). */
  score: { value: number; cut: number } | null;
  dbscanDistance: number;
  ifThreshold: number;
  aeThreshold: number;
  previousAnomaly: number | null;
  nextAnomaly: number | null;
  windowCount: number;
}

/**
 * Everything the Window page shows about one window, under the thresholds of the link that led
 * there: labels recomputed from the run's stored scores (DBSCAN refitted when eps or min samples
 * differ from the stored labels'), robust z-scores against the run's medians, and the nearest
 * ensemble anomalies either side. Null when the run has no such window.
 */
export async function loadWindowContext(run: RunWithLogFile, index: number, settings: LabelSettings): Promise<WindowContext | null> {
  const series = await loadRunSeries(run);
  if (index < 0 || index >= series.count) return null;
  const page = await listWindows({ runId: run.id, sort: "time", direction: "asc", page: index + 1, pageSize: 1 });
  const row = page.windows[0] ? readWindowRow(page.windows[0]) : null;
  if (!row || row.index !== index) return null;

  let dbscan = series.dbscan;
  let dbscanDistance = row.dbscanDistance;
  const stored = series.dbscanSettings;
  if (!stored || stored.eps !== settings.eps || stored.minSamples !== settings.minSamples) {
    const scores = await getRunScores(run.id);
    if (scores) {
      const relabelled = relabelWindows(scores, settings);
      dbscan = relabelled.labels.dbscan;
      dbscanDistance = relabelled.dbscanDistance[index] ?? Infinity;
    }
  }
  const labels = computeLabelsWithCuts(series, dbscan, settings, modelCutsOf(run, settings));
  const features = FEATURE_NAMES.map((name, f) => {
    const scale = robustScale(featureColumn(series, f));
    const value = row.features[f] ?? NaN;
    return { name, value, median: scale.median, z: robustZ(value, scale) };
  });
  let previousAnomaly: number | null = null;
  for (let i = index - 1; i >= 0; i--) if (labels.ensemble[i]) { previousAnomaly = i; break; }
  let nextAnomaly: number | null = null;
  for (let i = index + 1; i < series.count; i++) if (labels.ensemble[i]) { nextAnomaly = i; break; }
  return {
    row,
    features,
    labels: {
      isolationForest: labels.isolationForest[index] === 1,
      dbscan: labels.dbscan[index] === 1,
      autoencoder: labels.autoencoder[index] === 1,
      ensemble: labels.ensemble[index] === 1,
    },
    votes: labels.votes[index] ?? 0,
    score: series.score ? { value: series.score.combined[index] ?? NaN, cut: series.score.cut } : null,
    dbscanDistance,
    ifThreshold: labels.ifThreshold,
    aeThreshold: labels.aeThreshold,
    previousAnomaly,
    nextAnomaly,
    windowCount: series.count,
  };
}
