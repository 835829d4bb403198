import { openDb } from "./client";
import { DatabaseError, guardDb } from "./errors";
import { toJobRecord } from "./map-records";
import { toSqlTimestamp } from "./sql-timestamp";
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
 * claiming: SQLite takes the write lock before it evaluates the subqueries, so two workers, in
 * this process or another, can never claim the same job.
 */
export async function claimNextJob(input: ClaimNextJobInput = {}): Promise<JobRecord | null> {
  const kinds = input.kinds ?? [];
  if (input.kinds && kinds.length === 0) return null;
  if (input.maxRunning !== undefined && !(input.maxRunning >= 1)) {
    throw new DatabaseError("invalid", "maxRunning must be at least 1.");
  }
  const now = toSqlTimestamp();
  const kindFilter = kinds.length > 0 ? ` AND "kind" IN (${kinds.map(() => "?").join(", ")})` : "";
  const capacity = input.maxRunning !== undefined ? ` AND (SELECT COUNT(*) FROM "Job" WHERE "status" = 'running') < ?` : "";
  const sql = `UPDATE "Job" SET "status" = 'running', "startedAt" = ?, "heartbeatAt" = ?, "progress" = 0, "error" = NULL
    WHERE "id" = (SELECT "id" FROM "Job" WHERE "status" = 'queued'${kindFilter} ORDER BY "id" LIMIT 1)${capacity}
    RETURNING "id"`;
  const params: (string | number)[] = [now, now, ...kinds];
  if (input.maxRunning !== undefined) params.push(Math.trunc(input.maxRunning));
  return guardDb(async () => {
    const db = await openDb();
    const claimed = await db.$queryRawUnsafe<{ id: number | bigint }[]>(sql, ...params);
    const id = claimed[0]?.id;
    if (id === undefined) return null;
    const row = await db.job.findUnique({ where: { id: Number(id) } });
    return row ? toJobRecord(row) : null;
  });
}
