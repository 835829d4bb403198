import type { ParsedLine } from "./types";

/**
 * The docs/pipeline.md §1 pattern, verbatim. `scanLine` gives the same answer as this regex (plus the month and
 * range checks below) with a hand-written scanner, falling back to the regex only where it could
 * backtrack or meets a line terminator. Streaming extraction runs `scanLineBytes` on plain ASCII
 * lines and this on the rest.
 */
export const SYSLOG_PATTERN =
  /^(?<mon>[A-Z][a-z]{2})\s+(?<day>\d{1,2})\s+(?<time>\d{2}:\d{2}:\d{2})\s+(?<host>\S+)\s+(?<proc>.+?)(?:\[(?<pid>\d+)\])?:(?:\s|$)(?<msg>.*)$/;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTH_BY_KEY = new Map<number, number>(
  MONTHS.map((name, index) => [monthKey(name.charCodeAt(0), name.charCodeAt(1), name.charCodeAt(2)), index]),
);

function monthKey(a: number, b: number, c: number): number {
  return (a << 16) | (b << 8) | c;
}

/** 0-11 for the character codes of `Jan` ... `Dec`, else -1. */
export function lookupMonth(a: number, b: number, c: number): number {
  return MONTH_BY_KEY.get(monthKey(a, b, c)) ?? -1;
}

/** JS `\s`: ASCII whitespace plus the Unicode space separators, NBSP, BOM and line separators. */
export function isWhitespaceCode(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at);
  const b = text.charCodeAt(at + 1);
  return isDigit(a) && isDigit(b) ? (a - 48) * 10 + (b - 48) : -1;
}

/**
 * Where the fields of a matched line sit inside `source` (the line without a trailing `\r`); a
 * reusable slot, so scanning allocates nothing but `source` itself when a `\r` is dropped.
 * The message always runs from `messageStart` to the end of `source`.
 */
export interface LineFields extends SyslogFieldOffsets {
  source: string;
}

/** The stamp and the field offsets of a matched line, in characters (scanLine) or bytes (scanLineBytes). */
export interface SyslogFieldOffsets {
  month: number;
  day: number;
  secondsOfDay: number;
  hostStart: number;
  hostEnd: number;
  processStart: number;
  processEnd: number;
  pid: number | null;
  messageStart: number;
}

export function createLineFields(): LineFields {
  return { source: "", ...emptyFieldOffsets() };
}

/** Zeroed offsets for a reusable slot (the text scanner's and the byte scanner's). */
export function emptyFieldOffsets(): SyslogFieldOffsets {
  return { month: 0, day: 0, secondsOfDay: 0, hostStart: 0, hostEnd: 0, processStart: 0, processEnd: 0, pid: null, messageStart: 0 };
}

/** Parse one line (terminator already removed; one trailing `\r` is tolerated). Null when not a record. */
export function parseLine(text: string): ParsedLine | null {
  const f = createLineFields();
  if (!scanLine(text, f)) return null;
  const s = f.source;
  return {
    month: f.month,
    day: f.day,
    secondsOfDay: f.secondsOfDay,
    host: s.slice(f.hostStart, f.hostEnd),
    process: s.slice(f.processStart, f.processEnd),
    pid: f.pid,
    message: s.slice(f.messageStart),
  };
}

/**
 * Fill `out` and return true when `text` is a record. Besides matching the pattern, the month must
 * be an English abbreviation, the day 1-31 and the time a clock time (seconds up to 60 for leap
 * seconds): the pattern accepts `Foo 99 99:99:99` but such a line has no timestamp.
 */
