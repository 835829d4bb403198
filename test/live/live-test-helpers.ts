import { setTimeout as sleep } from "node:timers/promises";
import { getStream } from "@/lib/db/get-stream";
import type { StreamRecord } from "@/lib/domain/stream-types";
import { streamResultsCsv } from "@/lib/server/runs/results-csv";

/** Polls the stream until `ready` holds (every 50 ms, at most `timeoutMs`); answers the last stream read. */
export async function waitForStream(id: number, ready: (stream: StreamRecord) => boolean, timeoutMs = 30_000): Promise<StreamRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stream = await getStream(id);
    if (stream && ready(stream)) return stream;
    if (Date.now() > deadline) throw new Error(`stream ${id} did not get there in ${timeoutMs} ms: ${JSON.stringify(stream)}`);
    await sleep(50);
  }
}

/** The run's windows as the results CSV. */
export async function csvOf(runId: number): Promise<string> {
  return new Response(await streamResultsCsv(runId)).text();
}

/** The log's lines without their line breaks (a last line without one included). */
export function linesOf(text: string): string[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}
