import { YearRollover } from "../syslog-clock";
import { formatIsoUtc } from "../format-iso-utc";
import { ByteLineSplitter } from "../line-splitter";
import { DETECTION_SAMPLE_LINES, detectFormat, matchRateOf } from "./detect-format";
import { FormatReader, createStampClock, type ClockOptions } from "./format-reader";
import { checkFieldOverrides, jsonLines } from "./json-lines";
import { inferYear } from "./record-clock";
import { isAutoFormat, resolveFormat, settle, type ResolvedFormat } from "./registry";
import type { StampClock } from "./syslog-format";
import { syslogFormat } from "./syslog-format";
import type { FormatOptions, RecordFields, Stamp } from "./types";

export interface InspectOptions {
  format?: string;
  year?: number;
  tz?: string;
  fields?: Record<string, string>;
  masks?: { pattern: string; name?: string }[];
  timeFormat?: string;
  sampleSize?: number;
}

export interface InspectResult {
  /** The format read, as `--format` names it (detected when `format` is absent or `auto`). */
  format: string;
  /** (records + continuation lines) / non-blank content lines of the whole input (detect-format.ts's rate). */
  matchRate: number;
  lines: number;
  records: number;
  unparsed: number;
  continuationLines: number;
  metaLines: number;
  /** ISO 8601 UTC `YYYY-MM-DDTHH:MM:SSZ` of the first and the last record in file order. */
  firstTime: string | null;
  lastTime: string | null;
  /** The year of the first year-less record (given, or inferred); null when no record lacked a year. */
  year: number | null;
  sample: { time: string; host: string; process: string; level: string; message: string }[];
}

const DEFAULT_SAMPLE_SIZE = 20;
// Detection holds at most this much of the head, whatever its line count.
const SAMPLE_MAX_BYTES = 8 << 20;
// inferYear sees the first and the last this-many year-less stamps.
const YEAR_SAMPLE = 1000;

/** A record kept for the result. `ts` is final, or (year to be inferred) the rollovers before it. */
interface Kept {
  fields: RecordFields;
  ts: number;
}

/**
 * While the year is unknown, a year-less stamp's "seconds" are the number of rollovers (Dec -> Jan)
 * before it, by the §1 rule; the real seconds follow once inferYear has the year. Stamps that carry
 * their year go through the real clock.
 */
class DeferredYearClock implements StampClock {
  private readonly roll = new YearRollover(0);
  constructor(private readonly dated: StampClock) {}

  get yearRollovers(): number {
    return this.roll.rollovers;
  }

  toUnixSeconds(stamp: Stamp): number | null {
    if (stamp.kind !== "yearless") return this.dated.toUnixSeconds(stamp);
    // Counted from year 0, so the year is the offset from the first record's (-1 for a late line).
    const offset = this.roll.yearFor(stamp.month);
    this.roll.accept(stamp.month, offset);
    return offset;
  }
}

/**
 * What a log holds, for previews and `npm run inspect`: its format (given or detected), how well
 * that format reads it, record counts, first and last times and a few records split into fields.
 * Reads the same way extraction does (FormatReader, same clocks), but keeps no windows.
 */
export class LogInspector {
  private readonly options: InspectOptions;
  private readonly formatOptions: FormatOptions;
  private readonly splitter: ByteLineSplitter;
  private readonly decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  private readonly sampleSize: number;
  private format: ResolvedFormat | null = null;
  private reader: FormatReader | null = null;
  private deferYear: boolean;
  private held: { text: string; line: number; offset: number; length: number }[] = [];
  private heldBytes = 0;
  private heldContent = 0;
  private records = 0;
  private unparsed = 0;
  private failed = 0;
  private first: Kept | null = null;
  private last: Kept | null = null;
  private readonly kept: Kept[] = [];
  private readonly head: Stamp[] = [];
  private readonly tail: Stamp[] = [];
  private tailNext = 0;

  constructor(options: InspectOptions = {}) {
    this.options = options;
    this.formatOptions = { format: options.format, tz: options.tz, fields: options.fields, masks: options.masks, timeFormat: options.timeFormat };
    this.sampleSize = options.sampleSize ?? DEFAULT_SAMPLE_SIZE;
    this.deferYear = options.year === undefined;
    this.splitter = new ByteLineSplitter((bytes, start, end, line, offset, length) =>
      this.readLine(this.decoder.decode(bytes.subarray(start, end)), line, offset, length),
    );
    if (!isAutoFormat(this.formatOptions)) {
      const format = resolveFormat(this.formatOptions);
      if (format.definition === jsonLines && this.formatOptions.fields !== undefined) this.format = format;
      else this.start(format);
    }
  }

  push(chunk: Uint8Array): void {
    this.splitter.push(chunk);
  }

