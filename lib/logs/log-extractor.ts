import { ByteLineSplitter } from "./line-splitter";
import { ClassicLineReader } from "./classic-line-reader";
import { SyslogClock } from "./syslog-clock";
import type { ExtractOptions, ExtractionResult, ExtractionSummary, WindowFeatures } from "./types";
import { MessageTemplates, type TemplateAssigner, type TemplateAssignerFactory } from "./message-templates";
import { TextRecordInterner } from "./text-record-interner";
import { ErrorLevelTest } from "./error-level";
import { resolveFeatureSet } from "./window-features";
import { WindowGrouper } from "./window-grouper";
import { ExtractionEpochs } from "./extraction-epochs";
import { TallyScratch, finishTallies, tallyWindow, type WindowTally } from "./template-features";
import { createSyslogClockFor, MAX_MESSAGE_CHARS } from "./formats/format-reader";
import { FormatStage } from "./formats/format-stage";
import { UnparsedLines } from "./unparsed-lines";
import type { RecordFields } from "./formats/types";
import { rangeParts, type RangeParts, type RangeStart } from "./range-extraction";

/**
 * How many messages may wait for their templates on another thread before the parse waits for it:
 * about 3 MB of syslog-sized texts in flight, so memory stays bounded when mining is the slower.
 */
export const MAX_PENDING_TEMPLATES = 1 << 15;

const assignHere: TemplateAssignerFactory = (trained, masks) => new MessageTemplates(trained, masks);

/** What a second pass over a log counts again (see WindowGrouper), and the first pass's templates. */
interface SecondPass {
  only: ReadonlyMap<number, number>;
  templates: MessageTemplates | null;
}

/**
 * Streaming extraction (docs/pipeline.md §1-3) for callers that feed chunks themselves: `push` each chunk in
 * file order, then `finish` once. Lines are read by ClassicLineReader (the §1 path).
 * With `formatOptions` (§1b), a FormatStage reads the other formats; syslog keeps this byte path.
 * With `reread`, memory is bounded (ExtractionEpochs): use `extractWindows` (extract-windows.ts),
 * which makes the second pass that may need.
 */
export class LogExtractor {
  private readonly options: ExtractOptions;
  private readonly splitter: ByteLineSplitter;
  private readonly clock: SyslogClock;
  private readonly grouper: WindowGrouper;
  // Null without formatOptions: then every line takes the classic path below, exactly as before.
  private readonly formats: FormatStage | null = null;
  private readonly textRecords: TextRecordInterner;
  // Levels come only from FormatStage records; the §1 byte path has none (error_level_lines = 0).
  private readonly errorLevel = new ErrorLevelTest();
  // Extended features only: each new message gets its template after the chunk that brought it.
  // With formatOptions it is made once the format (whose masks mining applies) is settled.
  private templates: TemplateAssigner | null = null;
  // Bounded memory only (options.reread, or a second pass).
  private readonly epochs: ExtractionEpochs | null;
  // Extended features are mined here (not a second pass): no compaction before the miner exists.
  private readonly mines: boolean;
  private readonly classic: ClassicLineReader;
  private readonly unparsed: UnparsedLines;
  private parsed = 0;
  private minTs = Infinity;
  private maxTs = -Infinity;
  private finished = false;
  private takeScratch: TallyScratch | null = null;
  private readonly hostAlerts: boolean;

  /**
   * `pass`: internal, the second pass of extractWindows. `range`: the bytes pushed are a range of a
   * file that starts past its first byte (range-extraction.ts; finish with `finishRange`).
   */
  constructor(options: ExtractOptions, pass?: SecondPass, range?: RangeStart) {
    this.options = options;
    const formatOptions = options.formatOptions;
    this.clock = formatOptions?.tz === undefined ? new SyslogClock(options) : createSyslogClockFor({ ...options, tz: formatOptions.tz });
    if (range?.clock) this.clock.resume(range.clock);
    this.classic = new ClassicLineReader(this.clock);
    const bounded = options.reread !== undefined || options.streaming === true || pass !== undefined || range !== undefined;
    // Streaming: windows close by time (takeWindows), never for being idle, so compaction keeps them all.
    const epochs = options.streaming === true ? { ...options.epochs, idleRecords: Infinity } : options.epochs;
    this.epochs = bounded ? new ExtractionEpochs(epochs) : null;
    // A second pass gives messages the ids the first gave them, so it reuses its templates as they are.
    const extended = resolveFeatureSet(options.features) === "extended" && pass === undefined;
    // Whole-extraction message ids (memory per distinct message) only where templates are mined.
    const globalIds = extended || (pass !== undefined && pass.templates !== null);
    const fingerprintGeneration = options.epochs?.fingerprints;
    this.grouper = new WindowGrouper(
      options.window,
      pass === undefined ? { bounded, globalIds, fingerprintGeneration, keepFirst: range?.edgeRecords } : { only: pass.only, globalIds, fingerprintGeneration },
    );
    // Extended features count alert lines per host, in a second pass too (the host tails).
    this.grouper.hostAlerts = this.hostAlerts = resolveFeatureSet(options.features) === "extended";
    this.textRecords = new TextRecordInterner(this.grouper.vocabulary);
    this.mines = extended;
    if (pass !== undefined) this.templates = pass.templates;
    const assigner = options.templateAssigner ?? assignHere;
    if (extended && formatOptions === undefined) this.templates = assigner(options.trainedTemplates, []);
    this.unparsed = new UnparsedLines(options);
    this.splitter = new ByteLineSplitter(
      (bytes, start, end, line, offset, length) => this.handleLine(bytes, start, end, line, offset, length),
      { maxLineBytes: options.maxLineBytes, startOffset: range?.offset },
    );
    if (formatOptions !== undefined) {
      this.formats = new FormatStage(options, formatOptions, this.clock, {
        record: (fields, ts, line, offset, length) => this.addRecord(fields, ts, line, offset, length),
        unparsed: (text, line, offset, length) => this.unparsed.addText(text, line, offset, length),
        replay: (bytes, start, end, line, offset, length) => this.handleLine(bytes, start, end, line, offset, length),
        settled: (format) => {
          if (extended) this.templates = assigner(options.trainedTemplates, format.masks);
        },
      });
    }
  }

