import type { ByteLineHandler } from "../line-splitter";
import type { SyslogClock } from "../syslog-clock";
import type { ExtractOptions, FormatReport } from "../types";
import { DETECTION_SAMPLE_LINES, detectFormat } from "./detect-format";
import { FormatReader, createStampClock, type RecordSink } from "./format-reader";
import { checkFieldOverrides, jsonLines } from "./json-lines";
import { isAutoFormat, resolveFormat, settle, type ResolvedFormat } from "./registry";
import { syslogVariants } from "./syslog-variants";
import { syslogFormat } from "./syslog-format";
import type { FormatOptions } from "./types";

// Detection reads at most this much of a file's head, whatever its line count (lines may be long).
const SAMPLE_MAX_BYTES = 8 << 20;

/** How LogExtractor's line handler treats each line. */
const SAMPLING = 0;
const SYSLOG = 1;
const TEXT = 2;

/** The extractor's side: where records and unparsed lines go, and its own line handler for replays. */
export interface ExtractorHooks extends RecordSink {
  /** The extractor's handler, to replay the sampled head once the format is settled. */
  replay: ByteLineHandler;
  /** Called once the format is known, before any record of it is given out. */
  settled(format: ResolvedFormat): void;
}

interface SampledLine {
  bytes: Uint8Array;
  text: string;
  line: number;
  offset: number;
  length: number;
}

/**
 * The non-classic part of LogExtractor (docs/pipeline.md §1b), present only with `formatOptions`:
 * - `syslog` (named or detected): §1 lines stay on the extractor's byte path, with the same clock,
 *   and only the lines §1 rejects are decoded and tried as syslog variants;
 * - any other format: every line is decoded and read by a FormatReader;
 * - `auto`, or `json` with `--field` paths to check: the head of the file is held (about 1000
 *   non-blank lines, or all of a smaller file) until the format is settled, then replayed.
 */
export class FormatStage {
  private mode: number = SAMPLING;
  private readonly options: ExtractOptions;
  private readonly formatOptions: FormatOptions;
  private readonly hooks: ExtractorHooks;
  private readonly syslogClock: SyslogClock;
  private readonly decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  private format: ResolvedFormat | null = null;
  private detected = false;
  private matchRate = 1;
  private reader: FormatReader | null = null;
  private sample: SampledLine[] = [];
  private sampleBytes = 0;
  private sampleContent = 0;

  constructor(options: ExtractOptions, formatOptions: FormatOptions, syslogClock: SyslogClock, hooks: ExtractorHooks) {
    this.options = options;
    this.formatOptions = formatOptions;
    this.syslogClock = syslogClock;
    this.hooks = hooks;
    if (isAutoFormat(formatOptions)) return;
    const format = resolveFormat(formatOptions);
    // A --field path is checked against the head of the file before the records are read.
    if (format.definition === jsonLines && formatOptions.fields !== undefined) {
      this.format = format;
      return;
    }
    this.start(format);
  }

  /** False for a line the extractor's §1 byte path should read; true when it was taken here. */
  route(bytes: Uint8Array, start: number, end: number, line: number, offset: number, length: number): boolean {
    const mode = this.mode;
    if (mode === SYSLOG) return false;
    const text = this.decoder.decode(bytes.subarray(start, end));
    if (mode === TEXT) {
      this.reader!.readLine(text, line, offset, length);
      return true;
    }
    // A copy (Buffer#slice would be a view): the stream may reuse the chunk's memory once we return.
    this.sample.push({ bytes: new Uint8Array(bytes.subarray(start, end)), text, line, offset, length });
    this.sampleBytes += end - start;
    if (text.trim() !== "") this.sampleContent++;
    if (this.sampleContent >= DETECTION_SAMPLE_LINES || this.sampleBytes >= SAMPLE_MAX_BYTES) this.endSampling();
    return true;
  }

  /** Syslog only: a line §1 rejected, read as a syslog variant (a record) or given out as unparsed. */
  readRejected(bytes: Uint8Array, start: number, end: number, line: number, offset: number, length: number): void {
    this.reader!.readLine(this.decoder.decode(bytes.subarray(start, end)), line, offset, length);
  }

  /** At the end of the input: settle a format still being sampled, then give out what is held. */
  finish(): void {
    if (this.mode === SAMPLING) this.endSampling();
    this.reader?.finish();
  }

  /** The year rollovers of the clock the records went through. */
  get yearRollovers(): number {
    return this.mode === TEXT && this.reader !== null ? this.reader.yearRollovers : this.syslogClock.yearRollovers;
  }

  report(): FormatReport {
    return {
      name: this.format?.definition.name ?? syslogFormat.name,
      detected: this.detected,
      matchRate: this.matchRate,
      continuationLines: this.reader?.continuationLines ?? 0,
      metaLines: this.reader?.metaLines ?? 0,
    };
  }

  private endSampling(): void {
    const lines = this.sample.map((s) => s.text);
    let format = this.format;
    // Named json: its --field paths are checked here (detectFormat checks them when it detects).
    if (format !== null) checkFieldOverrides(lines, this.formatOptions.fields);
    if (format === null) {
      if (lines.some((text) => text.trim() !== "")) {
        const detection = detectFormat(lines, this.formatOptions);
        format = settle(detection.definition, this.formatOptions);
        this.detected = true;
        this.matchRate = detection.matchRate;
      } else {
        // Nothing but blank lines: nothing to detect from, and §1 (the classic default) reads them as it always has.
        format = settle(syslogFormat, this.formatOptions);
      }
    }
    const sample = this.sample;
    this.sample = [];
    this.start(format);
    for (const s of sample) {
      if (this.mode === TEXT) this.reader!.readLine(s.text, s.line, s.offset, s.length);
      else this.hooks.replay(s.bytes, 0, s.bytes.length, s.line, s.offset, s.length);
    }
  }

  private start(format: ResolvedFormat): void {
    this.format = format;
    const { year, utcOffsetMinutes } = this.options;
    const definition = format.definition;
    // syslog: the variants share the byte path's SyslogClock (one year, one rollover count per file).
    const clock = createStampClock(definition, { year, utcOffsetMinutes, tz: this.formatOptions.tz }, this.syslogClock);
    this.hooks.settled(format);
    if (definition === syslogFormat) {
      this.reader = new FormatReader(syslogVariants.createParser(format.options), false, clock, this.hooks);
      this.mode = SYSLOG;
    } else {
      this.reader = new FormatReader(definition.createParser(format.options), definition.continuations, clock, this.hooks);
      this.mode = TEXT;
    }
  }
}