  finish(): InspectResult {
    this.splitter.end();
    if (this.reader === null) this.endSampling();
    this.reader!.finish();
    const seen = this.head.length > 0;
    let year: number | null = seen ? (this.options.year ?? null) : null;
    if (seen && this.deferYear) year = inferYear([...this.head, ...this.tail.slice(this.tailNext), ...this.tail.slice(0, this.tailNext)], new Date(), this.options.tz);
    // A year-less Feb 29 can land in a non-leap year only once the year is known: no time then.
    const time = (k: Kept) => {
      const seconds = this.secondsOf(k, year ?? 0);
      return seconds === null ? "" : formatIsoUtc(seconds);
    };
    return {
      format: this.format!.definition.name,
      matchRate: matchRateOf(this.records, this.reader!.continuationLines, this.failed),
      lines: this.splitter.lines,
      records: this.records,
      unparsed: this.unparsed,
      continuationLines: this.reader!.continuationLines,
      metaLines: this.reader!.metaLines,
      firstTime: this.first === null ? null : time(this.first) || null,
      lastTime: this.last === null ? null : time(this.last) || null,
      year,
      sample: this.kept.map((k) => ({ time: time(k), host: k.fields.host, process: k.fields.process, level: k.fields.level, message: k.fields.message })),
    };
  }

  private readLine(text: string, line: number, offset: number, length: number): void {
    if (this.reader !== null) {
      this.reader.readLine(text, line, offset, length);
      return;
    }
    this.held.push({ text, line, offset, length });
    this.heldBytes += length;
    if (text.trim() !== "") this.heldContent++;
    if (this.heldContent >= DETECTION_SAMPLE_LINES || this.heldBytes >= SAMPLE_MAX_BYTES) this.endSampling();
  }

  /** Settles the format on the held head (detecting it when asked), then reads the head. */
  private endSampling(): void {
    const lines = this.held.map((h) => h.text);
    let format = this.format;
    // Named json: its --field paths are checked here (detectFormat checks them when it detects).
    if (format !== null) checkFieldOverrides(lines, this.formatOptions.fields);
    if (format === null) {
      const blank = lines.every((text) => text.trim() === "");
      const definition = blank ? syslogFormat : detectFormat(lines, this.formatOptions).definition;
      format = settle(definition, this.formatOptions);
    }
    this.start(format);
    const held = this.held;
    this.held = [];
    for (const h of held) this.reader!.readLine(h.text, h.line, h.offset, h.length);
  }

  private start(format: ResolvedFormat): void {
    this.format = format;
    const definition = format.definition;
    const clockOptions: ClockOptions = { year: this.options.year ?? new Date().getUTCFullYear(), tz: this.options.tz };
    const real = createStampClock(definition, clockOptions);
    const clock = this.deferYear ? new DeferredYearClock(real) : real;
    this.reader = new FormatReader(definition.createParser(format.options), definition.continuations, clock, {
      record: (fields, ts) => this.keep(fields, ts),
      unparsed: (text) => {
        this.unparsed++;
        if (text.trim() !== "") this.failed++;
      },
    });
  }

  private keep(fields: RecordFields, ts: number): void {
    this.records++;
    const kept = { fields, ts };
    this.first ??= kept;
    this.last = kept;
    if (this.kept.length < this.sampleSize) this.kept.push(kept);
    if (fields.stamp.kind !== "yearless") return;
    if (this.head.length < YEAR_SAMPLE) {
      this.head.push(fields.stamp);
    } else {
      this.tail[this.tailNext] = fields.stamp;
      this.tailNext = (this.tailNext + 1) % YEAR_SAMPLE;
    }
  }

  /** A kept record's seconds; with the year deferred, a year-less stamp is placed in `year` + its rollovers. */
  private secondsOf(k: Kept, year: number): number | null {
    if (!this.deferYear || k.fields.stamp.kind !== "yearless") return k.ts;
    const clock = createStampClock(this.format!.definition, { year: year + k.ts, tz: this.options.tz });
    return clock.toUnixSeconds(k.fields.stamp);
  }
}

/** Inspects a log already in memory (a preview's head, a test fixture). */
export function inspectLogText(input: string | Uint8Array, options: InspectOptions = {}): InspectResult {
  const inspector = new LogInspector(options);
  inspector.push(typeof input === "string" ? new TextEncoder().encode(input) : input);
  return inspector.finish();
}

/** Inspects a stream of chunks (a file), holding only the detection sample and the kept records. */
export async function inspectLog(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: InspectOptions = {},
): Promise<InspectResult> {
  const inspector = new LogInspector(options);
  for await (const chunk of chunks) inspector.push(chunk);
  return inspector.finish();
}
