import type { FeatureSet } from "@/lib/domain/types";
import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import { extractWindows, looksBinary } from "@/lib/logs/extract-windows";
import type { FormatOptions } from "@/lib/logs/formats/types";
import type { TemplateMinerJson } from "@/lib/logs/templates";
import type { ExtractionResult, ExtractionSummary, FormatReport, RecordLocation, TemplateCatalog, WindowFeatures } from "@/lib/logs/types";
import { UserInputError } from "@/lib/domain/user-input-error";
import { isGzip, plainLogFile } from "./gzip-log";
import { hashFile } from "./hash-file";
import { isAutoFormat } from "@/lib/logs/formats/registry";
import { inferLogYear, settleLogFormat } from "./infer-log-year";
import { noRecordsError } from "./no-records-error";
import { extractInParallel } from "./parallel-parse";
import type { WindowLineRanges } from "@/lib/logs/window-line-ranges";
import { fileChunks } from "./file-chunks";
import { templateThreadFor } from "./template-thread";

export interface ReadLogOptions {
  /** The year of the first year-less record; absent: inferred from the log (infer-log-year.ts). */
  year?: number;
  window: number;
  utcOffsetMinutes?: number;
  /** Called with the fraction of the file's bytes read so far. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** Where each record sits in the file (per-line labels). */
  onRecord?: (record: RecordLocation) => void;
  /** Gathers where each window's lines sit, for drill-down into a window's raw lines. */
  lineRanges?: WindowLineRanges;
  /** Default "seed" (the contract's eight features). */
  features?: FeatureSet;
  /** Extended features when predicting: the training run's miner, to count unseen templates. */
  trainedTemplates?: TemplateMinerJson;
  /** Which format to read (docs/pipeline.md §1b); absent: classic syslog exactly as §1, no detection. */
  formatOptions?: FormatOptions;
  /**
   * Threads to parse on (parallel-parse.ts): default the machine's cores for a log of at least
   * PARALLEL_MIN_BYTES with seed features and classic or `syslog` lines; 1 parses on this thread.
   * The result is the same either way, byte for byte.
   */
  threads?: number;
  /** Smallest log parsed on several threads (default PARALLEL_MIN_BYTES; tests lower it). */
  parallelMinBytes?: number;
}

/** How a log was read: what the CLI reports before the counts, and what models and runs record. */
export interface LogReading {
  /** The format read and how it was settled; null on the classic path (no formatOptions). */
  format: FormatReport | null;
  /** The options it was read with, the format's name as resolved (absent on the classic path). */
  formatOptions?: FormatOptions;
  /** The year of the first year-less record, as given or inferred. */
  year: number;
  /** No year was given and the log has year-less stamps: `year` was inferred (and should be said). */
  yearInferred: boolean;
}

export interface LogExtraction {
  windows: WindowFeatures[];
  summary: ExtractionSummary;
  fileSize: number;
  /**
   * SHA-256 of the bytes parsed (hex; a gzip log's text): saved models name their input. A plain
   * log is hashed on another thread from the first call on, so that a caller can run it beside
   * training instead of the parse: beside the parse, a third thread took time from the two parse
   * threads on this 2-core machine. `--profile seed` on the 10M-line bench log parsed in 9.3-11.5 s
   * with it, 8.5-8.9 s without (three alternated pairs). Predicting never asks, and never hashes.
   */
  sha256: () => Promise<string>;
  /** Extended features only: the templates found and the miner that found them. */
  templates?: TemplateCatalog;
  reading: LogReading;
}

const SNIFF_BYTES = 64 * 1024;

/**
 * The size of the file at `path`, or one sentence saying why it is not a file to read: missing, a
 * folder, unreadable (checkLogFile, and `watch` before it follows a path).
 */
export async function logFileSize(path: string): Promise<number> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new UserInputError(`${path} is a directory: give the path of a log file inside it.`);
    await (await open(path, "r")).close();
    return info.size;
  } catch (error) {
    if (error instanceof UserInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UserInputError(`No file at ${path}: check the path and try again.`);
    if (code === "EACCES") throw new UserInputError(`${path} cannot be read (permission denied): check its permissions.`);
    throw new UserInputError(`${path} cannot be read (${code ?? "unknown error"}): check that it is a regular file.`);
  }
}

/**
 * Refuses what is not a readable, non-empty text log (or gzip of one, gzip-log.ts) with a sentence
 * the analyst can act on. Answers the file's size (compressed, for gzip).
 */
export async function checkLogFile(path: string): Promise<number> {
  const name = basename(path);
  const size = await logFileSize(path);
  if (size === 0) {
    throw new UserInputError(`${name} is empty: give a log file with at least one record.`);
  }
  const handle = await open(path, "r");
  try {
    const sample = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    await handle.read(sample, 0, sample.length, 0);
    if (!isGzip(sample) && looksBinary(sample)) {
      throw new UserInputError(`${name} looks like a binary file, not a text log: give a plain-text log file, or one compressed with gzip.`);
    }
  } finally {
    await handle.close();
  }
  return size;
}

/**
 * Streams a log file through the parser, windowing and features without holding it in memory. A
 * gzip log is read from a decompressed copy (plainLogFile), removed afterwards; its hash is the
 * text's.
 */
