import "server-only";
import { stat } from "node:fs/promises";
import { createStampClock } from "@/lib/logs/formats/format-reader";
import { settle, type ResolvedFormat } from "@/lib/logs/formats/registry";
import { syslogFormat } from "@/lib/logs/formats/syslog-format";
import type { FormatOptions, Stamp } from "@/lib/logs/formats/types";
import { inferEdgesYear, readEdgeStamps } from "@/lib/pipeline/infer-log-year";

/**
 * The time span of a stored log from its first and last records, read from the head and the tail
 * of the file only (infer-log-year.ts's edge stamps, in the format the run will read), so a start
 * request can check labels against a log of gigabytes at once, whatever its format.
 */

export interface LogTimeSpan {
  /** Unix seconds of the first record (a year-less one in the run's year). */
  first: number;
  /** Unix seconds of the last record (a year-less one the next year when it comes earlier in the year than the first). */
  last: number;
}

/** A span with the year its year-less records were placed with (given, or inferred as the run will). */
export interface LogSpanReading extends LogTimeSpan {
  year: number;
}

/** A year-less time as §1 lines give it (month 0-based), without the Stamp kind. */
export interface YearlessTime {
  month: number;
  day: number;
  secondsOfDay: number;
}

type SpanStamp = Stamp | YearlessTime;

// Classic syslog in UTC: what a log is read as without format options (docs/pipeline.md §1).
const CLASSIC = settle(syslogFormat, {});

const asStamp = (stamp: SpanStamp): Stamp => ("kind" in stamp ? stamp : { kind: "yearless", ...stamp });

/**
 * Unix seconds of one stamp as the extraction's clock for `format` places it with `year` as the
 * year of year-less dates (zone, syslog's fixed offsets, whole seconds); null for a date that year
 * lacks (Feb 29 of a common year), which the extraction reads as no record.
 */
function placeStamp(stamp: Stamp, year: number, format: ResolvedFormat): number | null {
  return createStampClock(format.definition, { year, tz: format.options.tz }).toUnixSeconds(stamp);
}

const dayTime = (s: YearlessTime) => (s.month * 32 + s.day) * 86400 + s.secondsOfDay;

/** The year-less last record's year: the next one when it comes earlier in the year than a year-less first (Dec -> Jan). */
function yearOfLast(first: Stamp, last: Stamp, year: number): number {
  return first.kind === "yearless" && last.kind === "yearless" && dayTime(last) < dayTime(first) ? year + 1 : year;
}

/**
 * Places the two stamps in time: a year-less first in `year`, a year-less last in the same year
 * unless it comes earlier in the year (then the next year, as the clock rolls over at Dec -> Jan);
 * dated and zoned stamps are where they say. A log spanning more than a year looks shorter than it
 * is; callers allow for that with their slack. Both dates must exist in the years they land in
 * (readLogTimeSpan picks such records): otherwise this throws a RangeError.
 */
export function placeLogSpan(first: SpanStamp, last: SpanStamp, year: number, format: ResolvedFormat = CLASSIC): LogTimeSpan {
  const from = asStamp(first);
  const to = asStamp(last);
  const start = placeStamp(from, year, format);
  const end = placeStamp(to, yearOfLast(from, to, year), format);
  if (start === null || end === null) throw new RangeError(`placeLogSpan: a record's date does not exist with year ${year}`);
  return { first: start, last: end };
}

/** The first stamp among `stamps` whose date exists where it lands (with `yearFor` its year), searching from the end with `fromEnd`. */
function findPlaceable(stamps: readonly Stamp[], fromEnd: boolean, yearFor: (stamp: Stamp) => number, format: ResolvedFormat): Stamp | null {
  for (let k = 0; k < stamps.length; k++) {
    const stamp = stamps[fromEnd ? stamps.length - 1 - k : k] as Stamp;
    if (placeStamp(stamp, yearFor(stamp), format) !== null) return stamp;
  }
  return null;
}

/**
 * The first and last record's times of the log at `path` (see placeLogSpan), read with `options`
 * as the run will read it (absent: classic syslog), with `year` or, when it is absent, the year the
 * run will infer. Null when nothing can be said cheaply: no record at either end, or a tail with
 * content but no record in it (the last record is somewhere unread). Throws as readEdgeStamps does
 * when the format cannot be settled.
 */
export async function readLogTimeSpan(path: string, year: number | undefined, options?: FormatOptions, now = new Date()): Promise<LogSpanReading | null> {
  const { size } = await stat(path);
  const edges = await readEdgeStamps(path, size, options);
  const format = edges.settled.format;
  const placedYear = year ?? inferEdgesYear(edges, options?.tz, now).year;
  const first = findPlaceable([...edges.head, ...(edges.tail ?? [])], false, () => placedYear, format);
  if (first === null) return null;
  const last = findPlaceable(edges.tail ?? edges.head, true, (stamp) => yearOfLast(first, stamp, placedYear), format);
  if (last === null) return null;
  return { ...placeLogSpan(first, last, placedYear, format), year: placedYear };
}
