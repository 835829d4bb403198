import type { JobStatus } from "@/lib/domain/types";
import { openDb } from "./client";
import { guardDb } from "./errors";
import { readUntilChange } from "./read-until-change";
import { toJobRecord } from "./map-records";
import type { JobRecord } from "./types";

export interface ListJobsInput {
  runId?: number;
  statuses?: readonly JobStatus[];
  /** Default 50, at most 500. */
  limit?: number;
}

/** Jobs, newest first; kept until the database changes (the run list asks for the active ones on every poll). */
export async function listJobs(input: ListJobsInput = {}): Promise<JobRecord[]> {
  const take = Math.min(Math.max(Math.trunc(input.limit ?? 50), 1), 500);
  const key = `listJobs ${JSON.stringify([input.runId ?? null, input.statuses ?? null, take])}`;
  return guardDb(() => readUntilChange(key, async () => {
    const db = await openDb();
    const rows = await db.job.findMany({
      where: { runId: input.runId, status: input.statuses ? { in: [...input.statuses] } : undefined },
      orderBy: { id: "desc" },
      take,
    });
    return rows.map(toJobRecord);
  }));
}
