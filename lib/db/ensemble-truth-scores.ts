import { precisionRecallF1 } from "@/lib/detectors/evaluate-labels";
import { readSql } from "./raw-connection";
import { isIntegerArrayJson, jsonIntegers } from "./sql/dialect-sql";
import { all, type SqlDialect } from "./sql/sql-step";

/** The ensemble's current labels scored against a run's ground truth (Run.truthWindows). */
export interface TruthScore {
  /** Labelled windows within the run (duplicates and out-of-range indices dropped). */
  labelled: number;
  /** Windows the ensemble flags under the run's current labels. */
  flagged: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
}

/** COUNT(*) arrives as a number from both drivers (sql/postgres-driver.ts reads int8 as a number). */
interface CountRow {
  id: number;
  labelled: number;
  flagged: number;
  tp: number;
}

/**
 * One query for a page of runs, all counted in the database: the truth's indices are read from the
 * JSON (dialect-sql.ts) and each looked up through the Window primary key (runId, index), and the
 * flagged windows are counted on the (runId, ensembleAnomaly) index, so a run costs
 * O(labelled + flagged) lookups, not a scan of its windows. CROSS JOIN pins that order on SQLite:
 * written as `index IN (json_each ...)`, SQLite walked the flagged windows and re-read the JSON for
 * each, about 4 s for a run of 50k windows (this form: about 15 ms there, 5k labelled and 5k
 * flagged). PostgreSQL plans CROSS JOIN like any join and picks the same primary key lookups itself
 * (about 20 ms for that run). The join's conditions are in WHERE because PostgreSQL allows no ON
 * after CROSS JOIN. Labelled windows are counted as the run page counts them
 * (lib/ui/evaluate-run-labels.ts normalizeTruth: distinct indices within the run's windows), so the
 * list and the page agree.
 */
const SQL = (dialect: SqlDialect, ids: number) => `
  SELECT r."id" AS id,
    (SELECT COUNT(DISTINCT j."value") FROM ${jsonIntegers(dialect, `r."truthWindows"`)} j
      WHERE j."value" >= 0 AND j."value" < r."windowCount") AS labelled,
    (SELECT COUNT(*) FROM "Window" w WHERE w."runId" = r."id" AND w."ensembleAnomaly" = TRUE) AS flagged,
    (SELECT COUNT(*) FROM (SELECT DISTINCT j."value" AS i FROM ${jsonIntegers(dialect, `r."truthWindows"`)} j) t
      CROSS JOIN "Window" w
      WHERE w."runId" = r."id" AND w."index" = t.i AND w."ensembleAnomaly" = TRUE) AS tp
  FROM "Run" r
  WHERE r."id" IN (${Array.from({ length: ids }, () => "?").join(", ")})
    AND r."status" = 'succeeded' AND r."truthWindows" IS NOT NULL AND ${isIntegerArrayJson(dialect, `r."truthWindows"`)}`;

/**
 * Precision, recall and F1 of the ensemble's current labels for those of `runIds` that succeeded
 * with ground truth; runs without truth are absent from the map. The formula is the detectors'
 * own (precisionRecallF1), so a run scores the same here, on its page and in the CLI's report.
 */
export async function ensembleTruthScores(runIds: readonly number[]): Promise<Map<number, TruthScore>> {
  const scores = new Map<number, TruthScore>();
  if (runIds.length === 0) return scores;
  const rows = await readSql((dialect) => all<CountRow>(SQL(dialect, runIds.length), runIds));
  for (const { id, labelled, flagged, tp } of rows) {
    scores.set(id, { labelled, flagged, truePositives: tp, ...precisionRecallF1(tp, flagged - tp, labelled - tp) });
  }
  return scores;
}
