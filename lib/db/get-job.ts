import { openDb } from "./client";
import { guardDb } from "./errors";
import { toJobRecord } from "./map-records";
import type { JobRecord } from "./types";

export async function getJob(id: number): Promise<JobRecord | null> {
  return guardDb(async () => {
    const db = await openDb();
    const row = await db.job.findUnique({ where: { id } });
    return row ? toJobRecord(row) : null;
  });
}
