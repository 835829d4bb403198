import { openDb } from "./client";
import { DatabaseError, guardDb } from "./errors";
import { toJobRecord } from "./map-records";
import { writeSql } from "./raw-connection";
import { all, type SqlParam } from "./sql/sql-step";
import type { JobRecord } from "./types";

export interface ClaimNextJobInput {
  /** Only jobs of these kinds (default: any). */
  kinds?: readonly string[];
  /** Claim nothing while this many jobs are already running (a queue with N concurrent). */
  maxRunning?: number;
}

/**
 * Atomically moves the oldest queued job to running and returns it, or null when there is none (or
 * `maxRunning` jobs already run). One UPDATE ... RETURNING statement does the choosing and the
 * claiming, inside a raw write transaction: SQLite's write lock (PostgreSQL: the raw writers'
 * advisory lock) is taken before the subqueries are evaluated, so two workers, in this process or
 * another, can never claim the same job. The repeated `"status" = 'queued'` guards against any
 * other writer on PostgreSQL, whose READ COMMITTED re-checks the outer WHERE after a row lock.
 */
export async function claimNextJob(input: ClaimNextJobInput = {}): Promise<JobRecord | null> {
  const kinds = input.kinds ?? [];
  if (input.kinds && kinds.length === 0) return null;
  if (input.maxRunning !== undefined && !(input.maxRunning >= 1)) {
    throw new DatabaseError("invalid", "maxRunning must be at least 1.");
  }
  const now = new Date();
  const kindFilter = kinds.length > 0 ? ` AND "kind" IN (${kinds.map(() => "?").join(", ")})` : "";
  const capacity = input.maxRunning !== undefined ? ` AND (SELECT COUNT(*) FROM "Job" WHERE "status" = 'running') < ?` : "";
  const sql = `UPDATE "Job" SET "status" = 'running', "startedAt" = ?, "heartbeatAt" = ?, "progress" = 0, "error" = NULL
    WHERE "id" = (SELECT "id" FROM "Job" WHERE "status" = 'queued'${kindFilter} ORDER BY "id" LIMIT 1) AND "status" = 'queued'${capacity}
    RETURNING "id"`;
  const params: SqlParam[] = [now, now, ...kinds];
  if (input.maxRunning !== undefined) params.push(Math.trunc(input.maxRunning));
  return guardDb(async () => {
    const claimed = await writeSql(() => all<{ id: number }>(sql, params));
    const id = claimed[0]?.id;
    if (id === undefined) return null;
    const db = await openDb();
    const row = await db.job.findUnique({ where: { id: Number(id) } });
    return row ? toJobRecord(row) : null;
  });
}