export function scanLine(text: string, out: LineFields): boolean {
  const len = text.length > 0 && text.charCodeAt(text.length - 1) === 13 ? text.length - 1 : text.length;
  if (len < 15) return false;
  const line = len === text.length ? text : text.slice(0, len);
  const month = MONTH_BY_KEY.get(monthKey(line.charCodeAt(0), line.charCodeAt(1), line.charCodeAt(2)));
  if (month === undefined) return false;

  let i = 3;
  const afterMonth = i;
  while (i < len && isWhitespaceCode(line.charCodeAt(i))) i++;
  if (i === afterMonth) return false;

  let day = 0;
  const dayStart = i;
  while (i < len && isDigit(line.charCodeAt(i))) day = day * 10 + (line.charCodeAt(i++) - 48);
  if (i === dayStart || i - dayStart > 2) return false;
  const afterDay = i;
  while (i < len && isWhitespaceCode(line.charCodeAt(i))) i++;
  if (i === afterDay) return false;

  const hh = twoDigits(line, i);
  const mm = twoDigits(line, i + 3);
  const ss = twoDigits(line, i + 6);
  if (hh < 0 || mm < 0 || ss < 0 || line.charCodeAt(i + 2) !== 58 || line.charCodeAt(i + 5) !== 58) return false;
  i += 8;
  const afterTime = i;
  while (i < len && isWhitespaceCode(line.charCodeAt(i))) i++;
  if (i === afterTime) return false;

  const hostStart = i;
  while (i < len && !isWhitespaceCode(line.charCodeAt(i))) i++;
  if (i === hostStart) return false;
  const hostEnd = i;
  while (i < len && isWhitespaceCode(line.charCodeAt(i))) i++;
  if (i === hostEnd) return false;

  if (day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60) return false;
  out.source = line;
  out.month = month;
  out.day = day;
  out.secondsOfDay = hh * 3600 + mm * 60 + ss;
  out.hostStart = hostStart;
  out.hostEnd = hostEnd;

  // Line terminators and backtracking into the whitespace before `proc` are rare; the regex settles them.
  if (hasLineTerminator(line)) return matchWithRegex(line, out);
  if (matchProcess(line, i, out)) return true;
  return i - hostEnd > 1 ? matchWithRegex(line, out) : false;
}

function hasLineTerminator(line: string): boolean {
  // indexOf is a native scan; a one-byte string rejects the two-byte needles without scanning.
  return line.indexOf("\r") !== -1 || line.indexOf("\u2028") !== -1 || line.indexOf("\u2029") !== -1 || line.indexOf("\n") !== -1;
}

/** The lazy `(?<proc>.+?)(?:\[(?<pid>\d+)\])?:(?:\s|$)(?<msg>.*)$` part, for a line free of terminators. */
function matchProcess(line: string, procStart: number, out: LineFields): boolean {
  const len = line.length;
  let p = line.indexOf(":", procStart + 1);
  let bracket = line.indexOf("[", procStart + 1);
  while (p !== -1 || bracket !== -1) {
    if (bracket !== -1 && (p === -1 || bracket < p)) {
      let j = bracket + 1;
      let pid = 0;
      while (j < len && isDigit(line.charCodeAt(j))) pid = pid * 10 + (line.charCodeAt(j++) - 48);
      if (j > bracket + 1 && line.charCodeAt(j) === 93 && line.charCodeAt(j + 1) === 58) {
        const colon = j + 1;
        if (colon + 1 === len || isWhitespaceCode(line.charCodeAt(colon + 1))) {
          out.processStart = procStart;
          out.processEnd = bracket;
          out.pid = j - bracket - 1 > 15 ? Number(line.slice(bracket + 1, j)) : pid;
          out.messageStart = colon + 1 === len ? len : colon + 2;
          return true;
        }
      }
      bracket = line.indexOf("[", bracket + 1);
      continue;
    }
    if (p + 1 === len || isWhitespaceCode(line.charCodeAt(p + 1))) {
      out.processStart = procStart;
      out.processEnd = p;
      out.pid = null;
      out.messageStart = p + 1 === len ? len : p + 2;
      return true;
    }
    p = line.indexOf(":", p + 1);
  }
  return false;
}

// Same pattern with match indices, so the rare regex path reports positions like the fast path.
const SYSLOG_PATTERN_INDICES = new RegExp(SYSLOG_PATTERN.source, "d");

function matchWithRegex(line: string, out: LineFields): boolean {
  const indices = SYSLOG_PATTERN_INDICES.exec(line)?.indices?.groups;
  const host = indices?.host;
  const proc = indices?.proc;
  const msg = indices?.msg;
  if (host === undefined || proc === undefined || msg === undefined) return false;
  const pid = indices?.pid;
  out.hostStart = host[0];
  out.hostEnd = host[1];
  out.processStart = proc[0];
  out.processEnd = proc[1];
  out.pid = pid === undefined ? null : Number(line.slice(pid[0], pid[1]));
  out.messageStart = msg[0];
  return true;
}
