import { isWhitespaceCode } from "../parse-line";
import { priLength, priSeverity } from "./rfc5424";
import { parseTimestamp } from "./timestamps";
import type { FormatDefinition, LineParser, LineVerdict } from "./types";

// tsx runs each file as CommonJS, where every use of an imported name is a getter call (see
// lib/logs/log-extractor.ts); every record's time goes through this local copy.
const readTimestamp = parseTimestamp;

/**
 * The syslog lines the classic docs/pipeline.md §1 pattern rejects but that are still syslog, as
 * rsyslog, syslog-ng and `journalctl -o short-iso` write them:
 * - an RFC 3164 `<PRI>` prefix: `<34>Oct 11 22:14:15 mymachine su: 'su root' failed`;
 * - fractional seconds: `Oct 11 22:14:15.123 host proc[1]: msg`;
 * - RFC 3339 / ISO 8601 timestamps: `2024-03-01T12:34:56.123456+01:00 host proc[123]: msg`,
 *   `2024-03-01T12:34:56+0100 host proc: msg` (with or without a `<PRI>` prefix).
 *
 * After the timestamp the line follows §1 exactly: whitespace, the host, whitespace, then the lazy
 * `proc[pid]: ` tag and the message (one whitespace character after the colon is not part of it;
 * one trailing `\r` is taken off). A line without such a tag is not a record, as in §1.
 * A classic §1 line reads the same here as in §1 (checked on Loghub's Linux and OpenSSH samples),
 * so `--format syslog` can run the §1 path first and this parser only on what §1 rejects. One
 * difference: a date that cannot exist (`Feb 30`), which §1's day range lets through, is no record
 * here (docs/pipeline.md §1b); §1 lines never reach this parser, so §1's numbers do not change.
 *
 * Fields: host, process (without `[pid]`), message as in §1. level: the `<PRI>` severity (PRI mod 8)
 * as a digit `"0"` (emerg) to `"7"` (debug), the same as the rfc5424 format; empty without `<PRI>`.
 * A `<PRI>1 ...` RFC 5424 line is not read here (its VERSION is no timestamp): that is `rfc5424`.
 */

// Where the tag found by matchTag ends: module-level slots, so a match allocates nothing.
let tagProcessEnd = 0;
let tagMessageStart = 0;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The end of the timestamp field starting at `start` (before `len`), or -1 when there is none. */
function timestampEnd(line: string, start: number, len: number): number {
  const c = line.charCodeAt(start);
  let i = start;
  if (c >= 65 && c <= 90) {
    // BSD: `Mmm`, whitespace, a one- or two-digit day, whitespace, then the clock as one field.
    i += 3;
    const afterMonth = i;
    while (i < len && isWhitespaceCode(line.charCodeAt(i))) i++;
    if (i === afterMonth) return -1;
    const dayStart = i;
    while (i < len && isDigit(line.charCodeAt(i))) i++;
    if (i === dayStart || i - dayStart > 2) return -1;
    const afterDay = i;
    while (i < len && isWhitespaceCode(line.charCodeAt(i))) i++;
    if (i === afterDay) return -1;
  } else if (!isDigit(c) || line.charCodeAt(start + 4) !== 45) {
    // ISO needs `YYYY-`: a bare number is no syslog timestamp, and RFC 5424's VERSION is not one.
    return -1;
  }
  const fieldStart = i;
  while (i < len && !isWhitespaceCode(line.charCodeAt(i))) i++;
  return i === fieldStart ? -1 : i;
}

/**
 * The §1 pattern's `(?<proc>.+?)(?:\[(?<pid>\d+)\])?:(?:\s|$)` from `procStart`: the first place
 * where either `:` or `[digits]:` is followed by whitespace or the end. Sets the tag slots.
 */
function matchTag(line: string, procStart: number, len: number): boolean {
  let colon = line.indexOf(":", procStart + 1);
  let bracket = line.indexOf("[", procStart + 1);
  while ((colon !== -1 && colon < len) || (bracket !== -1 && bracket < len)) {
    if (bracket !== -1 && bracket < len && (colon === -1 || bracket < colon)) {
      let j = bracket + 1;
      while (j < len && isDigit(line.charCodeAt(j))) j++;
      if (j > bracket + 1 && line.charCodeAt(j) === 93 && line.charCodeAt(j + 1) === 58 && j + 1 < len) {
        const after = j + 2;
        if (after === len || isWhitespaceCode(line.charCodeAt(after))) {
          tagProcessEnd = bracket;
          tagMessageStart = after === len ? len : after + 1;
          return true;
        }
      }
      bracket = line.indexOf("[", bracket + 1);
      continue;
    }
    if (colon + 1 === len || isWhitespaceCode(line.charCodeAt(colon + 1))) {
      tagProcessEnd = colon;
      tagMessageStart = colon + 1 === len ? len : colon + 2;
      return true;
    }
    colon = line.indexOf(":", colon + 1);
  }
  return false;
}

/** One line of a syslog variant, or null when it is none (see the file comment). */
export function parseSyslogVariant(line: string): LineVerdict {
  const len = line.length > 0 && line.charCodeAt(line.length - 1) === 13 ? line.length - 1 : line.length;
  const pri = priLength(line);
  const timeEnd = timestampEnd(line, pri, len);
  if (timeEnd === -1) return null;

  let i = timeEnd;
  while (i < len && isWhitespaceCode(line.charCodeAt(i))) i++;
  if (i === timeEnd) return null;
  const hostStart = i;
  while (i < len && !isWhitespaceCode(line.charCodeAt(i))) i++;
  const hostEnd = i;
  while (i < len && isWhitespaceCode(line.charCodeAt(i))) i++;
  if (i === hostEnd || i === len) return null;
  if (!matchTag(line, i, len)) return null;

  // The timestamp is parsed last: the cheap structural checks above reject most non-records first.
  const stamp = readTimestamp(line.slice(pri, timeEnd));
  if (stamp === null) return null;
  return {
    stamp,
    host: line.slice(hostStart, hostEnd),
    process: line.slice(i, tagProcessEnd),
    level: pri === 0 ? "" : priSeverity(line, pri),
    message: line.slice(tagMessageStart, len),
  };
}

const PARSER: LineParser = { parseLine: parseSyslogVariant };

export const syslogVariants: FormatDefinition = {
  name: "syslog",
  description: "Syslog variants: <PRI> prefixes, fractional seconds and ISO timestamps (rsyslog, journalctl short-iso)",
  continuations: false,
  masks: [],
  // Stateless: one shared parser serves every file.
  createParser: () => PARSER,
};
