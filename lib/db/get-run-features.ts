import { guardDb } from "./errors";
import { readFeatureSet } from "./map-records";
import { withReadConnection } from "./raw-connection";
import { featureColumnsOf, featureNamesOf, quoteColumns } from "./window-columns";

/** A run's raw features, full precision, in window order (getRunWindowColumns keeps float32 for drawing). */
export interface RunFeatureMatrix {
  featureNames: readonly string[];
  rows: number;
  cols: number;
  /** Row-major rows x cols; NaN where a value is missing. */
  data: Float64Array;
}

/** Null without such a run. */
export async function getRunFeatures(runId: number): Promise<RunFeatureMatrix | null> {
  return guardDb(() =>
    withReadConnection((db) => {
      const run = db.prepare(`SELECT "features" FROM "Run" WHERE "id" = ?`).get(runId) as { features: string } | undefined;
      if (!run) return null;
      const set = readFeatureSet(runId, run.features);
      const columns = featureColumnsOf(set);
      const cols = columns.length;
      const { n } = db.prepare(`SELECT COUNT(*) AS n FROM "Window" WHERE "runId" = ?`).get(runId) as { n: number };
      const data = new Float64Array(n * cols);
      const rows = db
        .prepare(`SELECT ${quoteColumns(columns)} FROM "Window" WHERE "runId" = ? ORDER BY "index"`)
        .raw()
        .iterate(runId) as IterableIterator<(number | null)[]>;
      let i = 0;
      for (const row of rows) {
        if (i >= n) break;
        for (let c = 0; c < cols; c++) data[i * cols + c] = row[c] ?? NaN;
        i++;
      }
      return { featureNames: featureNamesOf(set), rows: n, cols, data };
    }),
  );
}
