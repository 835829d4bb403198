import { quoteInput } from "@/lib/domain/quote-input";
import { UserInputError } from "@/lib/domain/user-input-error";
import { daysFromCivil } from "../syslog-clock";

/**
 * `--tz`: the zone in which times without an offset are read (docs/pipeline.md §1b), UTC by default.
 * Accepts UTC (or an empty value), a fixed offset (`+02:00`, `-0530`, `+2`, `UTC+2`, `GMT-05:30`)
 * or an IANA name (`Europe/Paris`), whose rules come from the runtime's Intl (ICU) data.
 *
 * Wall-clock times that a DST change makes ambiguous are resolved the way java.time and Temporal's
 * "compatible" mode do, so the same log always gives the same instants:
 * - in a gap (02:30 on the spring-forward night in Paris does not exist), the time is read with the
 *   offset in force before the gap, which lands it one gap-length later (03:30 CEST);
 * - in an overlap (02:30 on the fall-back night happens twice), the earlier instant is taken (CEST).
 */
export interface TimeZone {
  /** `UTC`, `+02:00`, or the IANA name as Intl spells it. */
  readonly name: string;
  /** Seconds east of UTC when the zone never changes offset; null for IANA zones. */
  readonly fixedOffsetSeconds: number | null;
  /** UTC Unix seconds of a wall-clock time (month 0-based; `secondsOfDay` may carry a fraction). */
  toUtcSeconds(year: number, month: number, day: number, secondsOfDay: number): number;
  /** The same from the local date as days since 1970-01-01, for callers that cache `daysFromCivil`. */
  localDaysToUtc(localDays: number, secondsOfDay: number): number;
}

