import type { StreamRecord } from "@/lib/domain/stream-types";
import { openDb } from "./client";
import { guardDb } from "./errors";
import { toStreamRecord } from "./stream-records";

/** The stream, or null when there is none. */
export async function getStream(id: number): Promise<StreamRecord | null> {
  return guardDb(async () => {
    const row = await (await openDb()).stream.findUnique({ where: { id } });
    return row && toStreamRecord(row);
  });
}

/** The stream whose live run this is, or null for a trained run. */
export async function getStreamOfRun(runId: number): Promise<StreamRecord | null> {
  return guardDb(async () => {
    const row = await (await openDb()).stream.findUnique({ where: { runId } });
    return row && toStreamRecord(row);
  });
}
