import type { StreamRecord, StreamState } from "@/lib/domain/stream-types";
import { openDb } from "./client";
import { guardDb } from "./errors";
import { toStreamRecord } from "./stream-records";

/** Streams, newest first; `state` keeps one state (the server resumes the live ones at start). */
export async function listStreams(filter: { state?: StreamState } = {}): Promise<StreamRecord[]> {
  return guardDb(async () => {
    const rows = await (await openDb()).stream.findMany({ where: filter.state ? { state: filter.state } : {}, orderBy: { id: "desc" } });
    return rows.map(toStreamRecord);
  });
}