  /** Bytes pushed so far. */
  get bytesRead(): number {
    return this.splitter.bytes;
  }

  push(chunk: Uint8Array): void {
    if (this.finished) throw new Error("LogExtractor.push called after finish");
    this.splitter.push(chunk);
    // Mining as the chunks come keeps progress reports honest; the result is the same at the end.
    this.assignTemplates();
    // Extended features compact once the miner exists (with formatOptions, once the format is settled).
    if (!this.mines || this.templates !== null) this.epochs?.maybeCompact(this.grouper, this.templates);
    this.epochs?.resolveReady(this.templates);
  }

  /**
   * Templates mined on another thread (ExtractOptions.templateAssigner): what to await before the
   * next push when more than MAX_PENDING_TEMPLATES messages are in flight, else null.
   */
  templatesBehind(): Promise<void> | null {
    const templates = this.templates;
    if (templates === null || templates.pending <= MAX_PENDING_TEMPLATES) return null;
    return templates.settle(MAX_PENDING_TEMPLATES >> 1);
  }

  /** Ends the input and waits until every message has its template (before finish or a second pass). */
  async completeTemplates(): Promise<void> {
    this.end();
    this.assignTemplates();
    if (this.templates !== null) this.templates = await this.templates.complete();
    this.epochs?.resolveReady(this.templates);
  }

  /** Ends the input and gives the windows. Throws when a bounded extraction needs its second pass (extractWindows makes it). */
  finish(): ExtractionResult {
    if (this.grouper.late.size > 0) throw new Error("LogExtractor: windows came back after they were closed; extractWindows reads the log again for them");
    return this.result(this.tallies());
  }

  /** Bounded: the windows a second pass must count again, or null when none. */
  secondPassWindows(): ReadonlyMap<number, number> | null {
    this.end();
    return this.grouper.late.size === 0 ? null : this.grouper.secondPass();
  }

  /** An extractor for the second pass over the same bytes, counting `only` windows. */
  secondPass(only: ReadonlyMap<number, number>): LogExtractor {
    const { onRecord: _r, lineRanges: _l, onUnparsed: _u, onProgress: _p, ...options } = this.options;
    const templates = this.finalTemplates();
    // Ids retired on the way (a log of more distinct messages than a fingerprint generation): the
    // second pass cannot give messages the first pass's ids, so it matches them to templates.
    const retired = this.grouper.vocabulary.messages.oldestId > 0;
    return new LogExtractor(options, { only, templates: retired && templates !== null ? templates.matching() : templates });
  }

  /** `finish` with the late windows as `second` (fed the same bytes) counted them. */
  finishWith(second: LogExtractor): ExtractionResult {
    const late = this.grouper.late;
    return this.result([...this.tallies().filter((t) => !late.has(t.start)), ...second.tallies()]);
  }

  /** A range's windows, summary and clock at its end (see RangeStart); seed features only. */
  finishRange(edgeRecords: number): RangeParts {
    if (this.templates !== null) throw new Error("LogExtractor.finishRange: extended features need the whole log");
    const late = this.secondPassWindows() !== null;
    return rangeParts(this.grouper, this.epochs?.closed ?? [], edgeRecords, late, this.summary(), this.clock.rolloverState);
  }

  /**
   * Streaming (options.streaming, seed features): the running windows that start before `before`,
   * finished as `finish` finishes them and taken out; a record for one of them later is passed over.
   */
  takeWindows(before: number): WindowFeatures[] {
    if (this.templates !== null) throw new Error("LogExtractor.takeWindows: extended features need the whole log");
    const messages = this.grouper.vocabulary.messages;
    const scratch = (this.takeScratch ??= new TallyScratch());
    const tallies = this.grouper.closeBefore(before).map((acc) => tallyWindow(acc, messages, null, scratch));
    return finishTallies(tallies, this.grouper.window, null).windows;
  }

