import { daysFromCivil, isLeapYear, YearRollover } from "../syslog-clock";
import { resolveTimeZone, type TimeZone } from "./time-zone";
import { validDay } from "./timestamp-scan";
import type { Stamp } from "./types";

export interface RecordClockOptions {
  /** The year of the first year-less record (`--year`, or `inferYear`). */
  year: number;
  /** `--tz` as given (UTC when absent), or a zone already resolved. */
  tz?: string | TimeZone;
}

/**
 * Turns stamps into UTC Unix seconds, in stream order (docs/pipeline.md §1 and §1b):
 * - `instant`: as is;
 * - `local`: read in the zone;
 * - `yearless`: placed in the current year, which starts at `year` and goes up by one whenever the
 *   month falls back by more than 6 from the previous year-less record's month (Dec -> Jan); the
 *   rollover only ever moves forward. Then read in the zone.
 * Seconds are whole: the fraction is floored, as windowing drops it anyway. A date that cannot exist
 * in the year it lands in (Feb 29 of a non-leap year) gives null and leaves the clock as it was.
 */
export class RecordClock {
  readonly startYear: number;
  readonly zone: TimeZone;
  private readonly roll: YearRollover;
  // Consecutive records nearly always share a date, so the date's day number is cached for one date.
  private cachedDateKey = Number.NaN;
  private cachedDays = 0;

  constructor(options: RecordClockOptions) {
    if (!Number.isInteger(options.year)) throw new RangeError(`year must be an integer, got ${options.year}`);
    this.startYear = options.year;
    this.roll = new YearRollover(options.year);
    this.zone = typeof options.tz === "object" ? options.tz : resolveTimeZone(options.tz);
  }

  /** The year the most recent year-less record was placed in. */
  get currentYear(): number {
    return this.roll.year;
  }

  /** How many times the year went up (Dec -> Jan) so far. */
  get yearRollovers(): number {
    return this.roll.rollovers;
  }

  toUnixSeconds(stamp: Stamp): number | null {
    if (stamp.kind === "instant") return Number.isFinite(stamp.seconds) ? Math.floor(stamp.seconds) : null;
    if (stamp.kind === "local") return this.place(stamp.year, stamp.month, stamp.day, stamp.secondsOfDay);
    const year = this.roll.yearFor(stamp.month);
    const seconds = this.place(year, stamp.month, stamp.day, stamp.secondsOfDay);
    if (seconds === null) return null;
    this.roll.accept(stamp.month, year);
    return seconds;
  }

  private place(year: number, month: number, day: number, secondsOfDay: number): number | null {
    const key = (year * 12 + month) * 32 + day;
    if (key !== this.cachedDateKey) {
      if (!validDay(year, month, day)) return null;
      this.cachedDateKey = key;
      this.cachedDays = daysFromCivil(year, month, day);
    }
    return Math.floor(this.zone.localDaysToUtc(this.cachedDays, secondsOfDay));
  }
}

/**
 * The year to give the first year-less record when `--year` is not given (docs/pipeline.md §1):
 * the latest year that puts no record after `now`, the moment the log is read. `stamps` is a sample
 * in file order (typically the head then the tail of the file); the rollover rule runs over it, so
 * a sample running Dec -> Jan places its January records one year after its December ones, and the
 * answer is the year of the sample's first record.
 *
 * Limits: only the sample is seen. A rollover hidden in the unsampled middle (a file spanning more
 * than a year, or a head in March and a tail in the next February) is invisible, so the answer is
 * one year too late for the head; records after `now` (a clock running ahead) push the answer back
 * a year. Feb 29 records are honoured: the answer steps back (at most 8 years) until each lands in
 * a leap year. Only year-less stamps count; without any, the answer is the current UTC year.
 */
export function inferYear(stamps: readonly Stamp[], now: Date, tz?: string | TimeZone): number {
  const zone = typeof tz === "object" ? tz : resolveTimeZone(tz);
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const nowYear = now.getUTCFullYear();
  let best = Number.POSITIVE_INFINITY;
  // Counted from year 0: only how many rollovers precede each record matters here.
  const roll = new YearRollover(0);
  const leapDayRollovers = new Set<number>();
  for (const stamp of stamps) {
    if (stamp.kind !== "yearless") continue;
    // Years after the first record's: the rollovers before it, or one fewer for a late line.
    const rollovers = roll.yearFor(stamp.month);
    roll.accept(stamp.month, rollovers);
    if (stamp.month === 1 && stamp.day === 29) leapDayRollovers.add(rollovers);
    // The latest year in which this record is not after now; a zone ahead of UTC can be in next year already.
    let year = nowYear + 1;
    while (zone.toUtcSeconds(year, stamp.month, stamp.day, stamp.secondsOfDay) > nowSeconds) year--;
    best = Math.min(best, year - rollovers);
  }
  if (best === Number.POSITIVE_INFINITY) return nowYear;
  for (let candidate = best; candidate > best - 8; candidate--) {
    let fits = true;
    for (const offset of leapDayRollovers) fits &&= isLeapYear(candidate + offset);
    if (fits) return candidate;
  }
  return best;
}
