import { openDb } from "./client";
import { guardDb } from "./errors";
import { toWindowRecord } from "./map-records";
import type { WindowRecord } from "./types";

/**
 * Windows of a run by index, in the order asked (indices without a window are left out). For
 * pages whose order is computed outside the database, e.g. under relabelled thresholds: one query
 * instead of one per window. At most 1000 indices.
 */
export async function getWindowsByIndex(runId: number, indices: readonly number[]): Promise<WindowRecord[]> {
  const wanted = [...new Set(indices)].slice(0, 1000);
  if (wanted.length === 0) return [];
  return guardDb(async () => {
    const db = await openDb();
    const rows = await db.window.findMany({ where: { runId, index: { in: wanted } } });
    const byIndex = new Map(rows.map((row) => [row.index, toWindowRecord(row)]));
    return indices.flatMap((i) => byIndex.get(i) ?? []);
  });
}
