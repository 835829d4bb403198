import { createLineFields, scanLine } from "../parse-line";
import { SyslogClock } from "../syslog-clock";
import { RecordClock } from "./record-clock";
import { parseSyslogVariant } from "./syslog-variants";
import type { TimeZone } from "./time-zone";
import type { FormatDefinition, LineParser, LineVerdict, Stamp } from "./types";

const SECONDS_PER_DAY = 86400;

/**
 * The `syslog` format's text parser: the classic docs/pipeline.md §1 scanner first, then the
 * variants (`<PRI>`, fractional seconds, ISO timestamps) for what §1 rejects. The two never
 * disagree on a line §1 accepts (syslog-variants.ts), so the order only saves time. Counts the
 * lines §1 itself read, which detection uses to tell classic syslog from look-alikes.
 */
export class SyslogLineParser implements LineParser {
  /** Records the §1 pattern read (the rest came from the variants). */
  classicRecords = 0;
  private readonly fields = createLineFields();

  parseLine(line: string): LineVerdict {
    const f = this.fields;
    if (!scanLine(line, f)) return parseSyslogVariant(line);
    this.classicRecords++;
    const s = f.source;
    return {
      stamp: { kind: "yearless", month: f.month, day: f.day, secondsOfDay: f.secondsOfDay },
      host: s.slice(f.hostStart, f.hostEnd),
      process: s.slice(f.processStart, f.processEnd),
      level: "",
      message: s.slice(f.messageStart),
    };
  }
}

export const syslogFormat: FormatDefinition = {
  name: "syslog",
  description: "BSD syslog (RFC 3164, docs/pipeline.md §1), plus <PRI> prefixes, fractional seconds and ISO timestamps",
  continuations: false,
  masks: [],
  createParser: () => new SyslogLineParser(),
};

/**
 * SyslogClock in an IANA zone: the §1 year and rollover rules (and §1's day arithmetic, which lets
 * a `Feb 30` run on into March) give the wall-clock time, which the zone then turns into UTC. A
 * subclass, so the extractor's byte path keeps one clock type and pays nothing when no zone is given.
 */
class ZonedSyslogClock extends SyslogClock {
  private readonly zone: TimeZone;

  constructor(year: number, zone: TimeZone) {
    super({ year, utcOffsetMinutes: 0 });
    this.zone = zone;
  }

  override toUnixSeconds(month: number, day: number, secondsOfDay: number): number {
    const local = super.toUnixSeconds(month, day, secondsOfDay);
    if (Number.isNaN(local)) return local;
    const days = Math.floor(local / SECONDS_PER_DAY);
    return Math.floor(this.zone.localDaysToUtc(days, local - days * SECONDS_PER_DAY));
  }
}

/**
 * The clock for §1 lines of the `syslog` format. Without a zone it is SyslogClock exactly as the
 * classic path builds it (utcOffsetMinutes included), so `--format syslog` gives the same seconds;
 * a fixed-offset zone is the same clock with that offset; an IANA zone needs ZonedSyslogClock.
 */
export function createSyslogClock(year: number, utcOffsetMinutes: number | undefined, zone: TimeZone | null): SyslogClock {
  if (zone === null) return new SyslogClock({ year, utcOffsetMinutes });
  if (zone.fixedOffsetSeconds !== null) return new SyslogClock({ year, utcOffsetMinutes: zone.fixedOffsetSeconds / 60 });
  return new ZonedSyslogClock(year, zone);
}

/** Turns stamps into Unix seconds in stream order; null for a date that cannot exist. RecordClock has this shape. */
export interface StampClock {
  toUnixSeconds(stamp: Stamp): number | null;
  readonly yearRollovers: number;
}

/**
 * The `syslog` format's stamps: year-less ones (§1 lines and variants such as fractional seconds)
 * share one SyslogClock, so a file mixing them rolls its year over once, as §1 says; the variants'
 * ISO stamps carry their year and go through a RecordClock (same zone).
 */
export class SyslogStampClock implements StampClock {
  readonly yearless: SyslogClock;
  private readonly dated: RecordClock;

  constructor(yearless: SyslogClock, dated: RecordClock) {
    this.yearless = yearless;
    this.dated = dated;
  }

  get yearRollovers(): number {
    return this.yearless.yearRollovers;
  }

  toUnixSeconds(stamp: Stamp): number | null {
    if (stamp.kind !== "yearless") return this.dated.toUnixSeconds(stamp);
    const ts = this.yearless.toUnixSeconds(stamp.month, stamp.day, Math.floor(stamp.secondsOfDay));
    return Number.isNaN(ts) ? null : ts;
  }
}

