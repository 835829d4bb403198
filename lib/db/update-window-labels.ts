import { labelSettingsSchema, type AnomalyCounts, type LabelSettings } from "@/lib/domain/types";
import { DatabaseError, guardDb } from "./errors";
import { writeSql } from "./raw-connection";
import { one, run, updateRows, type SqlRow, type TypedColumn } from "./sql/sql-step";
import { writeJson } from "./stored-json";

/** lib/pipeline's Relabelling fits as is: `updateWindowLabels({ runId, ...relabelling })`. */
export interface UpdateWindowLabelsInput {
  runId: number;
  labels: {
    isolationForest: ArrayLike<number>;
    dbscan: ArrayLike<number>;
    autoencoder: ArrayLike<number>;
    ensemble: ArrayLike<number>;
  };
  /** New distances to the nearest core point when DBSCAN was refitted (Infinity = none). */
  dbscanDistance?: ArrayLike<number>;
  thresholds: LabelSettings & { isolationForest: number; autoencoder: number };
}

const LABEL_COLUMNS: readonly TypedColumn[] = [
  { name: "ifAnomaly", type: "boolean" },
  { name: "dbscanAnomaly", type: "boolean" },
  { name: "aeAnomaly", type: "boolean" },
  { name: "ensembleAnomaly", type: "boolean" },
  { name: "modelVotes", type: "integer" },
];
const DISTANCE_COLUMN: TypedColumn = { name: "dbscanDistance", type: "double precision" };
const WINDOW_KEY: readonly TypedColumn[] = [
  { name: "runId", type: "integer" },
  { name: "index", type: "integer" },
];

/**
 * Stores new labels for every window of a run, with the run's counts, thresholds and settings, in
 * one transaction. The arrays are in window order and must cover all of the run's windows.
 */
export async function updateWindowLabels(input: UpdateWindowLabelsInput): Promise<AnomalyCounts> {
  const { labels, thresholds } = input;
  const n = labels.ensemble.length;
  const lengths = [labels.isolationForest, labels.dbscan, labels.autoencoder, input.dbscanDistance ?? labels.ensemble];
  if (lengths.some((column) => column.length !== n)) {
    throw new DatabaseError("invalid", "Cannot relabel: the label columns differ in length.");
  }
  const settings: LabelSettings = {
    contamination: thresholds.contamination,
    aePercentile: thresholds.aePercentile,
    eps: thresholds.eps,
    minSamples: thresholds.minSamples,
    votes: thresholds.votes,
  };
  // Checked before the write lock is taken, by the schema toRunRecord and getRunScores read it with.
  const settingsJson = writeJson(labelSettingsSchema, settings, "the relabelling thresholds");
  const counts: AnomalyCounts = { isolationForest: 0, dbscan: 0, autoencoder: 0, ensemble: 0 };
  const set: TypedColumn[] = [...LABEL_COLUMNS, ...(input.dbscanDistance ? [DISTANCE_COLUMN] : [])];
  function* rows(): Generator<SqlRow> {
    const row: (number | boolean | null)[] = [];
    for (let i = 0; i < n; i++) {
      const f = labels.isolationForest[i] ? 1 : 0;
      const d = labels.dbscan[i] ? 1 : 0;
      const a = labels.autoencoder[i] ? 1 : 0;
      const e = labels.ensemble[i] ? 1 : 0;
      counts.isolationForest += f;
      counts.dbscan += d;
      counts.autoencoder += a;
      counts.ensemble += e;
      row.length = 0;
      row.push(f === 1, d === 1, a === 1, e === 1, f + d + a);
      if (input.dbscanDistance) {
        const v = input.dbscanDistance[i] as number;
        row.push(Number.isFinite(v) ? v : null);
      }
      row.push(input.runId, i);
      yield row;
    }
  }
  return guardDb(() =>
    writeSql(function* () {
      const stored = yield* one<{ count: number }>(`SELECT COUNT(*) AS count FROM "Window" WHERE "runId" = ?`, [input.runId]);
      const count = stored?.count ?? 0;
      if (count !== n) {
        throw new DatabaseError("invalid", `Cannot relabel: the run has ${count} windows, not ${n}.`);
      }
      yield* updateRows("Window", set, WINDOW_KEY, rows());
      yield* run(
        `UPDATE "Run" SET "ifCount" = ?, "dbscanCount" = ?, "aeCount" = ?, "ensembleCount" = ?,
           "ifThreshold" = ?, "aeThreshold" = ?, "labelSettings" = ? WHERE "id" = ?`,
        [
          counts.isolationForest,
          counts.dbscan,
          counts.autoencoder,
          counts.ensemble,
          thresholds.isolationForest,
          thresholds.autoencoder,
          settingsJson,
          input.runId,
        ],
      );
      return counts;
    }),
  );
}
