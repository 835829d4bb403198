import * as syslogClock from "../syslog-clock";
import * as scan from "./timestamp-scan";
import type { Stamp } from "./types";

/**
 * Timestamps as logs write them, read by hand-written charCode scanners (they run once per line;
 * no regex, no substring). Every shape is recognised at a position and must end at a boundary (not
 * a letter or digit), so `findLeadingTimestamp` can say where the time stops and the rest begins.
 *
 * Shapes (Loghub 2k sample in brackets):
 * - ISO 8601 / RFC 3339: `2024-03-01T12:34:56`, space for `T`, `.fff`/`,fff` fractions up to 9
 *   digits, `/` or `.` as date separators, offsets `Z` `+02:00` `+0200` `-05` and, after a space,
 *   `+0200` `+02:00` `UTC` `GMT` [Hadoop, Zookeeper, Windows, OpenStack]; `2005-06-03-15.42.50.675872` [BGL].
 * - Compact `20240301T123456Z`, `20171223-22:15:29:606` [HealthApp: `:606` is milliseconds, unpadded].
 * - `081109 203615` and `081109 20:36:15`: yyMMdd, as HDFS and MySQL write it [HDFS].
 * - `17/06/09 20:10:40`: yy/MM/dd, as log4j's Spark layout writes it; never read as MM/dd/yy [Spark].
 * - `2024/11/12 - 15:19:06`: a `/` date, ` - `, the clock, as Go's Gin writes it (`[GIN] 2024/11/12 - ...`).
 * - `01/Mar/2024:12:34:56 +0000` (Apache, nginx), `01-Mar-2024 12:34:56`, `Fri, 01 Mar 2024 12:34:56 GMT`.
 * - `Sun Dec 04 04:47:44 2005` (ctime, optional `UTC` before the year) [Apache error log].
 * - Year-less: `Mar  1 12:34:56` with optional fraction [Linux, Mac, OpenSSH, Thunderbird],
 *   `03-17 16:13:38.811` (MM-dd) [Android], `10.30 16:49:06` (MM.dd) [Proxifier]; `Mar  1 2024 12:34:56`
 *   carries its year.
 * - Epoch numbers of exactly 10, 13, 16 or 19 digits (s, ms, µs, ns; 2001-09-09 to 2286-11-20),
 *   optionally with a `.fraction` [HPC, BGL's second column]. Other digit counts are not timestamps:
 *   a short or long number is far more often an id than a time from another era.
 * - Any of these inside `[...]` [Apache, Proxifier].
 * Not read: two-digit-year or day-first numeric dates other than the above (`03/01/2024` is
 * ambiguous), zone abbreviations other than UTC/GMT (`CET`, `PST` are ambiguous), 12-hour clocks.
 * `--time-format` covers those. A date that cannot exist, an hour over 23 or a minute over 59 gives
 * null; second 60 (a leap second) reads as 59.
 */

// tsx runs each file as CommonJS, where every use of an imported name is a getter call (see
// lib/logs/log-extractor.ts); these scanners call the helpers several times per timestamp, i.e.
// per record of every timestamped format, so they are read once, at load, into local constants.
const { daysFromCivil } = syslogClock;
const {
  digitAt, digits, fullYearOf, isAlnum, isDigit, isLetter, isBlank, isUtcWord, isWeekday, monthAt, scanClock,
  scanCompactClock, scanDigitFraction, scanOffset, scanUnpaddedClock, skipBlanks, scratch, validDay, validYearlessDay,
} = scan;

const LEFT_BRACKET = 91;
const RIGHT_BRACKET = 93;
const SPACE = 32;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const SLASH = 47;
const COLON = 58;
const UPPER_T = 84;

/** A timestamp field cut out of a line (surrounding blanks allowed), or null when it is none of the shapes above. */
export function parseTimestamp(text: string): Stamp | null {
  let start = 0;
  let end = text.length;
  while (start < end && isBlank(text.charCodeAt(start))) start++;
  while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
  const stamp = scanStamp(text, start);
  return stamp !== null && scratch.end === end ? stamp : null;
}

/** A timestamp at index 0 of `line` (no leading blanks: an indented line continues a record) and the index just after it. */
export function findLeadingTimestamp(line: string): { stamp: Stamp; end: number } | null {
  return findTimestampAt(line, 0);
}

/** A timestamp starting exactly at `start` (after a syslog PRI, say), without slicing the line. */
export function findTimestampAt(line: string, start: number): { stamp: Stamp; end: number } | null {
  const stamp = scanStamp(line, start);
  return stamp === null ? null : { stamp, end: scratch.end };
}

/** A stamp starting at `p`, with its end in `scratch.end`; null when none starts there. */
function scanStamp(s: string, p: number): Stamp | null {
  const c = s.charCodeAt(p);
  if (c >= 48 && c <= 57) return scanNumeric(s, p);
  if (c === LEFT_BRACKET) {
    const inner = s.charCodeAt(p + 1) === LEFT_BRACKET ? null : scanStamp(s, p + 1);
    if (inner === null || s.charCodeAt(scratch.end) !== RIGHT_BRACKET) return null;
    scratch.end++;
    return inner;
  }
  return scanNamed(s, p);
}

