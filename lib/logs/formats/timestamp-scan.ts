import { lookupMonth } from "../parse-line";
import { daysInMonth } from "../syslog-clock";

// tsx runs each file as CommonJS, where every use of an imported name is a getter call (see
// lib/logs/log-extractor.ts); monthAt runs for every timestamp that starts with a month name.
const monthOf = lookupMonth;

/**
 * The pieces every timestamp reader shares (timestamps.ts and --time-format): digits, the clock,
 * fractions, offsets and the calendar, all read by charCode at an index without allocating.
 */

const SPACE = 32;
const PLUS = 43;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const COLON = 58;
const UPPER_Z = 90;

/**
 * What the scanners found, shared instead of returned so that a scan allocates nothing but the
 * final stamp (scans are synchronous and never nest except `[`...`]`, which reads it afterwards).
 */
export const scratch = { seconds: 0, offset: 0, zoned: false, end: 0 };

/** `HH:MM:SS` at `i` (BGL may use `.` instead of `:`) into `scratch.seconds`; the index after it or -1. */
export function scanClock(s: string, i: number, dots: boolean): number {
  const hour = digits(s, i, 2);
  const sep = s.charCodeAt(i + 2);
  if (hour < 0 || hour > 23 || (sep !== COLON && !(dots && sep === DOT)) || s.charCodeAt(i + 5) !== sep) return -1;
  const minute = digits(s, i + 3, 2);
  const second = digits(s, i + 6, 2);
  if (minute < 0 || minute > 59 || second < 0 || second > 60 || isDigit(s.charCodeAt(i + 8))) return -1;
  scratch.seconds = hour * 3600 + minute * 60 + Math.min(second, 59);
  return i + 8;
}

/** `HHMMSS` followed by no further digit (ISO basic format, HDFS). */
export function scanCompactClock(s: string, i: number): number {
  const hour = digits(s, i, 2);
  const minute = digits(s, i + 2, 2);
  const second = digits(s, i + 4, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return -1;
  if (isDigit(s.charCodeAt(i + 6))) return -1;
  scratch.seconds = hour * 3600 + minute * 60 + Math.min(second, 59);
  return i + 6;
}

/** Largest hour, minute, second (a leap second) and millisecond. */
const UNPADDED_LIMITS = [23, 59, 60, 999];

/**
 * HealthApp's clock (after `yyyyMMdd-`): hour, minute, second and milliseconds joined by colons,
 * none zero-padded (`22:16:0:119`; `9:5:7:11` ends in 11 ms, not 110). The milliseconds may be absent.
 */
export function scanUnpaddedClock(s: string, i: number): number {
  let seconds = 0;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (s.charCodeAt(i) !== COLON) {
        if (part < 3) return -1;
        break;
      }
      i++;
    }
    let value = digitAt(s, i);
    if (value < 0) return -1;
    let width = 1;
    for (let d = digitAt(s, ++i); d >= 0; d = digitAt(s, ++i)) {
      if (++width > (part === 3 ? 3 : 2)) return -1;
      value = value * 10 + d;
    }
    if (value > (UNPADDED_LIMITS[part] ?? 0)) return -1;
    seconds += part === 0 ? value * 3600 : part === 1 ? value * 60 : part === 2 ? Math.min(value, 59) : value / 1000;
  }
  scratch.seconds = seconds;
  return i;
}

/** `.123` or `,123` (up to nine digits count) added to `scratch.seconds`; `i` itself when there is none. */
export function scanDigitFraction(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if ((c !== DOT && c !== COMMA) || !isDigit(s.charCodeAt(i + 1))) return i;
  let value = 0;
  let scale = 1;
  let j = i + 1;
  for (let d = digitAt(s, j); d >= 0; d = digitAt(s, ++j)) {
    if (scale >= 1e9) continue;
    value = value * 10 + d;
    scale *= 10;
  }
  scratch.seconds += value / scale;
  return j;
}

/**
 * An offset at `i` into `scratch.zoned`/`scratch.offset` (seconds east of UTC): attached `Z`,
 * `+02:00`, `+0200`, `-05`, or after one space `+0200`, `+02:00`, `UTC`, `GMT`, `UTC+02:00`. Returns the index
 * after it, `i` when there is none, -1 when an attached offset is malformed (`+2`, `+02:75`).
 */
export function scanOffset(s: string, i: number): number {
  scratch.zoned = false;
  const c = s.charCodeAt(i);
  if (c === UPPER_Z) return zone(0, i + 1);
  if (c === PLUS || c === MINUS) return isDigit(s.charCodeAt(i + 1)) ? scanNumericOffset(s, i, false) : i;
  if (c !== SPACE) return i;
  const next = s.charCodeAt(i + 1);
  if (isUtcWord(s, i + 1)) {
    // `UTC+02:00` is an offset from UTC, not UTC followed by something else.
    const sign = s.charCodeAt(i + 4);
    return (sign === PLUS || sign === MINUS) && isDigit(s.charCodeAt(i + 5)) ? scanNumericOffset(s, i + 4, false) : zone(0, i + 4);
  }
  if (next !== PLUS && next !== MINUS) return i;
  // Spaced, only the unmistakable four-digit forms: ` -05` could be the start of a message.
  const end = scanNumericOffset(s, i + 1, true);
  return end < 0 ? i : end;
}

