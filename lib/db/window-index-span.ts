import { guardDb } from "./errors";
import { readSql } from "./raw-connection";
import { one } from "./sql/sql-step";

/**
 * The window indices [first, end) of the windows starting in [from, to) (Unix seconds): a run's
 * windows are in time order, so any time range is one run of indices.
 */
export async function windowIndexSpan(runId: number, from: number, to: number): Promise<{ first: number; end: number }> {
  return guardDb(() =>
    readSql(function* () {
      const row = yield* one<{ lo: number | null; hi: number | null }>(
        `SELECT MIN("index") AS lo, MAX("index") AS hi FROM "Window" WHERE "runId" = ? AND "start" >= ? AND "start" < ?`,
        [runId, Math.ceil(from), Math.ceil(to)],
      );
      return !row || row.lo === null || row.hi === null ? { first: 0, end: 0 } : { first: row.lo, end: row.hi + 1 };
    }),
  );
}
