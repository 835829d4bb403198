import { daysFromCivil } from "../syslog-clock";
import { LastStamp } from "./last-stamp";
import { parseTimestamp } from "./timestamps";
import { META, type FormatDefinition, type LineParser, type LineVerdict, type Stamp } from "./types";
import { FieldOffsets } from "./w3c-fields";

// tsx runs each file as CommonJS, where every use of an imported name is a getter call (see
// lib/logs/log-extractor.ts); every record time LastStamp does not remember goes through this local copy.
const readTimestamp = parseTimestamp;

/**
 * W3C Extended Log File Format, as IIS writes it:
 *
 *     #Software: Microsoft Internet Information Services 10.0
 *     #Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status time-taken
 *     2024-03-01 12:34:56 10.0.0.1 GET /index.html - 80 - 192.0.2.7 Mozilla/5.0 200 15
 *
 * Every `#` line is a directive and `META`. `#Fields:` sets the field list for the records after it
 * (a file may restart it mid-way, as IIS does on restart); a record before any `#Fields:` is not a
 * record. Records are fields separated by spaces or tabs (IIS writes spaces inside values as `+`);
 * a line with more or fewer fields than `#Fields:` names is not a record.
 *
 * Field mapping (docs/pipeline.md §1b):
 * - time: `date` + `time`, in UTC as the W3C draft specifies (IIS always logs W3C in UTC), so an
 *   instant; `--tz` does not apply. Without a `date` field, the date of the last `#Date:` directive.
 * - host: `c-ip`, the client address, as the access format does; else `s-computername`, else `s-ip`.
 * - process: `cs-method` (without the `[session]` prefix IIS FTP logs write), else `s-sitename`.
 * - level: `sc-status` as written (`"200"`).
 * - message: every other field, in `#Fields:` order, joined by one space (`-` values kept).
 */

const HOST_FIELDS = ["c-ip", "s-computername", "s-ip"];
const PROCESS_FIELDS = ["cs-method", "s-sitename"];

/** Where each record field sits in the current `#Fields:` list (-1: absent). */
interface Layout {
  count: number;
  date: number;
  time: number;
  host: number;
  process: number;
  level: number;
  /** Indexes of the fields that make up the message. */
  rest: number[];
}

function layoutOf(names: readonly string[]): Layout {
  const first = (candidates: readonly string[]): number => {
    for (const name of candidates) {
      const at = names.indexOf(name);
      if (at !== -1) return at;
    }
    return -1;
  };
  const layout: Layout = {
    count: names.length,
    date: names.indexOf("date"),
    time: names.indexOf("time"),
    host: first(HOST_FIELDS),
    process: first(PROCESS_FIELDS),
    level: names.indexOf("sc-status"),
    rest: [],
  };
  const used = new Set([layout.date, layout.time, layout.host, layout.process, layout.level]);
  layout.rest = names.map((_, i) => i).filter((i) => !used.has(i));
  return layout;
}

function afterDirective(line: string, name: string): string | null {
  return line.startsWith(name) ? line.slice(name.length).trim() : null;
}

/** IIS FTP logs prefix the method with its session (`[2]USER`): like a pid, it is not the process. */
function withoutSession(method: string): string {
  if (method.charCodeAt(0) !== 91) return method; // [
  const close = method.indexOf("]");
  for (let i = 1; i < close; i++) {
    const c = method.charCodeAt(i);
    if (c < 48 || c > 57) return method;
  }
  return close > 1 && close < method.length - 1 ? method.slice(close + 1) : method;
}

/** W3C times are UTC: a zone-less stamp is turned into the instant it names. */
function inUtc(stamp: Stamp | null): Stamp | null {
  if (stamp === null || stamp.kind !== "local") return stamp;
  return { kind: "instant", seconds: daysFromCivil(stamp.year, stamp.month, stamp.day) * 86400 + stamp.secondsOfDay };
}

function readUtc(text: string): Stamp | null {
  return inUtc(readTimestamp(text));
}

export function createW3cParser(): LineParser {
  let layout: Layout | null = null;
  /** `#Date:`'s day (`YYYY-MM-DD`), for field lists without `date`. */
  let directiveDate = "";
  const fields = new FieldOffsets();
  // Measured on bench's w3c row (~5 records a second): reading a repeated `date time` cost ~120 ns.
  const stamps = new LastStamp(readUtc);

  return {
    parseLine(text: string): LineVerdict {
      // A byte order mark (Windows tools write one) reaches the file's first line, a directive.
      const line = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      if (line.charCodeAt(0) === 35) {
        const names = afterDirective(line, "#Fields:");
        if (names !== null) layout = layoutOf(names.split(/[ \t]+/).filter((name) => name !== ""));
        const date = afterDirective(line, "#Date:");
        if (date !== null) directiveDate = date.slice(0, 10);
        return META;
      }
      if (layout === null) return null;
      let end = line.length;
      if (end > 0 && line.charCodeAt(end - 1) === 13) end--;
      if (fields.split(line, end) !== layout.count) return null;
      const stamp = recordTime(line, layout, fields, directiveDate, stamps);
      if (stamp === null) return null;
      return {
        stamp,
        host: fields.text(line, layout.host),
        process: withoutSession(fields.text(line, layout.process)),
        level: fields.text(line, layout.level),
        message: fields.join(line, layout.rest),
      };
    },
  };
}

function recordTime(line: string, layout: Layout, fields: FieldOffsets, directiveDate: string, stamps: LastStamp): Stamp | null {
  if (layout.time === -1) return null;
  const timeStart = fields.starts[layout.time] ?? 0;
  const timeEnd = fields.ends[layout.time] ?? 0;
  // A clock at the time field, and a `YYYY-MM-DD` day: a bare number is never read as an epoch time.
  if (line.charCodeAt(timeStart + 2) !== 58) return null;
  if (layout.date === -1) {
    if (directiveDate.length !== 10) return null;
    return stamps.of(`${directiveDate} ${line.slice(timeStart, timeEnd)}`);
  }
  const dateStart = fields.starts[layout.date] ?? 0;
  const dateEnd = fields.ends[layout.date] ?? 0;
  if (dateEnd - dateStart !== 10 || line.charCodeAt(dateStart + 4) !== 45) return null;
  // IIS writes `date time` side by side: one slice of the line, without building a new string.
  const adjacent = layout.time === layout.date + 1 && timeStart === dateEnd + 1 && line.charCodeAt(dateEnd) === 32;
  return stamps.of(adjacent ? line.slice(dateStart, timeEnd) : `${line.slice(dateStart, dateEnd)} ${line.slice(timeStart, timeEnd)}`);
}

export const w3c: FormatDefinition = {
  name: "w3c",
  description: "W3C extended log format (IIS): #Fields: directives, space-separated records in UTC",
  continuations: false,
  masks: [],
  createParser: () => createW3cParser(),
};
