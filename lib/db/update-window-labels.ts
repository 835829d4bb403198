import { labelSettingsSchema, type AnomalyCounts, type LabelSettings } from "@/lib/domain/types";
import { DatabaseError, guardDb } from "./errors";
import { withWriteTransaction } from "./raw-connection";
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
  return guardDb(() =>
    withWriteTransaction((db) => {
      const { count } = db.prepare(`SELECT COUNT(*) AS count FROM "Window" WHERE "runId" = ?`).get(input.runId) as { count: number };
      if (count !== n) {
        throw new DatabaseError("invalid", `Cannot relabel: the run has ${count} windows, not ${n}.`);
      }
      const distance = input.dbscanDistance ? `, "dbscanDistance" = ?` : "";
      const update = db.prepare(
        `UPDATE "Window" SET "ifAnomaly" = ?, "dbscanAnomaly" = ?, "aeAnomaly" = ?, "ensembleAnomaly" = ?, "modelVotes" = ?${distance}
         WHERE "runId" = ? AND "index" = ?`,
      );
      const counts: AnomalyCounts = { isolationForest: 0, dbscan: 0, autoencoder: 0, ensemble: 0 };
      for (let i = 0; i < n; i++) {
        const f = labels.isolationForest[i] ? 1 : 0;
        const d = labels.dbscan[i] ? 1 : 0;
        const a = labels.autoencoder[i] ? 1 : 0;
        const e = labels.ensemble[i] ? 1 : 0;
        counts.isolationForest += f;
        counts.dbscan += d;
        counts.autoencoder += a;
        counts.ensemble += e;
        const args: (number | null)[] = [f, d, a, e, f + d + a];
        if (input.dbscanDistance) {
          const v = input.dbscanDistance[i] as number;
          args.push(Number.isFinite(v) ? v : null);
        }
        args.push(input.runId, i);
        update.run(args);
      }
      db.prepare(
        `UPDATE "Run" SET "ifCount" = ?, "dbscanCount" = ?, "aeCount" = ?, "ensembleCount" = ?,
           "ifThreshold" = ?, "aeThreshold" = ?, "labelSettings" = ? WHERE "id" = ?`,
      ).run(
        counts.isolationForest,
        counts.dbscan,
        counts.autoencoder,
        counts.ensemble,
        thresholds.isolationForest,
        thresholds.autoencoder,
        settingsJson,
        input.runId,
      );
      return counts;
    }),
  );
}
