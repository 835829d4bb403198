import type { FormatOptions } from "./formats/types";
import { FEATURE_SETS, type FeatureSet } from "@/lib/domain/types";
import type { WindowLineRanges } from "./window-line-ranges";
import type { TemplateMinerJson } from "./templates/types";
import type { TemplateAssignerFactory } from "./message-templates";
import type { TemplateLines } from "./template-lines";

/** One syslog record (docs/pipeline.md §1). `ts` is Unix seconds, UTC unless a zone offset was given. */
export interface LogRecord {
  ts: number;
  host: string;
  process: string;
  pid: number | null;
  message: string;
  /** The severity as written (docs/pipeline.md §1b); absent or "" where the format has none. */
  level?: string;
}

/** Order of the eight seed features everywhere: CSV columns, scaler columns, model inputs (docs/pipeline.md §3). */
export const FEATURE_NAMES = [
  "event_count",
  "unique_messages",
  "distinct_hosts",
  "distinct_processes",
  "avg_msg_length",
  "failed_auth_count",
  "invalid_user_count",
  "entropy_tokens",
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

/**
 * The "extended" set (issue #5): the eight seed features, then four about log templates (Drain, see
 * templates/) and error words, all counted per window:
 * - `distinct_templates`: distinct template ids among the window's lines.
 * - `rare_template_lines`: lines whose template is rare in this log, i.e. has at most
 *   `rareLineThreshold(parsed lines)` lines in the whole log (see template-features.ts).
 * - `unseen_template_lines`: lines whose message the training run's miner matches to no template
 *   (0 without `trainedTemplates`: training data has seen all its own templates).
 * - `error_keyword_lines`: lines whose message holds an error word (error-keywords.ts).
 * - `error_level_lines`: records whose level is error or worse (error-level.ts); 0 in every window
 *   of a format without levels (classic syslog), where the keyword count above is the only signal.
 *   Last, so a model trained before it existed reads the first twelve columns unchanged.
 */
export const EXTENDED_FEATURE_NAMES = [
  ...FEATURE_NAMES,
  "distinct_templates",
  "rare_template_lines",
  "unseen_template_lines",
  "error_keyword_lines",
  "error_level_lines",
] as const;

export type ExtendedFeatureName = (typeof EXTENDED_FEATURE_NAMES)[number];


/** Column names of a feature set, in the order of `WindowFeatures.values`. */
export function featureNamesFor(set: FeatureSet): readonly string[] {
  if (set === "seed") return FEATURE_NAMES;
  if (set === "extended") return EXTENDED_FEATURE_NAMES;
  throw new RangeError(`Unknown feature set "${String(set)}"; known: ${FEATURE_SETS.join(", ")}`);
}

/** One tumbling window that holds at least one record (docs/pipeline.md §2). */
export interface WindowFeatures {
  /** Unix seconds, aligned to the epoch: start = ts - (ts mod window). */
  start: number;
  end: number;
  /** The features in `featureNamesFor(set)` order: eight for "seed", thirteen for "extended". */
  values: number[];
  /**
   * Extended only: the template ids of the window's lines, ascending, then how many lines have each
   * (the counts sum to event_count; template-lines.ts). Ids are those of `ExtractionResult.templates`:
   * live templates of the final miner, merged word variants counted under the template they joined.
   */
  templates?: TemplateLines;
  /** Extended only: the hosts with alert lines in this window, and how many (host-tails.ts). */
  hostAlerts?: HostAlertLines;
}

/**
 * A window's alert lines per host: for each host with any, the larger of its lines with an error
 * word and its lines with an error level (what error_keyword_lines and error_level_lines count for
 * all hosts together). Hosts by name, ascending by their first appearance in the log.
 */
export interface HostAlertLines {
  hosts: readonly string[];
  lines: Int32Array;
}

/** Extended only: the templates mined from one extraction. */
export interface TemplateCatalog {
  /**
   * The miner after this extraction (what a trained model saves, to judge "unseen" later). Each
   * distinct message was mined once, so its group counts are distinct messages; lines are in `entries`.
   */
  miner: TemplateMinerJson;
  /**
   * One entry per live template (not merged into another; windows count merged ones under it), by
   * id; `template` is its final text, `example` the first message mined into it.
   */
  entries: { id: number; template: string; lines: number; windows: number; example: string }[];
  /** A template is rare when its line count in this log is <= this. */
  rareLineThreshold: number;
}

export interface ParseOptions {
  /** Year of the first record; BSD syslog lines carry none. */
  year: number;
  /** Offset of the log's time zone from UTC in minutes (0 = UTC). */
  utcOffsetMinutes?: number;
}

export interface WindowOptions {
  /** Window length in seconds (default 60). */
  window: number;
}

/** What a streamed extraction reports besides the windows. */
export interface ExtractionSummary {
  lines: number;
  parsedLines: number;
  unparsedLines: number;
  /** First few unparsed lines (with 1-based line numbers), for display. */
  unparsedSamples: { line: number; text: string }[];
  bytes: number;
  /** Earliest and latest record timestamps (Unix seconds), null when no line parsed. */
  minTimestamp: number | null;
  maxTimestamp: number | null;
  /** Times the year was incremented because the month went backwards by more than 6. */
  yearRollovers: number;
  /** Present when the extraction was given formatOptions. */
  format?: FormatReport;
}

/** One line that matched the syslog pattern (docs/pipeline.md §1), before the year is known. */
export interface ParsedLine {
  /** 0 = Jan ... 11 = Dec. */
  month: number;
  /** Day of month as written (1-31). */
  day: number;
  /** hh*3600 + mm*60 + ss as written in the line. */
  secondsOfDay: number;
  host: string;
  /** `proc` without the `[pid]`, e.g. `sshd(pam_unix)`. */
  process: string;
  pid: number | null;
  message: string;
}

/** Where a line sits in the byte stream, so a caller can re-read it later. */
export interface LineLocation {
  /** 1-based line number. */
  line: number;
  /** Byte offset of the first byte of the line in the stream. */
  offset: number;
  /** Bytes of the line, excluding its `\n` or `\r\n` terminator. */
  length: number;
}

/** A run of consecutive lines of a log that belong to one window (window-line-ranges.ts). */
export interface LineRange {
  /** 1-based number of the first line. */
  firstLine: number;
  lineCount: number;
  /** Byte offset of the first line's first byte. */
  offset: number;
  /** Bytes from `offset` to the end of the last line, excluding its terminator. */
  length: number;
}

/** Reported for every parsed record when `onRecord` is given. */
export interface RecordLocation extends LineLocation {
  /** Unix seconds (UTC). */
  ts: number;
  /** Start of the window the record was counted in. */
  windowStart: number;
}

/** Reported for every line that is not a record when `onUnparsed` is given. */
export interface UnparsedLine extends LineLocation {
  text: string;
}

export interface ExtractOptions extends ParseOptions, WindowOptions {
  /** Called after each chunk with the bytes consumed so far. */
  onProgress?: (bytesRead: number) => void;
  /** Called for each parsed record; costs nothing when absent. */
  onRecord?: (record: RecordLocation) => void;
  /** Gathers where each window's lines are (drill-down) without a call per record as onRecord makes. */
  lineRanges?: WindowLineRanges;
  /** Called for each line that does not match the syslog pattern. */
  onUnparsed?: (line: UnparsedLine) => void;
  /** How many unparsed lines the summary keeps for display (default 20). */
  maxUnparsedSamples?: number;
  /** Longer lines keep only their first this-many bytes of text (default 1 MiB, at most 4 MiB); offsets stay exact. */
  maxLineBytes?: number;
  /** Checked between chunks; extraction rejects with `signal.reason` once aborted. */
  signal?: AbortSignal;
  /** Which features each window gets (default "seed", the eight of docs/pipeline.md §3). */
  features?: FeatureSet;
  /**
   * Extended only, for prediction: the training run's miner (`TemplateCatalog.miner`); lines whose
   * message it matches to no template count as `unseen_template_lines`.
   */
  trainedTemplates?: TemplateMinerJson;
  /**
   * Extended only (extractWindows): where templates are assigned. Absent: on this thread as the
   * chunks come (MessageTemplates); lib/pipeline gives one that mines on another thread meanwhile.
   */
  templateAssigner?: TemplateAssignerFactory;
  /**
   * Which format to read (docs/pipeline.md §1b; `lib/logs/formats`). Absent: classic syslog exactly as
   * docs/pipeline.md §1 (the path the golden files pin). `{ format: "auto" }` detects it from a sample.
   */
  formatOptions?: FormatOptions;
  /**
   * Bounded memory (extractWindows only): the same bytes again, from the start. Given, windows idle
   * for a while are finished early and the messages only they held forgotten (extraction-epochs.ts);
   * if a record comes for a window already finished, the log is read once more to count the windows
   * that happened to, so the result is the same as without it, bit for bit.
   */
  reread?: () => AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /**
   * Bounded memory's sizes (tests make them tiny): see DEFAULT_EPOCH_MESSAGES, DEFAULT_IDLE_RECORDS
   * and (extended features) DEFAULT_FINGERPRINT_GENERATION.
   */
  epochs?: { messages?: number; idleRecords?: number; fingerprints?: number };
  /**
   * Streaming (`npm run watch`, seed features): the caller takes windows out as they close
   * (LogExtractor.takeWindows) and ends the input with endInput; memory is bounded as with `reread`,
   * but no window is closed for being idle and nothing is read twice.
   */
  streaming?: boolean;
}

/** How a file's format was settled, reported with every extraction that was given formatOptions. */
export interface FormatReport {
  /** The format read, as `--format` would name it (`syslog`, `json`, `loghub:HDFS`, a template). */
  name: string;
  /** Whether auto-detection chose it. */
  detected: boolean;
  /** Share of the detection sample's content lines that parsed as records (1 when not detected). */
  matchRate: number;
  /** Lines joined to the record above (stack traces, indented lines). */
  continuationLines: number;
  /** Structural lines that are neither records nor unparsed (W3C `#Fields:` directives). */
  metaLines: number;
}

export interface ExtractionResult {
  /** Non-empty windows sorted by start. */
  windows: WindowFeatures[];
  summary: ExtractionSummary;
  /** Extended only: the templates behind the window's template features. */
  templates?: TemplateCatalog;
}
