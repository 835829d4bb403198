import { openDb } from "./client";
import { guardDb } from "./errors";
import { toJobRecord } from "./map-records";
import type { JobRecord } from "./types";

export interface ClaimedJob {
  job: JobRecord;
  /**
   * True when the job was already running: an earlier attempt's worker stopped (killed or lost)
   * and the queue handed the job on. Whatever that attempt wrote must be cleared before running it.
   */
  takeover: boolean;
}

/**
 * Moves one named job to running for a queue worker and returns it, or null when it is neither
 * queued nor running (cancelled, finished or deleted meanwhile). The queue (BullMQ) hands a job to
 * one worker at a time, so a `running` job reaching a worker is one whose previous holder lost its
 * lease; the update is still conditional on the status (and start time) just read, so a cancel
 * landing in between wins and two claims can never both succeed. Prisma's model API only, so it
 * runs the same on SQLite and PostgreSQL.
 */
export async function claimJob(id: number): Promise<ClaimedJob | null> {
  return guardDb(async () => {
    const db = await openDb();
    const before = await db.job.findUnique({ where: { id } });
    if (!before || (before.status !== "queued" && before.status !== "running")) return null;
    const now = new Date();
    const { count } = await db.job.updateMany({
      where: { id, status: before.status, startedAt: before.startedAt },
      data: { status: "running", startedAt: now, heartbeatAt: now, progress: 0, error: null, finishedAt: null },
    });
    if (count === 0) return null;
    const row = await db.job.findUnique({ where: { id } });
    return row ? { job: toJobRecord(row), takeover: before.status === "running" } : null;
  });
}

/** Puts a running job back in the queue's hands (its worker is stopping and hands it back). */
export async function requeueJob(id: number, message: string): Promise<boolean> {
  return guardDb(async () => {
    const db = await openDb();
    const { count } = await db.job.updateMany({
      where: { id, status: "running" },
      data: { status: "queued", progress: 0, message, startedAt: null, heartbeatAt: new Date() },
    });
    return count > 0;
  });
}
