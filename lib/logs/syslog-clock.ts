import type { ParseOptions } from "./types";

const SECONDS_PER_DAY = 86400;

/** Days since 1970-01-01 of a proleptic Gregorian date; `day` may overflow the month (Feb 30 = Mar 2). */
export function daysFromCivil(year: number, month: number, day: number): number {
  // Howard Hinnant's days_from_civil, with month 0-based: exact integer arithmetic, no Date objects.
  const m = month + 1;
  const y = m <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in `month` (0 = Jan) of `year`, proleptic Gregorian. */
export function daysInMonth(year: number, month: number): number {
  if (month === 1) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return DAYS_IN_MONTH[month] ?? 0;
}

/**
 * Turns year-less syslog stamps into UTC Unix seconds (docs/pipeline.md §1): starts at `year` and adds one each
 * time the month goes backwards by more than 6 from the previous record's month (Dec -> Jan).
 */
export class SyslogClock {
  readonly startYear: number;
  readonly utcOffsetMinutes: number;
  private year: number;
  private previousMonth = -1;
  private rollovers = 0;
  // Consecutive records nearly always share a date, so the day arithmetic is cached for one date.
  private cachedDateKey = -1;
  private cachedDayStart = 0;

  constructor(options: ParseOptions) {
    if (!Number.isInteger(options.year)) throw new RangeError(`year must be an integer, got ${options.year}`);
    const offset = options.utcOffsetMinutes ?? 0;
    if (!Number.isFinite(offset)) throw new RangeError(`utcOffsetMinutes must be finite, got ${offset}`);
    this.startYear = options.year;
    this.year = options.year;
    this.utcOffsetMinutes = offset;
  }

  /** Year that the most recent record was placed in. */
  get currentYear(): number {
    return this.year;
  }

  get yearRollovers(): number {
    return this.rollovers;
  }

  /**
   * Unix seconds of the next record, in stream order; NaN for a date that cannot exist (Feb 30, Apr 31,
   * Feb 29 of a common year, day 0): such a line is not a record (docs/pipeline.md §1b) and leaves the
   * clock as it was, so it cannot trigger a rollover either.
   */
  toUnixSeconds(month: number, day: number, secondsOfDay: number): number {
    const year = this.previousMonth - month > 6 ? this.year + 1 : this.year;
    const key = (year * 12 + month) * 32 + day;
    if (key !== this.cachedDateKey) {
      // Checked only when the date changes: consecutive records nearly always share one.
      if (day < 1 || day > daysInMonth(year, month)) return NaN;
      this.cachedDateKey = key;
      this.cachedDayStart = daysFromCivil(year, month, day) * SECONDS_PER_DAY - this.utcOffsetMinutes * 60;
    }
    if (year !== this.year) {
      this.year = year;
      this.rollovers++;
    }
    this.previousMonth = month;
    return this.cachedDayStart + secondsOfDay;
  }
}
