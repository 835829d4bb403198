import { guardDb } from "./errors";
import { readFeatureSet } from "./map-records";
import { readSql } from "./raw-connection";
import { arrays, one } from "./sql/sql-step";
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
    readSql(function* () {
      const run = yield* one<{ features: string }>(`SELECT "features" FROM "Run" WHERE "id" = ?`, [runId]);
      if (!run) return null;
      const set = readFeatureSet(runId, run.features);
      const columns = featureColumnsOf(set);
      const cols = columns.length;
      const rows = yield* arrays(`SELECT ${quoteColumns(columns)} FROM "Window" WHERE "runId" = ? ORDER BY "index"`, [runId]);
      const n = rows.length;
      const data = new Float64Array(n * cols);
      rows.forEach((row, i) => {
        for (let c = 0; c < cols; c++) data[i * cols + c] = (row[c] as number | null) ?? NaN;
      });
      return { featureNames: featureNamesOf(set), rows: n, cols, data };
    }),
  );
}
