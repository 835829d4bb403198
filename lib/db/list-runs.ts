import type { RunStatus } from "@/lib/domain/types";
import { openDb } from "./client";
import { ensembleTruthScores, type TruthScore } from "./ensemble-truth-scores";
import { guardDb } from "./errors";
import { readUntilChange } from "./read-until-change";
import { toLogFileRecord, toRunRecord } from "./map-records";
import type { RunWithLogFile } from "./types";

export interface ListRunsInput {
  /** 1-based; default 1. */
  page?: number;
  /** Default 50, at most 500. */
  pageSize?: number;
  status?: RunStatus;
  logFileId?: number;
}

/** A listed run: the record, and how its ensemble scores against its ground truth. */
export interface ListedRun extends RunWithLogFile {
  /** The ensemble's current labels against Run.truthWindows; null without truth or before success. */
  truthScore: TruthScore | null;
}

export interface RunPage {
  runs: ListedRun[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * Runs, newest first, each with its ensemble's F1 when it has ground truth. The dashboard polls
 * this, so a page (scores included) is kept until the database changes: a relabelling commits, so
 * the F1 always follows the current labels.
 */
export async function listRuns(input: ListRunsInput = {}): Promise<RunPage> {
  const pageSize = Math.min(Math.max(Math.trunc(input.pageSize ?? 50), 1), 500);
  const page = Math.max(Math.trunc(input.page ?? 1), 1);
  const key = `listRuns ${JSON.stringify([page, pageSize, input.status ?? null, input.logFileId ?? null])}`;
  return guardDb(() => readUntilChange(key, async () => {
    const db = await openDb();
    const where = { status: input.status, logFileId: input.logFileId };
    const [total, rows] = await db.$transaction([
      db.run.count({ where }),
      db.run.findMany({
        where,
        include: { logFile: true },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
    ]);
    const scores = await ensembleTruthScores(rows.filter((row) => row.truthWindows !== null).map((row) => row.id));
    return {
      runs: rows.map((row) => ({ ...toRunRecord(row), logFile: toLogFileRecord(row.logFile), truthScore: scores.get(row.id) ?? null })),
      total,
      page,
      pageSize,
    };
  }));
}
