import "server-only";
import { open, type FileHandle } from "node:fs/promises";
import { createLineFields, scanLine, type LineFields } from "@/lib/logs/parse-line";
import { daysFromCivil } from "@/lib/logs/syslog-clock";

/**
 * The time span of a stored log from its first and last syslog records, read from the head and the
 * tail of the file only, so a start request can check labels against a log of gigabytes at once.
 */

export interface LogTimeSpan {
  /** Unix seconds of the first record (in the requested year). */
  first: number;
  /** Unix seconds of the last record (the next year when it comes earlier in the year than the first). */
  last: number;
}

/** Bytes read from each end; the upload check already requires a record within the first 1000 lines. */
const EDGE_BYTES = 256 * 1024;
const SECONDS_PER_DAY = 86400;

interface Stamp {
  month: number;
  day: number;
  secondsOfDay: number;
}

function stampOf(line: string, fields: LineFields): Stamp | null {
  if (!scanLine(line, fields)) return null;
  return { month: fields.month, day: fields.day, secondsOfDay: fields.secondsOfDay };
}

/** The first record among `lines` (in order, or from the end with `fromEnd`). */
function findStamp(lines: readonly string[], fromEnd: boolean): Stamp | null {
  const fields = createLineFields();
  for (let k = 0; k < lines.length; k++) {
    const stamp = stampOf(lines[fromEnd ? lines.length - 1 - k : k] as string, fields);
    if (stamp) return stamp;
  }
  return null;
}

const unixSeconds = (year: number, s: Stamp) => daysFromCivil(year, s.month, s.day) * SECONDS_PER_DAY + s.secondsOfDay;

/**
 * Places the two stamps in time: the first in `year`, the last in the same year unless it comes
 * earlier in the year (then the next year, as the parser's clock rolls over at Dec -> Jan). A log
 * spanning more than a year looks shorter than it is; callers allow for that with their slack.
 */
export function placeLogSpan(first: Stamp, last: Stamp, year: number): LogTimeSpan {
  const start = unixSeconds(year, first);
  let end = unixSeconds(year, last);
  if (end < start) end = unixSeconds(year + 1, last);
  return { first: start, last: end };
}

/** Lines of `bytes` that are whole: without the cut first line (`cutStart`) or cut last one (`cutEnd`). */
function wholeLines(bytes: Uint8Array, cutStart: boolean, cutEnd: boolean): string[] {
  const lines = new TextDecoder("utf-8").decode(bytes).split("\n");
  if (cutStart) lines.shift();
  if (cutEnd) lines.pop();
  return lines;
}

async function readBytes(file: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(length);
  const { bytesRead } = await file.read(bytes, 0, length, position);
  return bytes.subarray(0, bytesRead);
}

/**
 * The first and last record's times of the log at `path` (see placeLogSpan), or null when neither
 * end holds a record within EDGE_BYTES (then nothing can be said cheaply).
 */
export async function readLogTimeSpan(path: string, year: number): Promise<LogTimeSpan | null> {
  const file = await open(path, "r");
  try {
    const size = (await file.stat()).size;
    const headLength = Math.min(size, EDGE_BYTES);
    const head = await readBytes(file, 0, headLength);
    const tailStart = Math.max(0, size - EDGE_BYTES);
    const tail = tailStart === 0 ? head : await readBytes(file, tailStart, size - tailStart);
    const first = findStamp(wholeLines(head, false, headLength < size), false);
    const last = findStamp(wholeLines(tail, tailStart > 0, false), true);
    return first && last ? placeLogSpan(first, last, year) : null;
  } finally {
    await file.close();
  }
}
