import { FEATURE_NAMES } from "@/lib/logs/types";
import { formatIsoUtc } from "@/lib/logs/format-iso-utc";
import type { WindowResults } from "./types";

/** docs/pipeline.md §6 columns, in order; extra columns may only follow them. */
export const RESULT_COLUMNS = [
  "window_start",
  "window_end",
  ...FEATURE_NAMES,
  "isolation_forest_label",
  "dbscan_label",
  "autoencoder_label",
  "ensemble_anomaly",
] as const;

export const EXTRA_COLUMNS = ["isolation_forest_score", "autoencoder_error", "dbscan_core_distance"] as const;

function formatNumber(value: number): string {
  if (Number.isFinite(value)) return String(value);
  return Number.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
}

const SEED_FEATURES = FEATURE_NAMES.length;

/**
 * One row per window in time order (the windows already are). Extended features are extra columns
 * after the contract's, so a reader of the seed's file finds every column where it expects it.
 */
export function formatResultsCsv(results: WindowResults): string {
  const { windows, scores, labels } = results;
  const extraFeatures = results.featureNames.slice(SEED_FEATURES);
  const lines: string[] = [[...RESULT_COLUMNS, ...extraFeatures, ...EXTRA_COLUMNS].join(",")];
  for (let i = 0; i < windows.length; i++) {
    const w = windows[i]!;
    lines.push(
      [
        formatIsoUtc(w.start),
        formatIsoUtc(w.end),
        ...w.values.slice(0, SEED_FEATURES).map(formatNumber),
        labels.isolationForest[i],
        labels.dbscan[i],
        labels.autoencoder[i],
        labels.ensemble[i],
        ...w.values.slice(SEED_FEATURES).map(formatNumber),
        formatNumber(scores.isolationForest[i]!),
        formatNumber(scores.autoencoder[i]!),
        formatNumber(scores.dbscanDistance[i]!),
      ].join(","),
    );
  }
  return lines.join("\n") + "\n";
}
