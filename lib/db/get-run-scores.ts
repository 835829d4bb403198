import { labelSettingsSchema } from "@/lib/domain/types";
import { guardDb } from "./errors";
import { NullableColumn } from "./nullable-column";
import { readFeatureSet } from "./map-records";
import { readSql } from "./raw-connection";
import { arrays, one } from "./sql/sql-step";
import { readJson, runCell } from "./stored-json";
import { featureNamesOf, quoteColumns, scaledColumnsOf } from "./window-columns";

/**
 * What relabelling needs of a run, columnar and in window order; fits lib/pipeline's
 * StoredScores (relabelWindows) as is.
 */
export interface RunScores {
  /** Names of the scaled columns: the 8 seed features, or the 12 of an extended run. */
  featureNames: readonly string[];
  /** What the detectors saw: count x featureNames.length standard-scaled features. */
  scaled: { rows: number; cols: number; data: Float64Array };
  isolationForest: Float64Array;
  autoencoder: Float64Array;
  /** The current DBSCAN labels with the eps and min samples that made them. */
  dbscan?: { eps: number; minSamples: number; labels: Uint8Array; distances: Float64Array };
  /** The combined scores stored at training (Window.combinedScore), or null when the run has none. */
  combined: Float64Array | null;
}

interface RunRow {
  features: string;
  eps: number | null;
  minSamples: number;
  labelSettings: string | null;
}

function currentDbscanSettings(runId: number, run: RunRow): { eps: number; minSamples: number } | null {
  // The last relabelling's settings, else the training parameters (eps is null until chosen).
  const settings = readJson(labelSettingsSchema, run.labelSettings, runCell(runId, "labelSettings"));
  if (settings) return { eps: settings.eps, minSamples: settings.minSamples };
  return run.eps === null ? null : { eps: run.eps, minSamples: run.minSamples };
}

/** Reads a run's stored scores in one pass (raw SQL: 100k windows in well under a second). Null without such a run. */
export async function getRunScores(runId: number): Promise<RunScores | null> {
  return guardDb(() =>
    readSql(function* () {
      const run = yield* one<RunRow>(`SELECT "features", "eps", "minSamples", "labelSettings" FROM "Run" WHERE "id" = ?`, [runId]);
      if (!run) return null;
      const set = readFeatureSet(runId, run.features);
      const columns = scaledColumnsOf(set);
      const cols = columns.length;
      const rows = yield* arrays(
        `SELECT ${quoteColumns(columns)}, "ifScore", "aeError", "dbscanAnomaly", "dbscanDistance", "combinedScore"
         FROM "Window" WHERE "runId" = ? ORDER BY "index"`,
        [runId],
      );
      const n = rows.length;
      const scaled = new Float64Array(n * cols);
      const isolationForest = new Float64Array(n);
      const autoencoder = new Float64Array(n);
      const labels = new Uint8Array(n);
      const distances = new Float64Array(n);
      const combined = new NullableColumn(n);
      rows.forEach((row, i) => {
        for (let c = 0; c < cols; c++) scaled[i * cols + c] = row[c] as number;
        isolationForest[i] = row[cols] as number;
        autoencoder[i] = row[cols + 1] as number;
        labels[i] = row[cols + 2] ? 1 : 0;
        const d = row[cols + 3] as number | null;
        distances[i] = d === null || d === undefined ? Number.POSITIVE_INFINITY : d;
        combined.set(i, row[cols + 4] as number | null);
      });
      const settings = currentDbscanSettings(runId, run);
      return {
        featureNames: featureNamesOf(set),
        scaled: { rows: n, cols, data: scaled },
        isolationForest,
        autoencoder,
        dbscan: settings ? { ...settings, labels, distances } : undefined,
        combined: combined.result(),
      };
    }),
  );
}
