import { isFinished, jobStatusSchema, type JobStatus } from "@/lib/domain/types";
import { openDb } from "./client";
import { guardDb } from "./errors";
import { toJobRecord } from "./map-records";
import { writeStored } from "./stored-json";
import type { JobRecord } from "./types";

export interface JobUpdate {
  status?: JobStatus;
  /** 0..1, clamped. */
  progress?: number;
  message?: string | null;
  /** A safe, user-facing message. */
  error?: string | null;
  /** Defaults to now when status becomes succeeded, failed or cancelled. */
  finishedAt?: Date | null;
}

export interface UpdateJobOptions {
  /**
   * Update only while the job is in one of these statuses. A worker reporting progress passes
   * "running": if the job was cancelled meanwhile, nothing changes and it gets null back, its cue
   * to stop.
   */
  onlyIf?: JobStatus | readonly JobStatus[];
}

/**
 * Updates a job and stamps its heartbeat (every update is a sign of life). Returns the updated job,
 * or null when there is no such job or its status did not match `onlyIf`.
 */
export async function updateJob(id: number, update: JobUpdate, options: UpdateJobOptions = {}): Promise<JobRecord | null> {
  const onlyIf = options.onlyIf === undefined ? undefined : ([] as JobStatus[]).concat(options.onlyIf);
  const now = new Date();
  const finishedAt =
    update.finishedAt !== undefined ? update.finishedAt : update.status && isFinished(update.status) ? now : undefined;
  // Checked as toJobRecord will read it.
  const status = update.status === undefined ? undefined : writeStored(jobStatusSchema, update.status, "the job's status");
  const progress = update.progress === undefined ? undefined : Math.min(Math.max(update.progress, 0), 1);
  return guardDb(async () => {
    const db = await openDb();
    const { count } = await db.job.updateMany({
      where: { id, status: onlyIf ? { in: onlyIf } : undefined },
      data: {
        status,
        progress: Number.isNaN(progress) ? undefined : progress,
        message: update.message,
        error: update.error,
        finishedAt,
        heartbeatAt: now,
      },
    });
    if (count === 0) return null;
    const row = await db.job.findUnique({ where: { id } });
    return row ? toJobRecord(row) : null;
  });
}
