import "server-only";
import { open } from "node:fs/promises";
import { getRunWindowSpans, type WindowSpan } from "@/lib/db/get-run-window-spans";
import { findWindowsByTemplate } from "@/lib/db/search-window-templates";
import type { RunWithLogFile } from "@/lib/db/types";
import { ByteLineSplitter } from "@/lib/logs/line-splitter";
import { LruCache } from "@/lib/server/lru-cache";
import { localCopyIfStored } from "@/lib/storage/local-copy";
import { runCacheKey } from "./relabel-run";

/**
 * The windows table's text search. What it searches, for a text typed in the table (`q=`):
 * - the window's raw log lines (every run): a case-insensitive substring of any line the window
 *   holds, read from the stored upload in one pass, as long as the upload is at most
 *   LINE_SEARCH_MAX_BYTES (about a second of reading; beyond it the lines are not searched);
 * - extended runs also: the text and stored example line of every template the window holds
 *   (SQL LIKE in lib/db/search-window-templates.ts), which finds `<NUM>`-style masked templates too.
 * A result is cached per run and text, so paging or sorting the matches reads the log once.
 */
export const LINE_SEARCH_MAX_BYTES = 256 * 1024 * 1024;

export interface WindowSearch {
  /** 1 for each matching window, by window index. */
  matches: Uint8Array;
  /** What was searched, ending the table's sentence "Searched …", e.g. "log lines and templates". */
  scope: string;
}

const CHUNK_BYTES = 1 << 20;

const globalForCache = globalThis as typeof globalThis & { logscopeSearchCache?: LruCache<string, Promise<WindowSearch>> };
const cache = (globalForCache.logscopeSearchCache ??= new LruCache<string, Promise<WindowSearch>>(16));

/** Window line ranges as flat arrays sorted by byte offset, for a binary search per matching line. */
function rangeIndex(spans: readonly WindowSpan[]) {
  const all = spans.flatMap((span, window) => span.lineRanges.map((r) => ({ offset: r.offset, end: r.offset + r.length, window })));
  all.sort((a, b) => a.offset - b.offset);
  return { offsets: Float64Array.from(all, (r) => r.offset), ends: Float64Array.from(all, (r) => r.end), windows: Int32Array.from(all, (r) => r.window) };
}

/** The window holding the line that starts at `offset`, or -1 (an unparsed line between records). */
export function windowAtOffset(index: ReturnType<typeof rangeIndex>, offset: number): number {
  let lo = 0;
  let hi = index.offsets.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((index.offsets[mid] as number) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && offset < (index.ends[found] as number) ? (index.windows[found] as number) : -1;
}

/** Marks in `matches` every window with a line containing `needle` (lower case); false when the log is too large or gone. */
async function searchLines(path: string, spans: readonly WindowSpan[], needle: string, matches: Uint8Array): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch {
    return false;
  }
  try {
    if ((await handle.stat()).size > LINE_SEARCH_MAX_BYTES) return false;
    const index = rangeIndex(spans);
    const decoder = new TextDecoder("utf-8");
    const splitter = new ByteLineSplitter((bytes, start, end, _line, offset) => {
      if (!decoder.decode(bytes.subarray(start, end)).toLowerCase().includes(needle)) return;
      const window = windowAtOffset(index, offset);
      if (window >= 0) matches[window] = 1;
    });
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      splitter.push(buffer.subarray(0, bytesRead));
    }
    splitter.end();
    return true;
  } finally {
    await handle.close();
  }
}

/** `text` in lower case. */
async function runSearch(run: RunWithLogFile, text: string): Promise<WindowSearch> {
  const spans = await getRunWindowSpans(run.id);
  const matches = new Uint8Array(spans.length);
  // Too large a log is not copied from a bucket only to be refused (searchLines checks the size again).
  const path = run.logFile.size > LINE_SEARCH_MAX_BYTES ? null : await localCopyIfStored(run.logFile.storedPath);
  const lines = path !== null && (await searchLines(path, spans, text, matches));
  const extended = run.params.features === "extended";
  if (extended) for (const i of await findWindowsByTemplate(run.id, text)) if (i < matches.length) matches[i] = 1;
  const scope = lines
    ? extended ? "log lines and templates" : "log lines"
    : extended ? "templates only (the stored log is too large to search line by line, or gone)" : "nothing: the stored log is too large to search line by line, or gone";
  return { matches, scope };
}

/** The windows of a finished run matching `text` (see the module comment for what is searched). */
export function searchRunWindows(run: RunWithLogFile, text: string): Promise<WindowSearch> {
  // Both searches ignore letter case, so "Failure" and "failure" share one result.
  const lower = text.toLowerCase();
  const key = `${runCacheKey(run)}|${lower}`;
  let result = cache.get(key);
  if (!result) {
    result = runSearch(run, lower);
    cache.set(key, result);
    // A failed search is not kept: the next request tries again.
    result.catch(() => cache.deleteWhere((k) => k === key));
  }
  return result;
}
