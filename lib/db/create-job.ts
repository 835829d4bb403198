import { openDb } from "./client";
import { guardDb } from "./errors";
import { toJobRecord } from "./map-records";
import { jobPayloadSchema, writeJson } from "./stored-json";
import type { JobRecord } from "./types";

export interface CreateJobInput {
  kind: string;
  runId?: number | null;
  /** Any JSON value the worker needs (no undefined, NaN or Dates inside: they would not read back the same). */
  payload?: unknown;
  message?: string;
}

/** Queues a job; workers take queued jobs in id order (claimNextJob). */
export async function createJob(input: CreateJobInput): Promise<JobRecord> {
  const payload = input.payload === undefined ? null : writeJson(jobPayloadSchema, input.payload, "the job's payload");
  return guardDb(
    async () => {
      const db = await openDb();
      const row = await db.job.create({
        data: {
          kind: input.kind,
          runId: input.runId ?? null,
          payload,
          message: input.message ?? "Queued",
        },
      });
      return toJobRecord(row);
    },
    { invalid: "The job could not be queued: its run does not exist." },
  );
}
