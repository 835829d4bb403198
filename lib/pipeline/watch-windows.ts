import { UserInputError } from "@/lib/domain/user-input-error";
import { DETECTION_SAMPLE_LINES } from "@/lib/logs/formats/detect-format";
import type { FormatOptions } from "@/lib/logs/formats/types";
import { LogExtractor } from "@/lib/logs/log-extractor";
import type { ExtractionSummary, RecordLocation, UnparsedLine, WindowFeatures } from "@/lib/logs/types";
import type { DetectorModels } from "./detector-models";
import { noRecordsError } from "./no-records-error";
import { windowsForModel } from "./predict-log";
import { scoreWindows } from "./score-windows";
import type { WindowResults } from "./types";

/**
 * `npm run watch`: a log arriving in chunks, cut into the saved model's windows, each window scored
 * when it closes, by the same path `predict` takes (LogExtractor's parse and features, then
 * scoreWindows with the model's scaler, detectors and thresholds). Without late records the closed
 * windows are exactly predict's windows of the same bytes.
 *
 * A window [start, end) closes when a record arrives whose time is past end + lateness. A record
 * for a window that has closed (written, or closed before its first record came) is late: counted,
 * never merged, so a written row never changes.
 */

export interface WatchWindowsOptions {
  /** The file's name, for the sentence refusing a log with no record. */
  name: string;
  year: number;
  /** The format read (predictionFormat: the model's, with the options given); absent: classic syslog. */
  formatOptions?: FormatOptions;
  /** Seconds a window stays open past its end; default one window length. */
  lateness?: number;
  /** Called for each late record (the CLI reports them, rate-limited). */
  onLate?: (record: RecordLocation) => void;
  /** Called for each record that went into an open window (a live stream gathers its line ranges). */
  onAccepted?: (record: RecordLocation) => void;
  /** Called for each line that is not a record (a live stream notes how far its lines were read). */
  onUnparsed?: (line: UnparsedLine) => void;
  /** Windows starting before this (Unix seconds) closed before: a resumed live stream's checkpoint. */
  closedBefore?: number;
  /**
   * Refuse a log whose first lines hold no record (the CLI's one sentence). A live source passes
   * false: it reports unmatched lines and keeps running.
   */
  refuseUnmatched?: boolean;
}

/** What decides whether a model can score windows as they close: its features and how its ensemble flags. */
export interface StreamableModelFacts {
  features: string;
  combine: string;
  /** The model's combined score has feature tails (runs trained since lib/detectors/feature-tails.ts). */
  tails: boolean;
}

/**
 * Why a model cannot score a window as it closes, as the middle of a sentence ("The model in X
 * <reason>, so ..."), or null when it can. The one rule for `watch` and for live streams.
 * - Extended features: rare_template_lines counts templates over the whole log.
 * - Flagging by the combined score: its feature tails weigh each window with the 2 after it
 *   (feature-tails.ts). A vote run shows that score but does not flag by it, so it streams.
 */
export function unstreamableReason(model: StreamableModelFacts): string | null {
  if (model.features === "extended") return "uses extended features, whose rare_template_lines counts templates over the whole log";
  if (model.combine === "score" && model.tails) return "flags windows by the combined score, which weighs each window with the 2 after it";
  return null;
}

/** Refuses, in one sentence, a model that cannot score windows one at a time as they close. */
export function checkStreamableModel(models: DetectorModels, modelDir: string): void {
  const { features, params, scoreEnsemble } = models.meta;
  const reason = unstreamableReason({ features, combine: params.combine, tails: scoreEnsemble?.tails !== undefined });
  if (reason) {
    throw new UserInputError(`The model in ${modelDir} ${reason}, so a stream cannot score it as predict does: train a model with --profile seed to watch a log.`);
  }
}

