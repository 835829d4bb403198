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

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

// Each month's length beyond 28 days in two bits, so the per-record check is arithmetic, not a lookup.
const MONTH_LENGTH_BITS = [3, 0, 3, 2, 3, 2, 3, 3, 2, 3, 2, 3].reduce((bits, extra, m) => bits | (extra << (2 * m)), 0);

/** Days in `month` (0 = Jan) of `year`, proleptic Gregorian. */
export function daysInMonth(year: number, month: number): number {
  return month === 1 ? (isLeapYear(year) ? 29 : 28) : 28 + ((MONTH_LENGTH_BITS >> (2 * month)) & 3);
}

/**
 * What a year-less clock carries from one record to the next: the year it is in and the month of
 * the last record it accepted (-1 before any). A range of a file read on its own (parallel-parse)
 * starts from the state the records before it left, and gives the same seconds as a whole read.
 */
export interface RolloverState {
  year: number;
  previousMonth: number;
}

/**
 * The year of year-less stamps (docs/pipeline.md §1): it starts at the given year and goes up by one
 * whenever the month falls back by more than 6 from the previous record's month (Dec -> Jan); it only
 * ever moves forward. The mirror case, a month more than 6 ahead of the previous record's (a "Dec 31"
 * line among "Jan 1" ones), is a late line from the year before: it is placed there and leaves the
 * clock as it was, so one stray line neither stretches the log by a year nor makes the next "Jan"
 * line roll over. The one rule behind every clock and the year inference.
 */
export class YearRollover {
  year: number;
  rollovers = 0;
  private previousMonth = -1;

  constructor(year: number) {
    this.year = year;
  }

  get state(): RolloverState {
    return { year: this.year, previousMonth: this.previousMonth };
  }

  /** Carry on from `state` (the rollovers counted stay this clock's own). */
  resume(state: RolloverState): void {
    this.year = state.year;
    this.previousMonth = state.previousMonth;
  }

  /** The year a record of `month` lands in, without recording it (its date may yet be refused). */
  yearFor(month: number): number {
    const previous = this.previousMonth;
    if (previous < 0) return this.year;
    if (previous - month > 6) return this.year + 1;
    return month - previous > 6 ? this.year - 1 : this.year;
  }

  /** Records that a record of `month` landed in `year` (as yearFor said); a late line changes nothing. */
  accept(month: number, year: number): void {
    if (year < this.year) return;
    if (year !== this.year) {
      this.year = year;
      this.rollovers++;
    }
    this.previousMonth = month;
  }
}

/**
 * Turns year-less syslog stamps into UTC Unix seconds (docs/pipeline.md §1): starts at `year` and adds one each
 * time the month goes backwards by more than 6 from the previous record's month (Dec -> Jan).
 */
export class SyslogClock {
  readonly startYear: number;
  readonly utcOffsetMinutes: number;
  private readonly roll: YearRollover;
  // Consecutive records nearly always share a date, so the day arithmetic is cached for one date.
  private cachedDateKey = -1;
  private cachedDayStart = 0;

  constructor(options: ParseOptions) {
    if (!Number.isInteger(options.year)) throw new RangeError(`year must be an integer, got ${options.year}`);
    const offset = options.utcOffsetMinutes ?? 0;
    if (!Number.isFinite(offset)) throw new RangeError(`utcOffsetMinutes must be finite, got ${offset}`);
    this.startYear = options.year;
    this.roll = new YearRollover(options.year);
    this.utcOffsetMinutes = offset;
  }

  /** Year that the most recent record was placed in. */
  get currentYear(): number {
    return this.roll.year;
  }

  get yearRollovers(): number {
    return this.roll.rollovers;
  }

  /** The year and last month so far (see RolloverState). */
  get rolloverState(): RolloverState {
    return this.roll.state;
  }

  /** Carry on from the state the records before this clock's first one left (see RolloverState). */
  resume(state: RolloverState): void {
    this.roll.resume(state);
  }

  /**
   * Unix seconds of the next record, in stream order; NaN for a date that cannot exist (Feb 30, Apr 31,
   * Feb 29 of a common year, day 0): such a line is not a record (docs/pipeline.md §1b) and leaves the
   * clock as it was, so it cannot trigger a rollover either.
   */
  toUnixSeconds(month: number, day: number, secondsOfDay: number): number {
    const year = this.roll.yearFor(month);
    const key = (year * 12 + month) * 32 + day;
    if (key !== this.cachedDateKey) {
      // Checked only when the date changes: consecutive records nearly always share one.
      if (day < 1 || day > daysInMonth(year, month)) return NaN;
      this.cachedDateKey = key;
      this.cachedDayStart = daysFromCivil(year, month, day) * SECONDS_PER_DAY - this.utcOffsetMinutes * 60;
    }
    this.roll.accept(month, year);
    return this.cachedDayStart + secondsOfDay;
  }
}
