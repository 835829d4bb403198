import { openDb } from "./client";
import { guardDb } from "./errors";

export interface DeletedRun {
  /** The run's model directory, for the caller to remove (lib/db touches no files). */
  modelDir: string | null;
  /** Another run (a stream's live run) scores with the same model directory: keep its files. */
  modelStillUsed: boolean;
  logFileId: number;
  /** Whether other runs still use the log file (if not, the caller may delete the upload). */
  logFileStillUsed: boolean;
  /** The log file's upload, relative to DATA_DIR (resolveStoredPath): here too, since a damaged run cannot be read with getRun. */
  storedPath: string;
}

/**
 * Deletes a run with its windows, presets and jobs (foreign keys cascade in SQLite). Returns null
 * when there was no such run.
 */
export async function deleteRun(id: number): Promise<DeletedRun | null> {
  return guardDb(async () => {
    const db = await openDb();
    // Only plain columns: deleting is the way out for a run whose JSON columns are damaged.
    const run = await db.run.findUnique({ where: { id }, select: { modelDir: true, logFileId: true, logFile: { select: { storedPath: true } } } });
    if (!run) return null;
    const { count } = await db.run.deleteMany({ where: { id } });
    if (count === 0) return null;
    const others = await db.run.count({ where: { logFileId: run.logFileId } });
    // A stream's live run scores with its model run's folder: the folder goes with the last run using it.
    const modelStillUsed = run.modelDir !== null && (await db.run.count({ where: { modelDir: run.modelDir } })) > 0;
    return { modelDir: run.modelDir, modelStillUsed, logFileId: run.logFileId, logFileStillUsed: others > 0, storedPath: run.logFile.storedPath };
  });
}