  /** Streaming: ends the input (a last line without newline, a record a format held back) and gives the counts so far. */
  endInput(): ExtractionSummary {
    this.end();
    return this.summary();
  }

  private end(): void {
    if (this.finished) return;
    this.splitter.end();
    this.formats?.finish();
    this.finished = true;
  }

  private assignTemplates(): void {
    const templates = this.templates;
    if (templates === null) return;
    const messages = this.grouper.vocabulary.messages;
    const exact = !(templates instanceof MessageTemplates && templates.matches);
    if (this.grouper.only !== null && exact && messages.size > templates.size) throw new Error("the second pass found messages the first did not");
    templates.assignNew(messages);
  }

  /** The templates once all are assigned here (completeTemplates, for an assigner elsewhere). */
  private finalTemplates(): MessageTemplates | null {
    const templates = this.templates;
    if (templates === null || templates instanceof MessageTemplates) return templates;
    throw new Error("LogExtractor: templates assigned on another thread need completeTemplates before the windows are finished");
  }

  /** Tallies of every window: those closed on the way and the running ones. */
  private tallies(): WindowTally[] {
    this.end();
    this.assignTemplates();
    const messages = this.grouper.vocabulary.messages;
    const scratch = new TallyScratch();
    const templates = this.finalTemplates();
    const open = this.grouper.sortedWindows().map((acc) => tallyWindow(acc, messages, templates, scratch, this.grouper.vocabulary));
    return this.epochs === null ? open : [...this.epochs.closed, ...open];
  }

  private result(tallies: WindowTally[]): ExtractionResult {
    if (this.epochs !== null) tallies.sort((a, b) => a.start - b.start);
    const { windows, templates } = finishTallies(tallies, this.grouper.window, this.finalTemplates());
    const result: ExtractionResult = { windows, summary: this.summary() };
    if (templates !== undefined) result.templates = templates;
    return result;
  }

  private handleLine(bytes: Uint8Array, start: number, end: number, line: number, offset: number, length: number): void {
    const formats = this.formats;
    if (formats !== null && formats.route(bytes, start, end, line, offset, length)) return;
    const classic = this.classic;
    if (!classic.read(bytes, start, end, this.grouper.vocabulary)) {
      if (formats !== null) formats.readRejected(bytes, start, end, line, offset, length);
      else this.unparsed.addBytes(bytes, start, end, line, offset, length);
      return;
    }
    const ts = classic.ts;
    this.parsed++;
    if (ts < this.minTs) this.minTs = ts;
    if (ts > this.maxTs) this.maxTs = ts;
    const windowStart = this.grouper.add(ts, classic.hostId, classic.processId, classic.messageId);
    if (this.hostAlerts) this.grouper.countAlerts(classic.hostId, classic.messageId, false);
    this.locate(line, offset, length, ts, windowStart);
  }

  /** A record from a FormatStage (its seconds already worked out), counted as the byte path counts its own. */
  private addRecord(fields: RecordFields, ts: number, line: number, offset: number, length: number): void {
    const message = fields.message.length > MAX_MESSAGE_CHARS ? fields.message.slice(0, MAX_MESSAGE_CHARS) : fields.message;
    const ids = this.textRecords;
    ids.intern(fields.host, fields.process, message);
    this.parsed++;
    if (ts < this.minTs) this.minTs = ts;
    if (ts > this.maxTs) this.maxTs = ts;
    const windowStart = this.grouper.add(ts, ids.hostId, ids.processId, ids.messageId);
    this.grouper.countAlerts(ids.hostId, ids.messageId, fields.level !== "" && this.errorLevel.test(fields.level));
    this.locate(line, offset, length, ts, windowStart);
  }

  /** Where a counted record sits, to those who asked (onRecord, lineRanges). */
  private locate(line: number, offset: number, length: number, ts: number, windowStart: number): void {
    if (this.options.onRecord !== undefined) this.options.onRecord({ line, offset, length, ts, windowStart });
    if (this.options.lineRanges !== undefined) this.options.lineRanges.add(line, offset, length, windowStart);
  }

  /** The counts so far (the summary `finish` gives at the end). */
  summary(): ExtractionSummary {
    const summary: ExtractionSummary = {
      lines: this.splitter.lines,
      parsedLines: this.parsed,
      unparsedLines: this.unparsed.count,
      unparsedSamples: this.unparsed.samples(),
      bytes: this.splitter.bytes,
      minTimestamp: this.parsed > 0 ? this.minTs : null,
      maxTimestamp: this.parsed > 0 ? this.maxTs : null,
      yearRollovers: this.formats === null ? this.clock.yearRollovers : this.formats.yearRollovers,
    };
    const formats = this.formats;
    return formats === null ? summary : { ...summary, format: formats.report() };
  }
}
