import { formatIsoUtc } from "@/lib/logs/format-iso-utc";
import { formatNumber } from "@/lib/ui/format";
import { formatResultsCsv } from "./format-results-csv";
import type { WindowResults } from "./types";

/**
 * What `npm run watch` writes for windows as they close: the results CSV's rows (predict's one
 * writer, formatResultsCsv, without its header line) and one line per ensemble anomaly.
 */

/** The CSV rows of scored windows, each ending in a newline, exactly as predict writes them. */
export function resultRows(results: WindowResults): string {
  const csv = formatResultsCsv(results);
  return csv.slice(csv.indexOf("\n") + 1);
}

const DETECTORS = [
  ["isolation_forest", "isolationForest"],
  ["dbscan", "dbscan"],
  ["autoencoder", "autoencoder"],
] as const;

/** One line per window the ensemble flagged: its span in UTC, the detectors that flagged it, the scores. */
export function anomalyLines(results: WindowResults): string[] {
  const { windows, labels, scores } = results;
  const lines: string[] = [];
  for (let i = 0; i < windows.length; i++) {
    if (labels.ensemble[i] !== 1) continue;
    const w = windows[i]!;
    const flagged = DETECTORS.filter(([, key]) => labels[key][i] === 1).map(([name]) => name);
    const combined = scores.combined === undefined ? "" : `, combined ${formatNumber(scores.combined[i])}`;
    lines.push(
      `Anomaly ${formatIsoUtc(w.start)} to ${formatIsoUtc(w.end)}: flagged by ${flagged.length > 0 ? flagged.join(", ") : "the combined score"}; ` +
        `isolation_forest_score ${formatNumber(scores.isolationForest[i])}, autoencoder_error ${formatNumber(scores.autoencoder[i])}, ` +
        `dbscan_core_distance ${formatNumber(scores.dbscanDistance[i])}${combined}`,
    );
  }
  return lines;
}
