import { quoteInput } from "@/lib/domain/quote-input";
import { UserInputError } from "@/lib/domain/user-input-error";
import * as syslogClock from "../syslog-clock";
import * as scan from "./timestamp-scan";
import type { Stamp } from "./types";

// tsx runs each file as CommonJS, where every use of an imported name is a getter call (see
// lib/logs/log-extractor.ts); a compiled pattern runs these for every record, so they are local.
const { daysFromCivil } = syslogClock;
const {
  daysInMonth, digitAt, fullYearOf, isBlank, isLeapYear, isLetter, isUtcWord, isWeekday, MONTH_NAMES, WEEKDAY_NAMES, monthAt,
  nameAt, scanOffset, scratch, validDay, validYearlessDay,
} = scan;

/**
 * `--time-format`: a strftime-style pattern for timestamps the built-in shapes do not read
 * (`%d/%m/%Y %I:%M:%S %p`). Compiled once into steps; the returned function matches by charCode.
 *
 * Directives: %Y (4 digits) %y (2 digits, 69-99 = 19xx) %m %d %e %j %H %I %M %S (1-2 or 1-3
 * digits, greedy, so packed `%H%M%S` needs zero padding) %f (fraction, 1-9 digits) %b %h (Jan) %B
 * (January or Jan) %a %A (weekday, checked for spelling, not against the date) %p (AM/PM) %z (Z,
 * UTC, GMT, +02:00, +0200, +02) %Z (UTC, GMT or Z only: other abbreviations are ambiguous) %s (epoch
 * seconds) %T (%H:%M:%S) %F (%Y-%m-%d) %% (a percent sign). Whitespace in the pattern matches any
 * run of blanks, none included, as strptime does; anything else must appear as written. Without a
 * year the stamp is year-less (docs/pipeline.md §1 rollover); without %z/%Z it is read in `--tz`.
 */

const LITERAL = 0;
const BLANKS = 1;
const NUMBER = 2;
const FRACTION = 3;
const MONTH_NAME = 4;
const WEEKDAY_NAME = 5;
const AM_PM = 6;
const OFFSET = 7;
const ZONE_NAME = 8;

interface Step {
  op: number;
  /** Literal text, or the directive letter of a NUMBER. */
  text: string;
  min: number;
  max: number;
}

/** The directive letters, with what they fill (a field read twice would be ambiguous). */
const FIELD_OF: Record<string, string> = {
  Y: "year", y: "year", m: "month", b: "month", h: "month", B: "month", d: "day", e: "day", j: "day of year",
  H: "hour", I: "hour", M: "minute", S: "second", f: "fraction", p: "AM/PM", z: "zone", Z: "zone", s: "epoch",
  a: "weekday", A: "weekday",
};
const WIDTHS: Record<string, [number, number]> = {
  Y: [4, 4], y: [2, 2], m: [1, 2], d: [1, 2], e: [1, 2], j: [1, 3], H: [1, 2], I: [1, 2], M: [1, 2], S: [1, 2], s: [1, 12],
};
const SHORTHANDS: Record<string, string> = { T: "%H:%M:%S", F: "%Y-%m-%d" };
const KNOWN = "%Y %y %m %d %e %j %H %I %p %M %S %f %b %B %a %z %Z %s %T %F";

/** The whole field (surrounding blanks aside) must match the pattern; null when it does not or the date cannot exist. */
export function compileTimeFormat(pattern: string): (text: string) => Stamp | null {
  const read = compileLeadingTimeFormat(pattern);
  return (text) => {
    let start = 0;
    let end = text.length;
    while (start < end && isBlank(text.charCodeAt(start))) start++;
    while (end > start && isBlank(text.charCodeAt(end - 1))) end--;
    const found = read(text, start);
    return found !== null && found.end === end ? found.stamp : null;
  };
}

/** The same pattern matched at `start` of a line (default 0), with the index where the time ends. */
export function compileLeadingTimeFormat(pattern: string): (line: string, start?: number) => { stamp: Stamp; end: number } | null {
  const steps = compileSteps(pattern);
  const f = new Map<string, number>();
  return (line, start = 0) => {
    f.clear();
    let i = start;
    for (const step of steps) {
      i = runStep(step, line, i, f);
      if (i < 0) return null;
    }
    const stamp = buildStamp(f);
    return stamp === null ? null : { stamp, end: i };
  };
}

