import { formatIsoUtc } from "@/lib/logs/format-iso-utc";
/**
 * Calendar arithmetic on Unix seconds without Date objects: the generator stamps a million lines
 * and a Date per line would dominate its run time.
 */
import { daysFromCivil } from "../logs/syslog-clock";

// One calendar implementation for the reader and the writer of syslog stamps.
export { daysFromCivil };

export const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const SECONDS_PER_DAY = 86400;
const TWO_DIGITS: string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? "0" : "") + i);

export interface CivilDate {
  year: number;
  /** 0-based month. */
  month: number;
  day: number;
}

/** Howard Hinnant's civil_from_days: days since 1970-01-01 to a proleptic Gregorian date. */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 2 : mp - 10;
  return { year: yoe + era * 400 + (month <= 1 ? 1 : 0), month, day };
}

export function twoDigits(n: number): string {
  return TWO_DIGITS[n] ?? String(n);
}

/** `YYYY-MM-DDTHH:MM:SSZ`, the docs/pipeline.md §2 window format. */
export const formatIso = formatIsoUtc;

export function yearOf(sec: number): number {
  return civilFromDays(Math.floor(sec / SECONDS_PER_DAY)).year;
}

/** Unix seconds of the first instant of the year after the one holding `sec`. */
export function startOfNextYear(sec: number): number {
  return daysFromCivil(yearOf(sec) + 1, 0, 1) * SECONDS_PER_DAY;
}

/**
 * Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]` with an optional `Z` or `±HH:MM` zone (UTC when
 * none, as docs/pipeline.md §1 assumes). Null for anything else, including impossible dates like Feb 30.
 */
export function parseIsoStart(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (m === null) return null;
  const [year, month, day, hh, mm, ss] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number, number, number, number, number, number,
  ];
  if (month < 1 || month > 12 || day < 1 || hh > 23 || mm > 59 || ss > 59) return null;
  const days = daysFromCivil(year, month - 1, day);
  const check = civilFromDays(days);
  if (check.month !== month - 1 || check.day !== day) return null;
  let offset = 0;
  const zone = m[7];
  if (zone !== undefined && zone !== "Z") {
    const digits = zone.replace(":", "");
    offset = (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * (zone.startsWith("-") ? -1 : 1);
  }
  return days * SECONDS_PER_DAY + hh * 3600 + mm * 60 + ss - offset * 60;
}

/**
 * Formats the stamps a line needs. Lines arrive in nearly increasing time, so the date part is
 * cached per minute and only the seconds are appended per call.
 */
export class StampCache {
  private minute = -1;
  private day = -1;
  private date: CivilDate = { year: 1970, month: 0, day: 1 };
  private syslogPrefix = "";

  private load(sec: number): number {
    const minute = Math.floor(sec / 60);
    if (minute !== this.minute) {
      this.minute = minute;
      const day = Math.floor(sec / SECONDS_PER_DAY);
      if (day !== this.day) {
        this.day = day;
        this.date = civilFromDays(day);
      }
      const minuteOfDay = minute - day * 1440;
      const d = this.date.day;
      this.syslogPrefix =
        `${MONTH_NAMES[this.date.month]} ${d < 10 ? " " : ""}${d} ` +
        `${twoDigits(Math.floor(minuteOfDay / 60))}:${twoDigits(minuteOfDay % 60)}:`;
    }
    return sec - minute * 60;
  }

  /** `Jun 14 15:16:01` (day padded with a space, as syslogd writes it). */
  syslog(sec: number): string {
    const s = this.load(sec);
    return this.syslogPrefix + twoDigits(s);
  }

  /** nginx access-log time, `14/Jun/2025:15:16:01 +0000`. */
  accessLog(sec: number): string {
    const s = this.load(sec);
    const { year, month, day } = this.date;
    return `${twoDigits(day)}/${MONTH_NAMES[month]}/${year}:${this.syslogPrefix.slice(7)}${twoDigits(s)} +0000`;
  }

  /** redis time, `14 Jun 2025 15:16:01`. */
  spelled(sec: number): string {
    const s = this.load(sec);
    const { year, month, day } = this.date;
    return `${day} ${MONTH_NAMES[month]} ${year} ${this.syslogPrefix.slice(7)}${twoDigits(s)}`;
  }

  /** nginx error-log time, `2025/06/14 15:16:01`. */
  slashed(sec: number): string {
    const s = this.load(sec);
    const { year, month, day } = this.date;
    return `${year}/${twoDigits(month + 1)}/${twoDigits(day)} ${this.syslogPrefix.slice(7)}${twoDigits(s)}`;
  }
}
