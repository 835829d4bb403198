import type { SyslogClock } from "../syslog-clock";
import { RecordClock } from "./record-clock";
import { SyslogStampClock, createSyslogClock, syslogFormat, type StampClock } from "./syslog-format";
import { resolveTimeZone, type TimeZone } from "./time-zone";
import { META, type FormatDefinition, type LineParser, type RecordFields } from "./types";

/** Where a finished record goes: the extractor windows it, inspect keeps a sample. */
export interface RecordSink {
  /**
   * One record with its continuation lines joined, its Unix seconds, and the stream span from its
   * first line's first byte to its last line's last byte (terminators inside the span included).
   */
  record(fields: RecordFields, ts: number, line: number, offset: number, length: number): void;
  /** A line that is neither a record, a continuation nor META. */
  unparsed(text: string, line: number, offset: number, length: number): void;
}

// A joined message is interned as one distinct string, and interned strings live in 4 MiB blocks
// (byte-interner.ts): past this many UTF-16 units (at most 3 MiB of UTF-8) further lines are still
// counted and spanned but their text is not appended.
export const MAX_MESSAGE_CHARS = 1 << 20;

/** The clock options an extraction carries. */
export interface ClockOptions {
  year: number;
  /** `--tz`; wins over utcOffsetMinutes. */
  tz?: string;
  /** The classic option: the log's fixed offset from UTC in minutes. */
  utcOffsetMinutes?: number;
}

/** The zone `--tz` names, or the classic fixed offset as a zone; null when neither is given (UTC). */
export function zoneOf(options: ClockOptions): TimeZone | null {
  if (options.tz !== undefined) return resolveTimeZone(options.tz);
  const minutes = options.utcOffsetMinutes ?? 0;
  if (minutes === 0) return null;
  if (!Number.isInteger(minutes) || Math.abs(minutes) > 18 * 60) {
    throw new RangeError(`utcOffsetMinutes must be a whole number of minutes within ±18 h, got ${minutes}`);
  }
  const abs = Math.abs(minutes);
  const text = `${minutes < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  return resolveTimeZone(text);
}

/**
 * The clock a format's stamps go through. `syslog` keeps §1's SyslogClock for its year-less stamps
 * (same seconds as the classic path, same rollover count); every other format uses RecordClock.
 */
export function createStampClock(definition: FormatDefinition, options: ClockOptions, syslogClock?: SyslogClock): StampClock {
  const zone = zoneOf(options);
  const dated = new RecordClock({ year: options.year, tz: zone ?? undefined });
  if (definition !== syslogFormat) return dated;
  return new SyslogStampClock(syslogClock ?? createSyslogClockFor(options), dated);
}

/** The §1 clock for these options (the extractor's byte path uses it too). */
export function createSyslogClockFor(options: ClockOptions): SyslogClock {
  return createSyslogClock(options.year, options.utcOffsetMinutes, options.tz === undefined ? null : resolveTimeZone(options.tz));
}

/**
 * Reads a format's lines in file order (docs/pipeline.md §1b): each record's stamp goes through the
 * clock (null, an impossible date, makes the line unparsed); META lines are counted and skipped.
 * With continuations, a line that starts no record but follows one is appended to that record's
 * message after a `\n`, so a record is held until the next record (or META line, or `finish`)
 * shows that it is complete. Lines before the first record, and after an impossible date or a
 * META line, belong to no record: they are unparsed.
 */
export class FormatReader {
  continuationLines = 0;
  metaLines = 0;
  private readonly parser: LineParser;
  private readonly continuations: boolean;
  private readonly clock: StampClock;
  private readonly sink: RecordSink;
  // The held record (continuations only): its fields, seconds and span so far.
  private held: RecordFields | null = null;
  private heldTs = 0;
  private heldLine = 0;
  private heldOffset = 0;
  private heldEnd = 0;
  // Where the current run of META lines began, for records a parser gives out at the end (CRI's
  // pending partial lines are META lines until their closing line arrives).
  private metaStartLine = 0;
  private metaStartOffset = 0;
  private lastLine = 0;
  private lastEnd = 0;

  constructor(parser: LineParser, continuations: boolean, clock: StampClock, sink: RecordSink) {
    this.parser = parser;
    this.continuations = continuations;
    this.clock = clock;
    this.sink = sink;
  }

  get yearRollovers(): number {
    return this.clock.yearRollovers;
  }

  readLine(text: string, line: number, offset: number, length: number): void {
    this.lastLine = line;
    this.lastEnd = offset + length;
    const verdict = this.parser.parseLine(text);
    if (verdict === null) {
      const held = this.held;
      if (held === null) {
        this.sink.unparsed(text, line, offset, length);
        return;
      }
      this.continuationLines++;
      if (held.message.length < MAX_MESSAGE_CHARS) held.message = `${held.message}\n${text}`;
      this.heldEnd = offset + length;
      return;
    }
    this.release();
    if (verdict === META) {
      if (this.metaStartLine === 0) {
        this.metaStartLine = line;
        this.metaStartOffset = offset;
      }
      this.metaLines++;
      return;
    }
    this.metaStartLine = 0;
    this.take(verdict, text, line, offset, length);
  }

  /** Gives out the held record and anything the parser still holds (call once, at the end). */
  finish(): void {
    this.release();
    const pending = this.parser.flush?.() ?? [];
    const line = this.metaStartLine === 0 ? this.lastLine : this.metaStartLine;
    const offset = this.metaStartLine === 0 ? this.lastEnd : this.metaStartOffset;
    for (const fields of pending) this.take(fields, fields.message, line, offset, this.lastEnd - offset);
    this.release();
  }

  /** `text`: the line, shown as unparsed when the record's date cannot exist. */
  private take(fields: RecordFields, text: string, line: number, offset: number, length: number): void {
    const ts = this.clock.toUnixSeconds(fields.stamp);
    if (ts === null) {
      this.sink.unparsed(text, line, offset, length);
      return;
    }
    if (!this.continuations) {
      this.sink.record(fields, ts, line, offset, length);
      return;
    }
    // A copy: the message grows as continuation lines come, and a parser may reuse its result object.
    this.held = { stamp: fields.stamp, host: fields.host, process: fields.process, level: fields.level, message: fields.message };
    this.heldTs = ts;
    this.heldLine = line;
    this.heldOffset = offset;
    this.heldEnd = offset + length;
  }

  private release(): void {
    const held = this.held;
    if (held === null) return;
    this.held = null;
    this.sink.record(held, this.heldTs, this.heldLine, this.heldOffset, this.heldEnd - this.heldOffset);
  }
}