function compileSteps(pattern: string): Step[] {
  const shown = `--time-format ${quoteInput(pattern)}`;
  if (pattern.trim() === "") throw new UserInputError("--time-format is empty: give a pattern such as %Y-%m-%d %H:%M:%S.");
  const expanded = expandShorthands(pattern);
  const steps: Step[] = [];
  const seen = new Set<string>();
  const letters = new Set<string>();
  let literal = "";
  const flush = () => {
    if (literal !== "") steps.push({ op: LITERAL, text: literal, min: 0, max: 0 });
    literal = "";
  };
  for (let k = 0; k < expanded.length; k++) {
    const c = expanded.charAt(k);
    if (/\s/.test(c)) {
      flush();
      if (steps.at(-1)?.op !== BLANKS) steps.push({ op: BLANKS, text: "", min: 0, max: 0 });
      continue;
    }
    if (c !== "%") {
      literal += c;
      continue;
    }
    const letter = expanded.charAt(++k);
    if (letter === "%") {
      literal += "%";
      continue;
    }
    if (letter === "") throw new UserInputError(`${shown} ends with a lone %: write %% for a percent sign.`);
    const field = FIELD_OF[letter];
    if (field === undefined) {
      throw new UserInputError(`${shown} uses ${quoteInput(`%${letter}`)}, which is not a directive Logscope knows: use ${KNOWN}, or %% for a percent sign.`);
    }
    if (seen.has(field)) throw new UserInputError(`${shown} reads the ${field} twice: keep one directive for it.`);
    seen.add(field);
    letters.add(letter);
    flush();
    steps.push(directiveStep(letter));
  }
  flush();
  if (!seen.has("epoch")) {
    const hasDay = (seen.has("month") && seen.has("day")) || (seen.has("day of year") && seen.has("year"));
    if (!hasDay) throw new UserInputError(`${shown} has no complete date: add %d with %m or %b (or %j with %Y), or use %s for epoch seconds.`);
    if (!seen.has("hour") || !seen.has("minute")) {
      throw new UserInputError(`${shown} has no time of day: add %H and %M (or %I, %M and %p).`);
    }
    if (seen.has("day of year") && (seen.has("month") || seen.has("day"))) {
      throw new UserInputError(`${shown} gives both %j and a month or day: keep one way of writing the date.`);
    }
  }
  if (letters.has("I") !== letters.has("p")) {
    throw new UserInputError(`${shown} needs %I and %p together: use both for a 12-hour clock, or %H alone for a 24-hour one.`);
  }
  return steps;
}

/** `%T` and `%F` spelled out; `%%T` stays a percent sign and a T. */
function expandShorthands(pattern: string): string {
  let out = "";
  for (let k = 0; k < pattern.length; k++) {
    const c = pattern.charAt(k);
    const next = pattern.charAt(k + 1);
    if (c !== "%") out += c;
    else {
      out += SHORTHANDS[next] ?? c + next;
      k++;
    }
  }
  return out;
}

function directiveStep(letter: string): Step {
  const width = WIDTHS[letter];
  if (width !== undefined) return { op: NUMBER, text: letter, min: width[0], max: width[1] };
  const op =
    letter === "f" ? FRACTION
    : letter === "b" || letter === "h" || letter === "B" ? MONTH_NAME
    : letter === "a" || letter === "A" ? WEEKDAY_NAME
    : letter === "p" ? AM_PM
    : letter === "z" ? OFFSET
    : ZONE_NAME;
  return { op, text: letter, min: 0, max: 0 };
}

