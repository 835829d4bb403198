import { guardDb } from "./errors";
import { NullableColumn } from "./nullable-column";
import { readFeatureSet } from "./map-records";
import { readSql } from "./raw-connection";
import { arrays, one } from "./sql/sql-step";
import { featureColumnsOf, featureNamesOf, quoteColumns } from "./window-columns";

/** Every window of a run as columns in window order: what the run page draws. */
export interface RunWindowColumns {
  count: number;
  /** Names of the feature columns: the 8 seed features, or the 12 of an extended run. */
  featureNames: readonly string[];
  starts: Float64Array;
  /** Row-major count x featureNames.length raw features (8 for seed runs, 12 for extended ones). */
  features: Float32Array;
  isolationForest: Float64Array;
  autoencoder: Float64Array;
  dbscan: Uint8Array;
  /** The combined score stored at training (Window.combinedScore), or null when the run has none. */
  combined: Float64Array | null;
}

/**
 * One raw pass over a run's windows (like getRunScores): paging through Prisma took about 2.7 s
 * for 51,600 windows, which kept a large run's page from opening within 2 s.
 */
export async function getRunWindowColumns(runId: number): Promise<RunWindowColumns> {
  return guardDb(() =>
    readSql(function* () {
      const run = yield* one<{ features: string }>(`SELECT "features" FROM "Run" WHERE "id" = ?`, [runId]);
      // No such run: no windows, drawn as an empty seed run.
      const set = run ? readFeatureSet(runId, run.features) : "seed";
      const columns = featureColumnsOf(set);
      const rows = yield* arrays(
        `SELECT "start", ${quoteColumns(columns)}, "ifScore", "aeError", "dbscanAnomaly", "combinedScore" FROM "Window" WHERE "runId" = ? ORDER BY "index"`,
        [runId],
      );
      const n = rows.length;
      const cols = columns.length;
      const out: RunWindowColumns = {
        count: n,
        featureNames: featureNamesOf(set),
        starts: new Float64Array(n),
        features: new Float32Array(n * cols),
        isolationForest: new Float64Array(n),
        autoencoder: new Float64Array(n),
        dbscan: new Uint8Array(n),
        combined: null,
      };
      const combined = new NullableColumn(n);
      rows.forEach((row, i) => {
        out.starts[i] = Number(row[0]);
        // A missing template feature (never expected in an extended run) reads as NaN, not 0.
        for (let c = 0; c < cols; c++) out.features[i * cols + c] = row[1 + c] === null ? NaN : Number(row[1 + c]);
        out.isolationForest[i] = Number(row[1 + cols]);
        out.autoencoder[i] = Number(row[2 + cols]);
        out.dbscan[i] = row[3 + cols] ? 1 : 0;
        combined.set(i, row[4 + cols] as number | null);
      });
      out.combined = combined.result();
      return out;
    }),
  );
}
