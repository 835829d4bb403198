import type { FeatureSet } from "@/lib/domain/types";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import { extractWindows, looksBinary } from "@/lib/logs/extract-windows";
import type { TemplateMinerJson } from "@/lib/logs/templates";
import type { ExtractionSummary, RecordLocation, TemplateCatalog, WindowFeatures } from "@/lib/logs/types";
import { UserInputError } from "@/lib/domain/user-input-error";
import { hashFile } from "./hash-file";

export interface ReadLogOptions {
  year: number;
  window: number;
  utcOffsetMinutes?: number;
  /** Called with the fraction of the file's bytes read so far. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  /** Where each record sits in the file (for drill-down into a window's raw lines). */
  onRecord?: (record: RecordLocation) => void;
  /** Default "seed" (the contract's eight features). */
  features?: FeatureSet;
  /** Extended features when predicting: the training run's miner, to count unseen templates. */
  trainedTemplates?: TemplateMinerJson;
}

export interface LogExtraction {
  windows: WindowFeatures[];
  summary: ExtractionSummary;
  fileSize: number;
  /** SHA-256 of the file's bytes (hex), computed while streaming: saved models name their input. */
  sha256: string;
  /** Extended features only: the templates found and the miner that found them. */
  templates?: TemplateCatalog;
}

// Large reads: the splitter is Buffer-based, so fewer, bigger chunks mean fewer boundary copies.
const CHUNK_BYTES = 1 << 20;
const SNIFF_BYTES = 64 * 1024;

/** Refuses what is not a readable, non-empty text log with a sentence the analyst can act on. */
export async function checkLogFile(path: string): Promise<number> {
  const name = basename(path);
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw new UserInputError(`${path} is a directory: give the path of a log file inside it.`);
    }
    size = info.size;
  } catch (error) {
    if (error instanceof UserInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new UserInputError(`No file at ${path}: check the path and try again.`);
    if (code === "EACCES") throw new UserInputError(`${path} cannot be read (permission denied): check its permissions.`);
    throw new UserInputError(`${path} cannot be read (${code ?? "unknown error"}): check that it is a regular file.`);
  }
  if (size === 0) {
    throw new UserInputError(`${name} is empty: give a log file with at least one syslog line.`);
  }
  const handle = await open(path, "r");
  try {
    const sample = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    await handle.read(sample, 0, sample.length, 0);
    if (looksBinary(sample)) {
      throw new UserInputError(
        `${name} looks like a binary file, not a text log: give a plain-text syslog file (decompress .gz archives first).`,
      );
    }
  } finally {
    await handle.close();
  }
  return size;
}

/** Streams a log file through the parser, windowing and features without holding it in memory. */
export async function readLogFile(path: string, options: ReadLogOptions): Promise<LogExtraction> {
  const fileSize = await checkLogFile(path);
  // Hashing runs on the other core while this one parses.
  const sha256 = hashFile(path);
  sha256.catch(() => undefined);
  const { windows, summary, templates } = await extractWindows(createReadStream(path, { highWaterMark: CHUNK_BYTES }), {
    year: options.year,
    window: options.window,
    utcOffsetMinutes: options.utcOffsetMinutes,
    onProgress: options.onProgress ? (bytes: number) => options.onProgress?.(bytes / fileSize) : undefined,
    signal: options.signal,
    onRecord: options.onRecord,
    features: options.features,
    trainedTemplates: options.trainedTemplates,
  });
  if (summary.parsedLines === 0) {
    const example = summary.unparsedSamples[0]?.text.slice(0, 80) ?? "";
    throw new UserInputError(
      `No line of ${basename(path)} is a syslog record (expected lines like "Jun 14 15:16:01 host sshd[123]: message"` +
        (example ? `, first line was "${example}"` : "") +
        `): check the file's format.`,
    );
  }
  return { windows, summary, fileSize, sha256: await sha256, templates };
}
