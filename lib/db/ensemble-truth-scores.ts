import { precisionRecallF1 } from "@/lib/detectors/evaluate-labels";
import type { PrismaClient } from "./generated/prisma/client";

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

interface CountRow {
  id: number | bigint;
  labelled: number | bigint;
  flagged: number | bigint;
  tp: number | bigint;
}

/**
 * One query for a page of runs, all counted in SQLite: the truth's indices are read with json_each
 * and each looked up through the Window primary key (runId, index), and the flagged windows are
 * counted on the (runId, ensembleAnomaly) index, so a run costs O(labelled + flagged) lookups, not
 * a scan of its windows. CROSS JOIN pins that order: written as `index IN (json_each ...)`, SQLite
 * walked the flagged windows and re-read the JSON for each, about 4 s for a run of 50k windows. Labelled windows are counted as the run page counts them (lib/ui/evaluate-run-labels.ts
 * normalizeTruth: distinct indices within the run's windows), so the list and the page agree.
 */
const SQL = (ids: number) => `
  SELECT r."id" AS id,
    (SELECT COUNT(DISTINCT j."value") FROM json_each(r."truthWindows") j
      WHERE j."type" = 'integer' AND j."value" >= 0 AND j."value" < r."windowCount") AS labelled,
    (SELECT COUNT(*) FROM "Window" w WHERE w."runId" = r."id" AND w."ensembleAnomaly" = 1) AS flagged,
    (SELECT COUNT(*) FROM (SELECT DISTINCT j."value" AS i FROM json_each(r."truthWindows") j) t
      CROSS JOIN "Window" w ON w."runId" = r."id" AND w."index" = t.i
      WHERE w."ensembleAnomaly" = 1) AS tp
  FROM "Run" r
  WHERE r."id" IN (${Array.from({ length: ids }, () => "?").join(", ")})
    AND r."status" = 'succeeded' AND r."truthWindows" IS NOT NULL AND json_valid(r."truthWindows")`;

/**
 * Precision, recall and F1 of the ensemble's current labels for those of `runIds` that succeeded
 * with ground truth; runs without truth are absent from the map. The formula is the detectors'
 * own (precisionRecallF1), so a run scores the same here, on its page and in the CLI's report.
 */
export async function ensembleTruthScores(db: Pick<PrismaClient, "$queryRawUnsafe">, runIds: readonly number[]): Promise<Map<number, TruthScore>> {
  const scores = new Map<number, TruthScore>();
  if (runIds.length === 0) return scores;
  const rows = await db.$queryRawUnsafe<CountRow[]>(SQL(runIds.length), ...runIds);
  for (const row of rows) {
    const labelled = Number(row.labelled);
    const flagged = Number(row.flagged);
    const truePositives = Number(row.tp);
    scores.set(Number(row.id), {
      labelled,
      flagged,
      truePositives,
      ...precisionRecallF1(truePositives, flagged - truePositives, labelled - truePositives),
    });
  }
  return scores;
}
