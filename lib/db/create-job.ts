import { openDb } from "./client";
import { guardDb } from "./errors";
import { toJobRecord } from "./map-records";
import type { JobRecord } from "./types";

export interface CreateJobInput {
  kind: string;
  runId?: number | null;
  /** Anything JSON-serialisable the worker needs. */
  payload?: unknown;
  message?: string;
}

/** Queues a job; workers take queued jobs in id order (claimNextJob). */
export async function createJob(input: CreateJobInput): Promise<JobRecord> {
  return guardDb(
    async () => {
      const db = await openDb();
      const row = await db.job.create({
        data: {
          kind: input.kind,
          runId: input.runId ?? null,
          payload: input.payload === undefined ? null : JSON.stringify(input.payload),
          message: input.message ?? "Queued",
        },
      });
      return toJobRecord(row);
    },
    { invalid: "The job could not be queued: its run does not exist." },
  );
}