function scanNumeric(s: string, p: number): Stamp | null {
  let j = p;
  while (j - p < 20 && isDigit(s.charCodeAt(j))) j++;
  switch (j - p) {
    case 1:
    case 2:
      return scanShortFirst(s, p, j);
    case 4:
      return scanYearFirst(s, p);
    case 6:
      return scanYyMmDd(s, p);
    case 8:
      return scanCompactDate(s, p);
    case 10:
    case 13:
    case 16:
    case 19:
      return scanEpoch(s, p, j);
    default:
      return null;
  }
}

/** `2024-03-01T12:34:56`, `2024/03/01 12:34:56`, `2005.06.03 ...`, BGL's `2005-06-03-15.42.50`, Gin's `2024/11/12 - 15:19:06`. */
function scanYearFirst(s: string, p: number): Stamp | null {
  const sep = s.charCodeAt(p + 4);
  if (sep !== MINUS && sep !== SLASH && sep !== DOT) return null;
  const year = digits(s, p, 4);
  const month = digits(s, p + 5, 2) - 1;
  const day = digits(s, p + 8, 2);
  if (s.charCodeAt(p + 7) !== sep || !validDay(year, month, day)) return null;
  const t = s.charCodeAt(p + 10);
  const bgl = t === MINUS && sep === MINUS;
  if (t !== UPPER_T && t !== SPACE && !bgl) return null;
  // Gin puts ` - ` between a `/` date and the clock; only after `/`, where a ` - ` can start no offset or message we read otherwise.
  const spacedDash = sep === SLASH && t === SPACE && s.charCodeAt(p + 11) === MINUS && s.charCodeAt(p + 12) === SPACE;
  const end = scanClock(s, spacedDash ? p + 13 : p + 11, bgl);
  return end < 0 ? null : finishDated(s, scanDigitFraction(s, end), year, month, day);
}

/** `20240301T123456Z`, `20240301 12:34:56`, HealthApp's `20171223-22:15:29:606`. */
function scanCompactDate(s: string, p: number): Stamp | null {
  const year = digits(s, p, 4);
  const month = digits(s, p + 4, 2) - 1;
  const day = digits(s, p + 6, 2);
  const t = s.charCodeAt(p + 8);
  if ((t !== UPPER_T && t !== MINUS && t !== SPACE) || !validDay(year, month, day)) return null;
  if (t === MINUS) {
    const clockEnd = scanUnpaddedClock(s, p + 9);
    return clockEnd < 0 ? null : finishDated(s, scanDigitFraction(s, clockEnd), year, month, day);
  }
  let end = scanClock(s, p + 9, false);
  if (end < 0 && t === UPPER_T) end = scanCompactClock(s, p + 9);
  return end < 0 ? null : finishDated(s, scanDigitFraction(s, end), year, month, day);
}


/** HDFS's `081109 203615`, MySQL's `150728 14:46:22`: yyMMdd then the time. */
function scanYyMmDd(s: string, p: number): Stamp | null {
  const year = fullYearOf(digits(s, p, 2));
  const month = digits(s, p + 2, 2) - 1;
  const day = digits(s, p + 4, 2);
  if (s.charCodeAt(p + 6) !== SPACE || !validDay(year, month, day)) return null;
  let end = scanClock(s, p + 7, false);
  if (end < 0) end = scanCompactClock(s, p + 7);
  return end < 0 ? null : finishDated(s, scanDigitFraction(s, end), year, month, day);
}

/** One or two digits first: `17/06/09 ...` (yy/MM/dd), `03-17 ...` (MM-dd), `10.30 ...` (MM.dd), `01/Mar/2024:...`. */
function scanShortFirst(s: string, p: number, q: number): Stamp | null {
  const first = digits(s, p, q - p);
  const sep = s.charCodeAt(q);
  if (isLetter(s.charCodeAt(q + 1))) return scanDayMonthName(s, q + 1, first, sep);
  if (q - p !== 2) return null;
  const second = digits(s, q + 1, 2) - 1;
  if (sep === SLASH) {
    const day = digits(s, q + 4, 2);
    const year = fullYearOf(first);
    if (s.charCodeAt(q + 3) !== SLASH || s.charCodeAt(q + 6) !== SPACE || !validDay(year, second, day)) return null;
    const end = scanClock(s, q + 7, false);
    return end < 0 ? null : finishDated(s, scanDigitFraction(s, end), year, second, day);
  }
  if (sep !== MINUS && sep !== DOT) return null;
  // Android's `03-17` and Proxifier's `10.30`: month first, no year.
  const month = first - 1;
  const day = second + 1;
  if (s.charCodeAt(q + 3) !== SPACE || !validYearlessDay(month, day)) return null;
  const end = scanClock(s, q + 4, false);
  return end < 0 ? null : finishYearless(s, scanDigitFraction(s, end), month, day);
}

