import { guardDb } from "./errors";
import { withReadConnection } from "./raw-connection";
import { FEATURE_COLUMNS, quoteColumns } from "./window-columns";

/** Every window of a run as columns in window order: what the run page draws. */
export interface RunWindowColumns {
  count: number;
  starts: Float64Array;
  /** Row-major count x 8 raw features. */
  features: Float32Array;
  isolationForest: Float64Array;
  autoencoder: Float64Array;
  dbscan: Uint8Array;
}

/**
 * One raw pass over a run's windows (like getRunScores): paging through Prisma took about 2.7 s
 * for 51,600 windows, which kept a large run's page from opening within 2 s.
 */
export async function getRunWindowColumns(runId: number): Promise<RunWindowColumns> {
  return guardDb(() =>
    withReadConnection((db) => {
      const { n } = db.prepare(`SELECT COUNT(*) AS n FROM "Window" WHERE "runId" = ?`).get(runId) as { n: number };
      const cols = FEATURE_COLUMNS.length;
      const out: RunWindowColumns = {
        count: n,
        starts: new Float64Array(n),
        features: new Float32Array(n * cols),
        isolationForest: new Float64Array(n),
        autoencoder: new Float64Array(n),
        dbscan: new Uint8Array(n),
      };
      const rows = db
        .prepare(`SELECT "start", ${quoteColumns(FEATURE_COLUMNS)}, "ifScore", "aeError", "dbscanAnomaly" FROM "Window" WHERE "runId" = ? ORDER BY "index"`)
        .raw()
        .iterate(runId) as IterableIterator<(number | bigint)[]>;
      let i = 0;
      for (const row of rows) {
        if (i >= n) break;
        out.starts[i] = Number(row[0]);
        for (let c = 0; c < cols; c++) out.features[i * cols + c] = Number(row[1 + c]);
        out.isolationForest[i] = Number(row[1 + cols]);
        out.autoencoder[i] = Number(row[2 + cols]);
        out.dbscan[i] = row[3 + cols] ? 1 : 0;
        i++;
      }
      return out;
    }),
  );
}