function scanNumericOffset(s: string, i: number, spaced: boolean): number {
  const hours = digits(s, i + 1, 2);
  let minutes = 0;
  let end = i + 3;
  if (s.charCodeAt(end) === COLON) {
    minutes = digits(s, end + 1, 2);
    end += 3;
  } else if (isDigit(s.charCodeAt(end))) {
    minutes = digits(s, end, 2);
    end += 2;
  } else if (spaced) {
    return -1;
  }
  if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59 || isDigit(s.charCodeAt(end))) return -1;
  const sign = s.charCodeAt(i) === MINUS ? -1 : 1;
  return zone(sign * (hours * 3600 + minutes * 60), end);
}

function zone(offset: number, end: number): number {
  scratch.zoned = true;
  scratch.offset = offset;
  return end;
}

/** Two-digit years as POSIX strptime reads them: 69-99 are 1969-1999, 00-68 are 2000-2068. */
export function fullYearOf(twoDigits: number): number {
  return twoDigits < 69 ? 2000 + twoDigits : 1900 + twoDigits;
}

// The calendar (leap years, month lengths) is syslog-clock.ts's, shared with the §1 clock.
export { daysInMonth, isLeapYear } from "../syslog-clock";

/** Whether the date exists (month 0-based). Never shifts a day: Feb 30 is simply false. */
export function validDay(year: number, month: number, day: number): boolean {
  return year >= 0 && month >= 0 && month <= 11 && day >= 1 && (day <= 28 || day <= daysInMonth(year, month));
}

/** Whether some year has this date: Feb 29 passes here and is checked once the year is known. */
export function validYearlessDay(month: number, day: number): boolean {
  return validDay(2000, month, day);
}

/** `UTC` or `GMT` at `i`, not followed by a letter or digit. */
export function isUtcWord(s: string, i: number): boolean {
  const a = s.charCodeAt(i);
  const b = s.charCodeAt(i + 1);
  const c = s.charCodeAt(i + 2);
  return ((a === 85 && b === 84 && c === 67) || (a === 71 && b === 77 && c === 84)) && !isAlnum(s.charCodeAt(i + 3));
}

/** The value of `count` digits at `i`, or -1 when one of them is not a digit. */
export function digits(s: string, i: number, count: number): number {
  let value = 0;
  for (let k = i; k < i + count; k++) {
    const d = digitAt(s, k);
    if (d < 0) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** 0-9 for a digit at `i`, else -1 (also past the end: NaN fails both comparisons). */
export function digitAt(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isLetter(c: number): boolean {
  const lower = c | 0x20;
  return lower >= 97 && lower <= 122;
}

export function isAlnum(c: number): boolean {
  return isDigit(c) || isLetter(c);
}

/** 0-11 for a three-letter month name at `i` (any case) not followed by another letter, else -1. */
export function monthAt(s: string, i: number): number {
  if (isLetter(s.charCodeAt(i + 3))) return -1;
  return monthOf(s.charCodeAt(i) & ~0x20, s.charCodeAt(i + 1) | 0x20, s.charCodeAt(i + 2) | 0x20);
}

const WEEKDAYS = new Set(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((name) => packLower(name, 0)));

function packLower(s: string, i: number): number {
  return ((s.charCodeAt(i) | 0x20) << 16) | ((s.charCodeAt(i + 1) | 0x20) << 8) | (s.charCodeAt(i + 2) | 0x20);
}

export function isWeekday(s: string, i: number): boolean {
  return !isLetter(s.charCodeAt(i + 3)) && WEEKDAYS.has(packLower(s, i));
}

export function isBlank(c: number): boolean {
  return c === SPACE || c === 9;
}

export function skipBlanks(s: string, i: number): number {
  while (isBlank(s.charCodeAt(i))) i++;
  return i;
}

/** Full names, lower case, for `%B` and `%A`. */
export const MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
export const WEEKDAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/** Index in `names` of the full (lower-case) name at `i`, any case, not followed by a letter; else -1. */
export function nameAt(s: string, i: number, names: readonly string[]): number {
  outer: for (let n = 0; n < names.length; n++) {
    const name = names[n] ?? "";
    for (let k = 0; k < name.length; k++) if ((s.charCodeAt(i + k) | 0x20) !== name.charCodeAt(k)) continue outer;
    if (!isLetter(s.charCodeAt(i + name.length))) return n;
  }
  return -1;
}
