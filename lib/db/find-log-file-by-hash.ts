import { openDb } from "./client";
import { guardDb } from "./errors";
import { toLogFileRecord } from "./map-records";
import type { LogFileRecord } from "./types";

/** The stored upload with this content, if any (uploads are deduplicated by SHA-256). */
export async function findLogFileByHash(sha256: string): Promise<LogFileRecord | null> {
  return guardDb(async () => {
    const db = await openDb();
    const row = await db.logFile.findUnique({ where: { sha256: sha256.toLowerCase() } });
    return row ? toLogFileRecord(row) : null;
  });
}
