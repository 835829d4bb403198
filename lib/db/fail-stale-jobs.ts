import { guardDb } from "./errors";
import { writeSql } from "./raw-connection";
import { all, type SqlParam } from "./sql/sql-step";

export interface FailStaleJobsInput {
  /**
   * Only running jobs whose last heartbeat is older than this (several workers sharing a database).
   * Default: every running job, right for a single worker at its start, when none can be alive.
   */
  heartbeatBefore?: Date;
  /** User-facing reason stored on the jobs and their runs. */
  message?: string;
}

export interface FailedJobs {
  jobIds: number[];
  /** Runs of those jobs that were queued or running and are now failed too. */
  runIds: number[];
}

export const STALE_JOB_MESSAGE =
  "Interrupted: the worker stopped while this was running (the server was restarted or crashed). Start it again.";

/** Marks jobs left `running` by a dead worker as failed, with their runs, in one transaction. */
export async function failStaleJobs(input: FailStaleJobsInput = {}): Promise<FailedJobs> {
  const message = input.message ?? STALE_JOB_MESSAGE;
  const now = new Date();
  const stale = input.heartbeatBefore
    ? `"status" = 'running' AND ("heartbeatAt" IS NULL OR "heartbeatAt" < ?)`
    : `"status" = 'running'`;
  const staleParams: SqlParam[] = input.heartbeatBefore ? [input.heartbeatBefore] : [];
  return guardDb(() =>
    writeSql(function* () {
      // Runs first: the subquery still sees the jobs as running.
      const runs = yield* all<{ id: number }>(
        `UPDATE "Run" SET "status" = 'failed', "error" = ?, "finishedAt" = ?
         WHERE "status" IN ('queued', 'running') AND "id" IN (SELECT "runId" FROM "Job" WHERE ${stale} AND "runId" IS NOT NULL)
         RETURNING "id"`,
        [message, now, ...staleParams],
      );
      const jobs = yield* all<{ id: number }>(
        `UPDATE "Job" SET "status" = 'failed', "error" = ?, "message" = 'Interrupted', "finishedAt" = ? WHERE ${stale} RETURNING "id"`,
        [message, now, ...staleParams],
      );
      const ids = (rows: { id: number }[]) => rows.map((r) => Number(r.id)).sort((a, b) => a - b);
      return { jobIds: ids(jobs), runIds: ids(runs) };
    }),
  );
}
