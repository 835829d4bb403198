import { FEATURE_NAMES } from "@/lib/logs/types";
import { formatIsoUtc } from "@/lib/logs/format-iso-utc";
import type { WindowResults } from "./types";

/**
 * The results CSV (docs/pipeline.md §6): the one header and row writer behind the CLI's file
 * (resultsCsvPieces) and a stored run's export (lib/server/runs/results-csv.ts), so that the two
 * are equal byte for byte by construction.
 */

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

const SEED_FEATURES = FEATURE_NAMES.length;

/** One window as a row of the results CSV. */
export interface ResultRow {
  /** Unix seconds. */
  start: number;
  end: number;
  /** The window's features in model order: the contract's eight, then an extended run's four. */
  features: readonly number[];
  /** 0 or 1 each, in the contract's column order. */
  labels: readonly [isolationForest: number, dbscan: number, autoencoder: number, ensemble: number];
  ifScore: number;
  aeError: number;
  /** Infinity when the DBSCAN model has no core point. */
  dbscanDistance: number;
}

// Non-finite values spelled as Python writes them (inf, -inf, nan).
function formatNumber(value: number): string {
  if (Number.isFinite(value)) return String(value);
  return Number.isNaN(value) ? "nan" : value > 0 ? "inf" : "-inf";
}

/**
 * The header line (no newline) for a run with these feature columns. Extended features are extra
 * columns after the contract's, so a reader of the seed's file finds every column where it expects it.
 */
export function resultsCsvHeader(featureNames: readonly string[]): string {
  return [...RESULT_COLUMNS, ...featureNames.slice(SEED_FEATURES), ...EXTRA_COLUMNS].join(",");
}

/**
 * One window's line (no newline), in resultsCsvHeader's column order. Built by concatenation, not
 * as an array joined: the 101,882 rows of the 10M-line bench log took 117-154 ms against 150-212 ms.
 */
export function formatResultRow(row: ResultRow): string {
  const { features, labels } = row;
  let line = `${formatIsoUtc(row.start)},${formatIsoUtc(row.end)}`;
  for (let k = 0; k < SEED_FEATURES; k++) line += `,${formatNumber(features[k] as number)}`;
  line += `,${labels[0]},${labels[1]},${labels[2]},${labels[3]}`;
  for (let k = SEED_FEATURES; k < features.length; k++) line += `,${formatNumber(features[k] as number)}`;
  return `${line},${formatNumber(row.ifScore)},${formatNumber(row.aeError)},${formatNumber(row.dbscanDistance)}`;
}

/**
 * Rows per piece of resultsCsvPieces: about 150 KB of text. Measured on the 10M-line bench log
 * (101,882 windows, a 16 MB CSV): the whole CSV as one string, then its Buffer, added about 100 MiB
 * of heap at the detect CLI's very end, where `--profile seed` peaked; written in pieces, that
 * run's peak RSS went from 454-501 MiB to 416-436 MiB (three runs each, the same CSV).
 */
export const RESULT_ROWS_PER_PIECE = 1000;

/**
 * A fresh detection's results CSV in pieces of whole lines (the header, then one row per window in
 * time order, as the windows already are), made as they are asked for: written one after the other,
 * the whole CSV is never held at once.
 */
export function* resultsCsvPieces(results: WindowResults): Generator<string, void, undefined> {
  const { windows, scores, labels } = results;
  let piece = `${resultsCsvHeader(results.featureNames)}\n`;
  for (let i = 0; i < windows.length; i++) {
    const w = windows[i]!;
    piece += `${formatResultRow({
      start: w.start,
      end: w.end,
      features: w.values,
      labels: [labels.isolationForest[i]!, labels.dbscan[i]!, labels.autoencoder[i]!, labels.ensemble[i]!],
      ifScore: scores.isolationForest[i]!,
      aeError: scores.autoencoder[i]!,
      dbscanDistance: scores.dbscanDistance[i]!,
    })}\n`;
    if ((i + 1) % RESULT_ROWS_PER_PIECE === 0) {
      yield piece;
      piece = "";
    }
  }
  if (piece !== "") yield piece;
}

/** The whole results CSV as one string, for results small enough to hold (watch's rows, tests). */
export function formatResultsCsv(results: WindowResults): string {
  return Array.from(resultsCsvPieces(results)).join("");
}
