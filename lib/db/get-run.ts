import { openDb } from "./client";
import { guardDb } from "./errors";
import { toLogFileRecord, toRunRecord } from "./map-records";
import type { RunWithLogFile } from "./types";

export async function getRun(id: number): Promise<RunWithLogFile | null> {
  return guardDb(async () => {
    const db = await openDb();
    const row = await db.run.findUnique({ where: { id }, include: { logFile: true } });
    return row ? { ...toRunRecord(row), logFile: toLogFileRecord(row.logFile) } : null;
  });
}