export async function readLogFile(path: string, options: ReadLogOptions): Promise<LogExtraction> {
  await checkLogFile(path);
  const plain = await plainLogFile(path);
  try {
    if (plain.compressed && (await stat(plain.path)).size === 0) {
      throw new UserInputError(`${basename(path)} holds an empty log once decompressed: give a log with at least one record.`);
    }
    return await readPlainLog(plain.path, basename(path), options, plain.sha256);
  } finally {
    await plain.cleanup();
  }
}

/** The year and format a plain log file is read with (settleReading). */
export interface SettledReading {
  year: number;
  /** Whether the year was inferred (the CLI says which it assumed). */
  yearInferred: boolean;
  /** The format to read, `auto` replaced by the one detected; undefined: the classic syslog path. */
  formatOptions?: FormatOptions;
  /** What `auto` settled on (detected, with its match rate), or null when the format was given. */
  settled: { detected: boolean; matchRate: number } | null;
}

/**
 * Without a year, the file's head and tail say which year their stamps most likely belong to;
 * `auto` is settled on the head here too (once: the extraction then reads the format chosen).
 * The one rule for `detect`, `predict` and `watch` (on a file, or a stream's head kept in one).
 */
export async function settleReading(path: string, size: number, year: number | undefined, formatOptions: FormatOptions | undefined): Promise<SettledReading> {
  const auto = formatOptions !== undefined && isAutoFormat(formatOptions);
  const inferred = year === undefined ? await inferLogYear(path, size, formatOptions) : null;
  const settled = inferred?.settled ?? (auto ? await settleLogFormat(path, size, formatOptions) : null);
  const readOptions = settled?.detected && formatOptions ? { ...formatOptions, format: settled.format.definition.name } : formatOptions;
  return { year: year ?? inferred?.year ?? new Date().getUTCFullYear(), yearInferred: inferred?.yearless === true, formatOptions: readOptions, settled };
}

/** The parallel parse when it applies (seed features; extractInParallel says when else), or null. */
function readInParallel(
  path: string, fileSize: number, year: number, formatOptions: FormatOptions | undefined, options: ReadLogOptions,
): Promise<ExtractionResult | null> {
  const extended = options.features !== undefined && options.features !== "seed";
  if (extended || options.trainedTemplates !== undefined) return Promise.resolve(null);
  return extractInParallel(path, fileSize, {
    year,
    window: options.window,
    utcOffsetMinutes: options.utcOffsetMinutes,
    formatOptions,
    onProgress: options.onProgress ? (bytes: number) => options.onProgress?.(bytes / fileSize) : undefined,
    onRecord: options.onRecord,
    lineRanges: options.lineRanges,
    signal: options.signal,
    threads: options.threads,
    minBytes: options.parallelMinBytes,
  });
}

/** The extraction on this thread; extended features' templates are mined on another meanwhile where that pays. */
async function readOnThisThread(
  path: string, fileSize: number, year: number, formatOptions: FormatOptions | undefined, options: ReadLogOptions,
): Promise<ExtractionResult> {
  const extended = options.features !== undefined && options.features !== "seed";
  const mining = extended ? templateThreadFor(fileSize, { threads: options.threads, minBytes: options.parallelMinBytes }) : null;
  try {
    return await extractWindows(fileChunks(path), {
      year,
      window: options.window,
      utcOffsetMinutes: options.utcOffsetMinutes,
      onProgress: options.onProgress ? (bytes: number) => options.onProgress?.(bytes / fileSize) : undefined,
      signal: options.signal,
      onRecord: options.onRecord,
      lineRanges: options.lineRanges,
      features: options.features,
      trainedTemplates: options.trainedTemplates,
      templateAssigner: mining?.assigner,
      formatOptions,
      // Bounded memory: the extraction may read the file a second time (see ExtractOptions.reread).
      reread: () => fileChunks(path),
    });
  } finally {
    mining?.close();
  }
}

async function readPlainLog(path: string, name: string, options: ReadLogOptions, knownSha256: string | undefined): Promise<LogExtraction> {
  const fileSize = (await stat(path)).size;
  const { formatOptions } = options;
  const { year, yearInferred, formatOptions: readOptions, settled } = await settleReading(path, fileSize, options.year, formatOptions);
  const { windows, summary, templates } = (await readInParallel(path, fileSize, year, readOptions, options)) ?? await readOnThisThread(path, fileSize, year, readOptions, options);
  if (settled?.detected && summary.format) summary.format = { ...summary.format, detected: true, matchRate: settled.matchRate };
  if (summary.parsedLines === 0) throw noRecordsError(name, summary);
  const reading: LogReading = {
    format: summary.format ?? null,
    year,
    yearInferred,
  };
  if (formatOptions !== undefined && summary.format) reading.formatOptions = { ...formatOptions, format: summary.format.name };
  return { windows, summary, fileSize, sha256: hashOnce(path, name, fileSize, knownSha256), templates, reading };
}

/**
 * The hash of the `size` bytes parsed, known already or started on the first call (hashFile) and
 * shared by the rest. Bytes appended since are left out, as the parse left them out.
 */
function hashOnce(path: string, name: string, size: number, known: string | undefined): () => Promise<string> {
  let hashing: Promise<string> | undefined = known === undefined ? undefined : Promise.resolve(known);
  return () =>
    (hashing ??= hashFile(path, size).catch(() => {
      throw new UserInputError(`${name} was changed or removed after it was parsed: give it again, and leave it as it is while Logscope reads it.`);
    }));
}
