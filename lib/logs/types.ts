/** One syslog record (SPEC §1). `ts` is Unix seconds, UTC unless a zone offset was given. */
export interface LogRecord {
  ts: number;
  host: string;
  process: string;
  pid: number | null;
  message: string;
}

/** Order of the eight seed features everywhere: CSV columns, scaler columns, model inputs (SPEC §3). */
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

/** One tumbling window that holds at least one record (SPEC §2). */
export interface WindowFeatures {
  /** Unix seconds, aligned to the epoch: start = ts - (ts mod window). */
  start: number;
  end: number;
  /** The eight features in FEATURE_NAMES order. */
  values: number[];
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
}

/** One line that matched the syslog pattern (SPEC §1), before the year is known. */
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
  /** Called for each line that does not match the syslog pattern. */
  onUnparsed?: (line: UnparsedLine) => void;
  /** How many unparsed lines the summary keeps for display (default 20). */
  maxUnparsedSamples?: number;
  /** Longer lines keep only their first this-many bytes of text (default 1 MiB, at most 4 MiB); offsets stay exact. */
  maxLineBytes?: number;
  /** Checked between chunks; extraction rejects with `signal.reason` once aborted. */
  signal?: AbortSignal;
}

export interface ExtractionResult {
  /** Non-empty windows sorted by start. */
  windows: WindowFeatures[];
  summary: ExtractionSummary;
}
