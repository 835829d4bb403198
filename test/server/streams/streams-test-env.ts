import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { after, afterEach, before } from "node:test";
import { closeLiveStreams } from "@/lib/live/stream-registry";
import { closeStreamSources } from "@/lib/live/stream-sources";
import { resetRateLimits } from "@/lib/server/http/rate-limit";
import { useTempDatabase } from "../../db/temp-database";
import { storeTrainedRun } from "../../live/trained-run";
import { assertOneSentence } from "../http/one-sentence";
import { POST as createRoute, GET as listRoute } from "@/app/api/streams/route";
import { GET as getRoute } from "@/app/api/streams/[id]/route";
import { POST as linesRoute } from "@/app/api/streams/[id]/lines/route";
import { POST as stopRoute } from "@/app/api/streams/[id]/stop/route";
import { BASE, routeParams } from "../api/api-test-env";

/** The /api/streams route handlers called in-process as Next 15 calls them. */

export type Headers = Record<string, string>;

const id = (value: number | string) => routeParams({ id: String(value) });

export function createStream(fields: unknown, headers: Headers = {}): Promise<Response> {
  const body = JSON.stringify(fields);
  return createRoute(new Request(`${BASE}/api/streams`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body }));
}

export function listStreams(query = "", headers: Headers = {}): Promise<Response> {
  return listRoute(new Request(`${BASE}/api/streams${query}`, { headers }));
}

export function getStream(streamId: number | string, headers: Headers = {}): Promise<Response> {
  return getRoute(new Request(`${BASE}/api/streams/${streamId}`, { headers }), id(streamId));
}

export function stopStream(streamId: number | string, headers: Headers = {}): Promise<Response> {
  return stopRoute(new Request(`${BASE}/api/streams/${streamId}/stop`, { method: "POST", headers }), id(streamId));
}

/** POST /api/streams/:id/lines with `body` (text/plain unless headers say otherwise) and an optional sequence number. */
export function sendLines(streamId: number | string, body: string | ReadableStream<Uint8Array>, options: { seq?: number | string; headers?: Headers } = {}): Promise<Response> {
  const headers: Headers = { "content-type": "text/plain", ...options.headers };
  if (options.seq !== undefined) headers["logscope-seq"] = String(options.seq);
  const init: RequestInit & { duplex?: "half" } = { method: "POST", headers, body };
  if (body instanceof ReadableStream) init.duplex = "half";
  return linesRoute(new Request(`${BASE}/api/streams/${streamId}/lines`, init), id(streamId));
}

export async function bodyOf(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

/** The status and the one-sentence error of a refusal. */
export async function refusal(response: Response, status: number, pattern: RegExp): Promise<string> {
  const body = await bodyOf(response);
  assert.equal(response.status, status, JSON.stringify(body));
  assertOneSentence(body.error);
  assert.match(body.error, pattern);
  return body.error;
}

const LOG_LINES = readFileSync(resolve("logs/Linux_2k.log"), "utf8").split("\n").filter((line) => line !== "");

/** Lines `from` to `from + count` of Linux_2k (CRLF, as the file has them), each ended by a line feed. */
export const logLines = (from: number, count: number) => `${LOG_LINES.slice(from, from + count).join("\n")}\n`;
export const logLine = (index: number) => LOG_LINES[index] ?? "";

const ENV = ["LOGSCOPE_STREAMS", "LOGSCOPE_SYSLOG_PORTS", "LOGSCOPE_STREAM_FILES_DIR", "LOGSCOPE_STREAM_MAX_BODY_BYTES"];

/**
 * A test file's store (useTempDatabase), streams on, the stream settings and rate limits reset after
 * each test, and a run trained on Linux_2k (2005, 3 epochs) to take the model from.
 */
export function useStreamsApi(prefix: string): { dir: string; modelRunId: () => number } {
  const tmp = useTempDatabase(prefix);
  let modelRunId = 0;
  process.env.LOGSCOPE_STREAMS = "on";
  before(async () => {
    ({ runId: modelRunId } = await storeTrainedRun(resolve("logs/Linux_2k.log"), { year: 2005, epochs: 3 }));
  });
  afterEach(() => {
    for (const name of ENV) delete process.env[name];
    process.env.LOGSCOPE_STREAMS = "on";
    resetRateLimits();
  });
  after(async () => {
    await closeStreamSources();
    await closeLiveStreams();
    await tmp.cleanup();
  });
  return { dir: tmp.dir, modelRunId: () => modelRunId };
}
