import { openDb } from "./client";
import { uploadStoredPath } from "./database-location";
import { DatabaseError, guardDb } from "./errors";
import { toLogFileRecord } from "./map-records";
import type { LogFileRecord, NewLogFile } from "./types";

export interface CreateLogFileResult {
  logFile: LogFileRecord;
  /** false when the same content was already stored (the existing row is returned). */
  created: boolean;
}

/**
 * Records an upload. Identical content is stored once: if the hash is known (also when a
 * concurrent upload of the same file won the race) the existing row comes back, original name
 * and all. The caller writes the file to resolveStoredPath(logFile.storedPath) when `created`.
 */
export async function createLogFile(input: NewLogFile): Promise<CreateLogFileResult> {
  const sha256 = input.sha256.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(sha256)) {
    throw new DatabaseError("invalid", "The upload's SHA-256 must be 64 hexadecimal digits.");
  }
  return guardDb(async () => {
    const db = await openDb();
    const existing = await db.logFile.findUnique({ where: { sha256 } });
    if (existing) return { logFile: toLogFileRecord(existing), created: false };
    try {
      const row = await db.logFile.create({
        data: {
          originalName: input.originalName,
          sha256,
          size: BigInt(input.size),
          lines: input.lines,
          unparsedLines: input.unparsedLines,
          storedPath: input.storedPath ?? uploadStoredPath(sha256),
        },
      });
      return { logFile: toLogFileRecord(row), created: true };
    } catch (error) {
      const raced = await db.logFile.findUnique({ where: { sha256 } });
      if (raced) return { logFile: toLogFileRecord(raced), created: false };
      throw error;
    }
  });
}
