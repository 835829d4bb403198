import "server-only";
import { formatBytes } from "@/lib/ui/format";
import { LINE_SEARCH_MAX_BYTES } from "./window-search";
import { createReadStream } from "node:fs";
import { getRunWindowSpans } from "@/lib/db/get-run-window-spans";
import type { RunWithLogFile } from "@/lib/db/types";
import { HostWindowCounter, type HostWindowCountsResult } from "@/lib/logs/host-window-counts";
import { ByteLineSplitter } from "@/lib/logs/line-splitter";
import { isAutoFormat, resolveFormat } from "@/lib/logs/formats/registry";
import { META, type LineParser } from "@/lib/logs/formats/types";
import { LruCache } from "@/lib/server/lru-cache";
import { isStored, localCopy } from "@/lib/storage/local-copy";
import { getFinishedRun, runCacheKey } from "./relabel-run";

/** GET /api/runs/:id/hosts: the busiest hosts' events and error-keyword lines per window. */
export interface HostLanes extends HostWindowCountsResult {
  runId: number;
  windows: number;
  /** One sentence when the run's log is no longer stored (then no hosts), else null. */
  missing: string | null;
}

/** The busiest hosts get a lane each; the rest share one ("other"). */
export const MAX_HOST_LANES = 12;

const CHUNK_BYTES = 1 << 20;

// Reading the log is one pass over the file, seconds for a large one: keep the last few runs'.
const globalForCache = globalThis as typeof globalThis & { logscopeHostLanes?: LruCache<string, Promise<HostLanes>> };
const cache = (globalForCache.logscopeHostLanes ??= new LruCache<string, Promise<HostLanes>>(4));

/** The parser of the format the run was trained with (runs from before formats read classic syslog). */
function parserOf(run: RunWithLogFile): LineParser {
  const asked = run.params.format ?? "syslog";
  const name = run.params.detectedFormat ?? (isAutoFormat({ format: asked }) ? "syslog" : asked);
  const resolved = resolveFormat({ ...(run.params.formatOptions ?? {}), format: name });
  return resolved.definition.createParser(resolved.options);
}

async function countHosts(run: RunWithLogFile, path: string): Promise<HostLanes> {
  const spans = await getRunWindowSpans(run.id);
  const counter = new HostWindowCounter(spans.map((s) => s.lineRanges));
  const parser = parserOf(run);
  const decoder = new TextDecoder("utf-8");
  // Every line goes through the parser, in order (a format may keep state, such as W3C's field
  // list); only lines that start a record of one of the run's windows are counted.
  const splitter = new ByteLineSplitter((bytes, start, end, line) => {
    const verdict = parser.parseLine(decoder.decode(bytes.subarray(start, end)));
    if (verdict !== null && verdict !== META) counter.add(line, verdict.host, verdict.message);
  });
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
    splitter.push(chunk as Buffer);
  }
  splitter.end();
  return { runId: run.id, windows: spans.length, missing: null, ...counter.result(MAX_HOST_LANES) };
}

/**
 * A finished run's per-host activity, read once from its stored log with the run's own format and
 * cached per run. When the log is no longer stored, the answer says so in one sentence.
 */
export async function runHostLanes(runId: number): Promise<HostLanes> {
  const run = await getFinishedRun(runId);
  const key = run.logFile.storedPath;
  const unavailable = (missing: string): HostLanes => ({ runId, windows: run.windowCount ?? 0, missing, hosts: [], other: null });
  if (!(await isStored(key))) {
    return unavailable(`The stored copy of ${run.logFile.originalName} is no longer on the server, so its hosts cannot be counted.`);
  }
  // The same bound as the table's line search: a read of the whole log per run must stay a matter of seconds.
  if (run.logFile.size > LINE_SEARCH_MAX_BYTES) {
    return unavailable(`${run.logFile.originalName} is larger than ${formatBytes(LINE_SEARCH_MAX_BYTES)}, too large to count per host on request.`);
  }
  const cacheKey = runCacheKey(run);
  let lanes = cache.get(cacheKey);
  if (!lanes) {
    // Not tied to one request's signal: every waiting request shares the read (from a bucket, of this server's copy).
    lanes = localCopy(key).then((path) => countHosts(run, path));
    cache.set(cacheKey, lanes);
    // A failed read is not kept: the next request tries again.
    lanes.catch(() => cache.deleteWhere((k) => k === cacheKey));
  }
  return lanes;
}