const SECONDS_PER_DAY = 86400;
const FIXED_OFFSET = /^(?:(?:UTC|GMT)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?$/i;
const UTC_NAMES = /^(?:|utc|gmt|z|zulu|universal|etc\/utc|etc\/gmt|etc\/universal|etc\/zulu)$/i;

/** Resolved zones by the text given; a zone keeps its per-day offset cache across files and runs. */
const zones = new Map<string, TimeZone>();

/** The zone named by `--tz`; throws UserInputError for anything that is not one. */
export function resolveTimeZone(tz: string | undefined): TimeZone {
  const text = (tz ?? "").trim();
  let zone = zones.get(text);
  if (zone === undefined) {
    zone = createZone(text, tz ?? "");
    zones.set(text, zone);
  }
  return zone;
}

function createZone(text: string, given: string): TimeZone {
  if (UTC_NAMES.test(text)) return new FixedZone(0);
  const fixed = FIXED_OFFSET.exec(text);
  if (fixed !== null) {
    const hours = Number(fixed[2]);
    const minutes = Number(fixed[3] ?? "0");
    if (hours > 18 || minutes > 59) throw notAZone(given);
    return new FixedZone((fixed[1] === "-" ? -1 : 1) * (hours * 3600 + minutes * 60));
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: text,
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  } catch {
    throw notAZone(given);
  }
  return new IanaZone(format);
}

function notAZone(given: string): UserInputError {
  // Quoted by the one rule for echoed input, so a line break or a control character in what was
  // given shows as an escape and the sentence stays on one line.
  return new UserInputError(
    `--tz ${quoteInput(given)} is not a time zone: give an IANA name such as Europe/Paris or an offset such as +02:00.`,
  );
}

class FixedZone implements TimeZone {
  readonly name: string;

  constructor(readonly fixedOffsetSeconds: number) {
    const magnitude = Math.abs(fixedOffsetSeconds);
    const hh = String(Math.floor(magnitude / 3600)).padStart(2, "0");
    const mm = String(Math.floor((magnitude % 3600) / 60)).padStart(2, "0");
    this.name = fixedOffsetSeconds === 0 ? "UTC" : `${fixedOffsetSeconds < 0 ? "-" : "+"}${hh}:${mm}`;
  }

  toUtcSeconds(year: number, month: number, day: number, secondsOfDay: number): number {
    return daysFromCivil(year, month, day) * SECONDS_PER_DAY + secondsOfDay - this.fixedOffsetSeconds;
  }

  localDaysToUtc(localDays: number, secondsOfDay: number): number {
    return localDays * SECONDS_PER_DAY + secondsOfDay - this.fixedOffsetSeconds;
  }
}

/**
 * A local day's offsets: `before` until the UTC instant `change`, `after` from it on. Most days
 * have one offset (before === after); a DST day has the instant of its change. Found once per local
 * day (a binary search of Intl lookups on change days), so a million records cost a few map hits.
 */
interface DayPlan {
  before: number;
  after: number;
  change: number;
}

/** Plans kept per zone; a log spans far fewer days, the cap only bounds a pathological input. */
const MAX_PLANS = 100_000;

class IanaZone implements TimeZone {
  readonly name: string;
  readonly fixedOffsetSeconds = null;
  private readonly plans = new Map<number, DayPlan>();
  private lastDays = Number.NaN;
  private lastPlan: DayPlan = { before: 0, after: 0, change: 0 };

  constructor(private readonly format: Intl.DateTimeFormat) {
    this.name = format.resolvedOptions().timeZone;
  }

  toUtcSeconds(year: number, month: number, day: number, secondsOfDay: number): number {
    return this.localDaysToUtc(daysFromCivil(year, month, day), secondsOfDay);
  }

  localDaysToUtc(localDays: number, secondsOfDay: number): number {
    if (localDays !== this.lastDays) {
      this.lastPlan = this.planFor(localDays);
      this.lastDays = localDays;
    }
    const { before, after, change } = this.lastPlan;
    const wall = localDays * SECONDS_PER_DAY + secondsOfDay;
    if (before === after) return wall - before;
    const early = wall - before; // the reading with the offset before the change; valid if before it
    const late = wall - after; // the reading with the offset after the change; valid if from it on
    const earlyValid = early < change;
    const lateValid = late >= change;
    if (earlyValid && lateValid) return Math.min(early, late); // overlap: the earlier instant
    if (lateValid) return late;
    return early; // valid, or a gap: the offset before the gap (see the header)
  }

  private planFor(localDays: number): DayPlan {
    const cached = this.plans.get(localDays);
    if (cached !== undefined) return cached;
    // Every UTC instant whose wall-clock date is this day lies within a day either side of it
    // (offsets stay under 18 h). One offset at both ends means no change in between: zones never
    // change twice within three days.
    let low = localDays * SECONDS_PER_DAY - SECONDS_PER_DAY;
    let high = localDays * SECONDS_PER_DAY + 2 * SECONDS_PER_DAY;
    const before = this.offsetAt(low);
    const after = this.offsetAt(high);
    let change = high;
    if (before !== after) {
      // Invariant: offsetAt(low) === before, offsetAt(high) === after; ends with high = the first second of `after`.
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (this.offsetAt(middle) === before) low = middle;
        else high = middle;
      }
      change = high;
    }
    if (this.plans.size >= MAX_PLANS) this.plans.clear();
    const plan = { before, after, change };
    this.plans.set(localDays, plan);
    return plan;
  }

  /** Seconds east of UTC at a UTC instant (whole seconds), from Intl's wall-clock reading of it. */
  private offsetAt(utcSeconds: number): number {
    let year = 0;
    let month = 0;
    let day = 0;
    let wall = 0;
    let bc = false;
    for (const part of this.format.formatToParts(new Date(utcSeconds * 1000))) {
      const value = Number(part.value);
      if (part.type === "year") year = value;
      else if (part.type === "month") month = value;
      else if (part.type === "day") day = value;
      else if (part.type === "hour") wall += value * 3600;
      else if (part.type === "minute") wall += value * 60;
      else if (part.type === "second") wall += value;
      else if (part.type === "era") bc = part.value.startsWith("B");
    }
    if (bc) year = 1 - year;
    return daysFromCivil(year, month - 1, day) * SECONDS_PER_DAY + wall - utcSeconds;
  }
}
