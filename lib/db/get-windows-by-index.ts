import { openDb } from "./client";
import { guardDb } from "./errors";
import { toWindowRecord } from "./map-records";
import type { WindowRecord } from "./types";

/**
 * Windows of a run by index, in the order asked (indices without a window are left out). For
 * pages whose order is computed outside the database, e.g. under relabelled thresholds: one query
 * instead of one per window. At most 1000 indices.
 */
const INDEX_BATCH = 500;

export async function getWindowsByIndex(runId: number, indices: readonly number[]): Promise<WindowRecord[]> {
  const wanted = [...new Set(indices)].slice(0, 1000);
  if (wanted.length === 0) return [];
  return guardDb(async () => {
    const db = await openDb();
    const byIndex = new Map<number, WindowRecord>();
    // SQLite binds at most 999 parameters per statement here (Prisma P2029 for a 1000-window page):
    // ask in batches well under that.
    for (let from = 0; from < wanted.length; from += INDEX_BATCH) {
      const rows = await db.window.findMany({ where: { runId, index: { in: wanted.slice(from, from + INDEX_BATCH) } } });
      for (const row of rows) byIndex.set(row.index, toWindowRecord(row));
    }
    return indices.flatMap((i) => byIndex.get(i) ?? []);
  });
}