/** Matches one step at `i`; the index after it, or -1. */
function runStep(step: Step, s: string, i: number, f: Map<string, number>): number {
  switch (step.op) {
    case LITERAL:
      return s.startsWith(step.text, i) ? i + step.text.length : -1;
    case BLANKS:
      while (isBlank(s.charCodeAt(i))) i++;
      return i;
    case NUMBER: {
      if (step.text === "e" && isBlank(s.charCodeAt(i))) i++;
      let value = 0;
      let j = i;
      for (let d = digitAt(s, j); d >= 0 && j - i < step.max; d = digitAt(s, ++j)) value = value * 10 + d;
      if (j - i < step.min) return -1;
      f.set(step.text, value);
      return j;
    }
    case FRACTION: {
      let value = 0;
      let scale = 1;
      let j = i;
      for (let d = digitAt(s, j); d >= 0 && j - i < 9; d = digitAt(s, ++j)) {
        value = value * 10 + d;
        scale *= 10;
      }
      if (j === i) return -1;
      f.set("f", value / scale);
      return j;
    }
    case MONTH_NAME: {
      const full = step.text === "B" ? nameAt(s, i, MONTH_NAMES) : -1;
      if (full >= 0) {
        f.set("m", full + 1);
        return i + (MONTH_NAMES[full]?.length ?? 0);
      }
      const month = monthAt(s, i);
      if (month < 0) return -1;
      f.set("m", month + 1);
      return i + 3;
    }
    case WEEKDAY_NAME: {
      const full = step.text === "A" ? nameAt(s, i, WEEKDAY_NAMES) : -1;
      if (full >= 0) return i + (WEEKDAY_NAMES[full]?.length ?? 0);
      return isWeekday(s, i) ? i + 3 : -1;
    }
    case AM_PM: {
      const a = s.charCodeAt(i) | 0x20;
      if ((a !== 97 && a !== 112) || (s.charCodeAt(i + 1) | 0x20) !== 109 || isLetter(s.charCodeAt(i + 2))) return -1;
      f.set("p", a === 112 ? 12 : 0);
      return i + 2;
    }
    case OFFSET:
    case ZONE_NAME: {
      if (isUtcWord(s, i)) return zoneAt(f, 0, i + 3);
      if (s.charCodeAt(i) === 90) return zoneAt(f, 0, i + 1);
      if (step.op === ZONE_NAME) return -1;
      const end = scanOffset(s, i);
      return end > i && scratch.zoned ? zoneAt(f, scratch.offset, end) : -1;
    }
    default:
      return -1;
  }
}

function zoneAt(f: Map<string, number>, offset: number, end: number): number {
  f.set("z", offset);
  return end;
}


function buildStamp(f: Map<string, number>): Stamp | null {
  const fraction = f.get("f") ?? 0;
  const epoch = f.get("s");
  if (epoch !== undefined) return { kind: "instant", seconds: epoch + fraction };
  const fourDigits = f.get("Y");
  const twoDigits = f.get("y");
  const year = fourDigits ?? (twoDigits === undefined ? undefined : fullYearOf(twoDigits));
  let month = (f.get("m") ?? 0) - 1;
  let day = f.get("d") ?? f.get("e") ?? 0;
  const dayOfYear = f.get("j");
  if (dayOfYear !== undefined && year !== undefined) {
    if (dayOfYear < 1 || dayOfYear > (isLeapYear(year) ? 366 : 365)) return null;
    const daysSinceJan1 = dayOfYear - 1;
    // Walk the months of that year; at most twelve steps, only for the rare %j pattern.
    for (month = 0, day = daysSinceJan1 + 1; day > daysInMonth(year, month); month++) day -= daysInMonth(year, month);
  }
  let hour = f.get("H") ?? f.get("I") ?? 0;
  const half = f.get("p");
  if (half !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + half;
  }
  const minute = f.get("M") ?? 0;
  const second = f.get("S") ?? 0;
  if (hour > 23 || minute > 59 || second > 60) return null;
  const secondsOfDay = hour * 3600 + minute * 60 + Math.min(second, 59) + fraction;
  if (year === undefined) return validYearlessDay(month, day) ? { kind: "yearless", month, day, secondsOfDay } : null;
  if (!validDay(year, month, day)) return null;
  const offset = f.get("z");
  if (offset === undefined) return { kind: "local", year, month, day, secondsOfDay };
  return { kind: "instant", seconds: daysFromCivil(year, month, day) * 86400 + secondsOfDay - offset };
}
