import { openDb } from "./client";
import { guardDb } from "./errors";
import { toLogFileRecord } from "./map-records";
import type { LogFileRecord } from "./types";

/** The stored upload with this id, or null. */
export async function getLogFile(id: number): Promise<LogFileRecord | null> {
  return guardDb(async () => {
    const db = await openDb();
    const row = await db.logFile.findUnique({ where: { id } });
    return row ? toLogFileRecord(row) : null;
  });
}