export class WatchWindows {
  /** Records that came for a window already closed. */
  late = 0;
  /** Windows scored so far. */
  windowsScored = 0;
  private readonly models: DetectorModels;
  private readonly options: WatchWindowsOptions;
  private readonly extractor: LogExtractor;
  private readonly window: number;
  private readonly lateness: number;
  // Windows starting before this have closed; the latest record time seen.
  private firstOpen = -Infinity;
  private watermark = -Infinity;
  private closed: WindowFeatures[] = [];
  private checked = false;

  constructor(models: DetectorModels, options: WatchWindowsOptions) {
    this.models = models;
    this.options = options;
    this.window = models.meta.params.window;
    this.lateness = options.lateness ?? this.window;
    this.firstOpen = options.closedBefore ?? -Infinity;
    this.extractor = new LogExtractor({
      year: options.year,
      window: this.window,
      features: "seed",
      formatOptions: options.formatOptions,
      streaming: true,
      onRecord: (record) => this.onRecord(record),
      onUnparsed: options.onUnparsed,
    });
  }

  /** Reads a chunk; answers the windows it closed, scored (null when none closed). */
  push(chunk: Uint8Array): WindowResults | null {
    this.extractor.push(chunk);
    // As predict refuses a log with no record: refused once a detection sample's worth of lines was
    // read and none was a record (lines still held by a format, as a long stack trace, are neither).
    if (!this.checked && this.options.refuseUnmatched !== false) {
      const summary = this.extractor.summary();
      if (summary.parsedLines > 0) this.checked = true;
      else if (summary.unparsedLines >= DETECTION_SAMPLE_LINES) this.checkRecords(summary);
    }
    return this.takeClosed();
  }

  /** Ends the input: every open window closes. Answers them scored, and the extraction's counts. */
  end(): { results: WindowResults | null; summary: ExtractionSummary } {
    const summary = this.extractor.endInput();
    if (this.options.refuseUnmatched !== false) this.checkRecords(summary);
    this.closed.push(...this.extractor.takeWindows(Infinity));
    return { results: this.takeClosed(), summary };
  }

  private checkRecords(summary: ExtractionSummary): void {
    this.checked = true;
    if (summary.parsedLines === 0 && summary.lines > 0) throw noRecordsError(this.options.name, summary);
  }

  private takeClosed(): WindowResults | null {
    if (this.closed.length === 0) return null;
    const windows = windowsForModel(this.closed, this.models.meta.featureNames.length);
    this.closed = [];
    this.windowsScored += windows.length;
    return scoreWindows(this.models, windows);
  }

  private onRecord(record: RecordLocation): void {
    if (record.windowStart < this.firstOpen) {
      this.late++;
      // The grouper passed the record over (its window was taken out), or opened its window for it
      // just now (the window had closed before any record came): take that one out unwritten.
      this.extractor.takeWindows(this.firstOpen);
      this.options.onLate?.(record);
      return;
    }
    this.options.onAccepted?.(record);
    this.advanceWatermark(record.ts);
  }

  /** Windows starting before this have closed (null before any closed). */
  get closedBefore(): number | null {
    return Number.isFinite(this.firstOpen) ? this.firstOpen : null;
  }

  /** The extraction's counts so far. */
  summary(): ExtractionSummary {
    return this.extractor.summary();
  }

  /**
   * Closes what a record stamped `ts` would close, without one: a live source's time moves on while
   * no line comes. Answers the windows it closed, scored (null when none).
   */
  advanceTo(ts: number): WindowResults | null {
    this.advanceWatermark(ts);
    return this.takeClosed();
  }

  private advanceWatermark(ts: number): void {
    if (ts <= this.watermark) return;
    this.watermark = ts;
    const before = ts - this.window - this.lateness;
    // Window starts are multiples of the window: the first one not before `before` stays open.
    const firstOpen = Math.ceil(before / this.window) * this.window;
    if (firstOpen <= this.firstOpen) return;
    this.firstOpen = firstOpen;
    this.closed.push(...this.extractor.takeWindows(firstOpen));
  }
}
