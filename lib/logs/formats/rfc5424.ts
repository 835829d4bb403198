import { parseTimestamp } from "./timestamps";
import type { FormatDefinition, LineParser, LineVerdict } from "./types";

// tsx runs each file as CommonJS, where every use of an imported name is a getter call (see
// lib/logs/log-extractor.ts); every record's time goes through this local copy.
const readTimestamp = parseTimestamp;

/**
 * RFC 5424 syslog: `<PRI>VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP SD [SP MSG]`,
 * also as syslog daemons write it to files, without the `<PRI>VERSION ` prefix.
 *
 * Field mapping (docs/pipeline.md §1b):
 * - time: TIMESTAMP (RFC 3339, so always an instant); the NILVALUE `-` gives no time, so no record.
 * - host: HOSTNAME; process: APP-NAME (PROCID is the pid and is dropped); a `-` is an empty string.
 * - level: the PRI's severity (PRI mod 8) as a decimal digit, `"0"` (emerg) to `"7"` (debug),
 *   exactly as the types comment on `RecordFields.level` asks for RFC 5424; empty without `<PRI>`.
 * - message: MSG with a leading BOM dropped and one trailing `\r` taken off; MSGID and the
 *   structured data are not part of it. A record without MSG has an empty message.
 */

/** Severity digits as shared strings, so a record's level allocates nothing. */
const SEVERITY_TEXT = ["0", "1", "2", "3", "4", "5", "6", "7"] as const;

/**
 * The length of a `<PRI>` prefix at the start of `line` (`<` 1-3 digits `>`, value 0-191), or 0
 * when the line has none. Shared with the syslog variants, which accept the same prefix.
 */
export function priLength(line: string): number {
  if (line.charCodeAt(0) !== 60) return 0; // <
  let value = 0;
  let i = 1;
  for (; i < 5; i++) {
    const c = line.charCodeAt(i);
    if (c === 62) break; // >
    if (c < 48 || c > 57) return 0;
    value = value * 10 + (c - 48);
  }
  if (i === 1 || line.charCodeAt(i) !== 62 || value > 191) return 0;
  return i + 1;
}

/** The severity (`"0"`-`"7"`) of the `<PRI>` prefix of length `length` (from priLength). */
export function priSeverity(line: string, length: number): string {
  let value = 0;
  for (let i = 1; i < length - 1; i++) value = value * 10 + (line.charCodeAt(i) - 48);
  return SEVERITY_TEXT[value % 8] ?? "";
}

/** The end of the space-free field starting at `start` (RFC 5424 separates fields by one SP). */
function fieldEnd(line: string, start: number): number {
  const space = line.indexOf(" ", start);
  return space === -1 ? line.length : space;
}

/** A header field's text: the NILVALUE `-` is empty. */
function headerField(line: string, start: number, end: number): string {
  if (end === start + 1 && line.charCodeAt(start) === 45) return "";
  return line.slice(start, end);
}

/**
 * Where STRUCTURED-DATA starting at `start` ends, or -1 when it is malformed. Inside a quoted
 * PARAM-VALUE a backslash escapes the next character (`\"`, `\\`, `\]`), so a `]` there does not
 * close the element.
 */
export function skipStructuredData(line: string, start: number): number {
  const len = line.length;
  if (line.charCodeAt(start) === 45) return start + 1; // NILVALUE
  let i = start;
  if (line.charCodeAt(i) !== 91) return -1; // [
  while (i < len && line.charCodeAt(i) === 91) {
    i++;
    let quoted = false;
    for (;;) {
      if (i >= len) return -1;
      const c = line.charCodeAt(i);
      if (quoted) {
        if (c === 92) i++; // backslash: the next character is literal
        else if (c === 34) quoted = false;
      } else if (c === 34) {
        quoted = true;
      } else if (c === 93) {
        break;
      }
      i++;
    }
    i++; // past ]
  }
  return i;
}

/** Where TIMESTAMP starts after `<PRI>VERSION SP` (VERSION: a nonzero digit, at most two more), or -1. */
function afterVersion(line: string, pri: number): number {
  let i = pri;
  const c0 = line.charCodeAt(i);
  if (c0 < 49 || c0 > 57) return -1;
  i++;
  while (i < pri + 3 && line.charCodeAt(i) >= 48 && line.charCodeAt(i) <= 57) i++;
  return line.charCodeAt(i) === 32 ? i + 1 : -1;
}

function parseRfc5424(line: string): LineVerdict {
  const pri = priLength(line);
  // Without `<PRI>`, the header is read from TIMESTAMP on (rsyslog's files drop `<PRI>VERSION`).
  const timeStart = pri === 0 ? 0 : afterVersion(line, pri);
  if (timeStart === -1) return null;
  const timeEnd = fieldEnd(line, timeStart);
  // A full-date is required (RFC 5424 §6.2.3): this also keeps a bare number from reading as epoch.
  if (line.charCodeAt(timeStart + 4) !== 45) return null;
  const stamp = readTimestamp(line.slice(timeStart, timeEnd));
  if (stamp === null) return null;

  const hostStart = timeEnd + 1;
  const hostEnd = fieldEnd(line, hostStart);
  const appStart = hostEnd + 1;
  const appEnd = fieldEnd(line, appStart);
  const procIdEnd = fieldEnd(line, appEnd + 1);
  const msgIdEnd = fieldEnd(line, procIdEnd + 1);
  if (msgIdEnd >= line.length) return null; // STRUCTURED-DATA is mandatory, even if only `-`
  // Every header field has at least one character (two spaces in a row are not a nil field).
  if (timeEnd === timeStart || hostEnd === hostStart || appEnd === appStart) return null;
  if (procIdEnd === appEnd + 1 || msgIdEnd === procIdEnd + 1) return null;
  const sdEnd = skipStructuredData(line, msgIdEnd + 1);
  if (sdEnd === -1) return null;

  let end = line.length;
  if (end > 0 && line.charCodeAt(end - 1) === 13) end--;
  let message = "";
  if (sdEnd < end) {
    if (line.charCodeAt(sdEnd) !== 32) return null;
    let msgStart = sdEnd + 1;
    if (line.charCodeAt(msgStart) === 0xfeff) msgStart++;
    message = line.slice(msgStart, end);
  }
  return {
    stamp,
    host: headerField(line, hostStart, hostEnd),
    process: headerField(line, appStart, appEnd),
    level: pri === 0 ? "" : priSeverity(line, pri),
    message,
  };
}

const PARSER: LineParser = { parseLine: parseRfc5424 };

export const rfc5424: FormatDefinition = {
  name: "rfc5424",
  description: "RFC 5424 syslog: <PRI>1 TIMESTAMP HOST APP PROCID MSGID [SD] MSG",
  continuations: false,
  masks: [],
  // Stateless: one shared parser serves every file.
  createParser: () => PARSER,
};