/** After `dd` and its separator: `Mar/2024:12:34:56` (Apache), `Mar-2024 12:34:56`, `Mar 2024 12:34:56`. */
function scanDayMonthName(s: string, i: number, day: number, sep: number): Stamp | null {
  if (sep !== SLASH && sep !== MINUS && sep !== SPACE) return null;
  const month = monthAt(s, i);
  const year = digits(s, i + 4, 4);
  const t = s.charCodeAt(i + 8);
  if (month < 0 || s.charCodeAt(i + 3) !== sep || !validDay(year, month, day)) return null;
  if (t !== SPACE && t !== COLON) return null;
  const end = scanClock(s, i + 9, false);
  return end < 0 ? null : finishDated(s, scanDigitFraction(s, end), year, month, day);
}

/** A month name (`Mar  1 12:34:56`) or a weekday (`Sun Dec 04 04:47:44 2005`, `Fri, 01 Mar 2024 ...`). */
function scanNamed(s: string, p: number): Stamp | null {
  const month = monthAt(s, p);
  if (month >= 0) return scanMonthFirst(s, p + 3, month, false);
  if (!isWeekday(s, p)) return null;
  const c = s.charCodeAt(p + 3);
  if (c === SPACE) {
    const named = monthAt(s, p + 4);
    return named < 0 ? null : scanMonthFirst(s, p + 7, named, true);
  }
  if (c !== COMMA || s.charCodeAt(p + 4) !== SPACE) return null;
  let q = p + 5;
  while (q - p < 7 && isDigit(s.charCodeAt(q))) q++;
  return q === p + 5 ? null : scanDayMonthName(s, q + 1, digits(s, p + 5, q - p - 5), s.charCodeAt(q));
}

/** After the month name: blanks, day, blanks, then `12:34:56` (year-less) or `2024 12:34:56`; ctime may end in ` [UTC ]2005`. */
function scanMonthFirst(s: string, i: number, month: number, ctime: boolean): Stamp | null {
  let j = skipBlanks(s, i);
  let day = digitAt(s, j);
  if (j === i || day < 0) return null;
  if (isDigit(s.charCodeAt(++j))) day = day * 10 + digitAt(s, j++);
  const k = skipBlanks(s, j);
  if (k === j) return null;
  const year = digits(s, k, 4);
  if (!ctime && year >= 0 && s.charCodeAt(k + 4) === SPACE) {
    const end = validDay(year, month, day) ? scanClock(s, k + 5, false) : -1;
    return end < 0 ? null : finishDated(s, scanDigitFraction(s, end), year, month, day);
  }
  const end = scanClock(s, k, false);
  if (end < 0 || !validYearlessDay(month, day)) return null;
  const after = scanDigitFraction(s, end);
  if (ctime && s.charCodeAt(after) === SPACE) {
    const utc = isUtcWord(s, after + 1) && s.charCodeAt(after + 4) === SPACE;
    const at = utc ? after + 5 : after + 1;
    const trailingYear = digits(s, at, 4);
    if (trailingYear >= 0 && !isDigit(s.charCodeAt(at + 4))) {
      if (!validDay(trailingYear, month, day) || isAlnum(s.charCodeAt(at + 4))) return null;
      scratch.end = at + 4;
      return built(trailingYear, month, day, utc);
    }
  }
  return finishYearless(s, after, month, day);
}

/** Epoch number: the first ten digits are seconds, the rest and any `.fraction` are below the second. */
function scanEpoch(s: string, p: number, q: number): Stamp | null {
  const seconds = digits(s, p, 10);
  let fraction = 0;
  let scale = 1;
  let i = p + 10;
  for (; i < q; i++) {
    fraction = fraction * 10 + digitAt(s, i);
    scale *= 10;
  }
  if (s.charCodeAt(i) === DOT && isDigit(s.charCodeAt(i + 1))) {
    for (let d = digitAt(s, ++i); d >= 0; d = digitAt(s, ++i)) {
      if (scale >= 1e15) continue; // beyond a double's precision
      fraction = fraction * 10 + d;
      scale *= 10;
    }
  }
  if (isAlnum(s.charCodeAt(i))) return null;
  scratch.end = i;
  return { kind: "instant", seconds: seconds + fraction / scale };
}

/** Offset, boundary, stamp for a shape that has a year. */
function finishDated(s: string, i: number, year: number, month: number, day: number): Stamp | null {
  const end = scanOffset(s, i);
  if (end < 0 || isAlnum(s.charCodeAt(end))) return null;
  scratch.end = end;
  return built(year, month, day, scratch.zoned);
}

function built(year: number, month: number, day: number, zoned: boolean): Stamp {
  if (!zoned) return { kind: "local", year, month, day, secondsOfDay: scratch.seconds };
  return { kind: "instant", seconds: daysFromCivil(year, month, day) * 86400 + scratch.seconds - scratch.offset };
}

function finishYearless(s: string, end: number, month: number, day: number): Stamp | null {
  if (isAlnum(s.charCodeAt(end))) return null;
  scratch.end = end;
  return { kind: "yearless", month, day, secondsOfDay: scratch.seconds };
}
