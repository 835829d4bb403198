import { open } from "node:fs/promises";
import { isUserInputError } from "@/lib/domain/user-input-error";
import { DETECTION_SAMPLE_LINES, detectFormat, type Detection } from "@/lib/logs/formats/detect-format";
import { checkFieldOverrides, jsonLines } from "@/lib/logs/formats/json-lines";
import { inferYear } from "@/lib/logs/formats/record-clock";
import { isAutoFormat, resolveFormat, settle, type ResolvedFormat } from "@/lib/logs/formats/registry";
import { syslogFormat } from "@/lib/logs/formats/syslog-format";
import { META, type FormatOptions, type Stamp } from "@/lib/logs/formats/types";
import { ByteLineSplitter } from "@/lib/logs/line-splitter";

/**
 * The year of a log's first year-less record when `--year` is not given (docs/pipeline.md §1):
 * `inferYear` on the stamps of the file's head and tail, read with the format the extraction will
 * use. The head is the sample detection reads (DETECTION_SAMPLE_LINES non-blank lines within
 * HEAD_MAX_BYTES, as the extractor's FormatStage samples it), so `auto` settles on the same format.
 * The same edge stamps give the labels check its time span (lib/server/uploads/log-time-span.ts).
 */

// As format-stage.ts: detection reads at most this much of the head, whatever its line count.
const HEAD_MAX_BYTES = 8 << 20;
const TAIL_BYTES = 256 * 1024;

export interface InferredYear {
  year: number;
  /** Whether the sample held any year-less stamp; without one the year changes nothing. */
  yearless: boolean;
  /** The format the stamps were read with (detected on the head for `auto`). */
  settled: SettledFormat;
}

async function readRange(path: string, position: number, length: number): Promise<Uint8Array> {
  const file = await open(path, "r");
  try {
    const bytes = new Uint8Array(length);
    let read = 0;
    while (read < length) {
      const { bytesRead } = await file.read(bytes, read, length - read, position + read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return bytes.subarray(0, read);
  } finally {
    await file.close();
  }
}

interface EdgeLine {
  text: string;
  /** Byte offset of its first byte within the bytes split. */
  offset: number;
}

/**
 * The lines of `bytes` as the extractor splits them (line-splitter.ts: on `\n`, without the `\r`
 * before it, the file's byte order mark dropped) and decodes them (each line alone, as
 * FormatStage does). An unterminated last line is given only with `toEnd` (the bytes run to the
 * end of the file, so it is whole); otherwise it is half a line, not a record to trust.
 */
function linesOf(bytes: Uint8Array, toEnd: boolean): EdgeLine[] {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const lines: EdgeLine[] = [];
  const splitter = new ByteLineSplitter((chunk, start, end, line, offset) => {
    lines.push({ text: decoder.decode(chunk.subarray(start, end)), offset });
  });
  splitter.push(bytes);
  if (toEnd) splitter.end();
  return lines;
}

/** The head's first lines up to DETECTION_SAMPLE_LINES non-blank ones, and the tail's whole lines after them. */
async function readEdges(path: string, size: number, withTail = true): Promise<{ head: string[]; tail: string[] }> {
  const headBytes = await readRange(path, 0, Math.min(size, HEAD_MAX_BYTES));
  const wholeFile = headBytes.length === size;
  const headLines = linesOf(headBytes, wholeFile);
  const head: string[] = [];
  let content = 0;
  for (const { text } of headLines) {
    if (content >= DETECTION_SAMPLE_LINES) break;
    head.push(text);
    if (text.trim() !== "") content++;
  }
  // Byte offsets, not decoded lengths: a `\r` or a byte that is not UTF-8 would shift the tail's start.
  const headEnd = headLines[head.length]?.offset ?? (wholeFile ? size : headBytes.lastIndexOf(0x0a) + 1);
  const tailStart = Math.max(headEnd, size - TAIL_BYTES);
  if (!withTail || tailStart >= size) return { head, tail: [] };
  const tail = linesOf(await readRange(path, tailStart, size - tailStart), true).map((line) => line.text);
  // The first tail line may begin mid-line (unless the tail starts right after the head).
  if (tailStart > headEnd) tail.shift();
  return { head, tail };
}

/** A format settled on a file's head: the format, and whether and how well detection chose it. */
export interface SettledFormat {
  format: ResolvedFormat;
  detected: boolean;
  /** Detection's match rate on the head (1 when the format was named). */
  matchRate: number;
}

/** The format the extraction will read: as named, or detected on the head (as FormatStage does). */
function formatFor(head: readonly string[], options: FormatOptions | undefined): SettledFormat {
  const named = (format: ResolvedFormat) => ({ format, detected: false, matchRate: 1 });
  if (options === undefined) return named(settle(syslogFormat, {}));
  if (!isAutoFormat(options)) return named(resolveFormat(options));
  if (!head.some((line) => line.trim() !== "")) return named(settle(syslogFormat, options));
  const detection = detectWithFields(head, options);
  return { format: settle(detection.definition, options), detected: true, matchRate: detection.matchRate };
}

/**
 * detectFormat with the analyst's options. A misspelt `--field` path makes JSON unreadable to
 * detection, which would then blame the format; when the log is JSON without the overrides, the
 * field check's own sentence says what is wrong instead.
 */
function detectWithFields(head: readonly string[], options: FormatOptions): Detection {
  try {
    return detectFormat(head, options);
  } catch (error) {
    if (!isUserInputError(error) || options.fields === undefined) throw error;
    const plain = detectFormat(head, { ...options, fields: undefined });
    if (plain.definition === jsonLines) checkFieldOverrides(head, options.fields);
    throw error;
  }
}

/** Settles the format of the log at `path` from its head (detection sample), as the extraction will. */
export async function settleLogFormat(path: string, size: number, options: FormatOptions | undefined): Promise<SettledFormat & { head: string[] }> {
  const { head } = await readEdges(path, size, false);
  return { ...formatFor(head, options), head };
}

/**
 * The stamps of a log's edges, read with the format the extraction will use: every record of the
 * head (the detection sample), then every record of the tail. Shared by the year inference and the
 * labels check's time span (lib/server/uploads/log-time-span.ts), so both see the same records.
 */
export interface EdgeStamps {
  /** The format the stamps were read with (detected on the head for `auto`). */
  settled: SettledFormat;
  /** The head's records' stamps, in file order. */
  head: Stamp[];
  /**
   * The tail's records' stamps, in file order; null when the tail holds no content (the head holds
   * all of the file's non-blank lines), so the head's last record is the file's last record.
   */
  tail: Stamp[] | null;
}

/**
 * Reads the head and tail of `path` (of `size` bytes) and the stamps of their records. Throws the
 * formats code's UserInputError when the format cannot be settled (unknown name, nothing
 * recognisable), as the extraction itself would.
 */
export async function readEdgeStamps(path: string, size: number, options: FormatOptions | undefined): Promise<EdgeStamps> {
  const { head, tail } = await readEdges(path, size);
  const settled = formatFor(head, options);
  const { format } = settled;
  // One parser over head then tail: stateful formats (W3C's #Fields) carry the head's state.
  const parser = format.definition.createParser(format.options);
  const stampsOf = (lines: readonly string[]) => {
    const stamps: Stamp[] = [];
    for (const line of lines) {
      const verdict = parser.parseLine(line);
      if (verdict !== null && verdict !== META) stamps.push(verdict.stamp);
    }
    return stamps;
  };
  const headStamps = stampsOf(head);
  return { settled, head: headStamps, tail: tail.some((line) => line.trim() !== "") ? stampsOf(tail) : null };
}

/** The year inference of docs/pipeline.md §1 on a log's edge stamps (see inferYear). */
export function inferEdgesYear(edges: EdgeStamps, tz: string | undefined, now = new Date()): { year: number; yearless: boolean } {
  const stamps = [...edges.head, ...(edges.tail ?? [])];
  return { year: inferYear(stamps, now, tz), yearless: stamps.some((stamp) => stamp.kind === "yearless") };
}

/**
 * Reads the head and tail of `path` (of `size` bytes) and infers the year of its first year-less
 * record at `now`. Throws as readEdgeStamps does.
 */
export async function inferLogYear(path: string, size: number, options: FormatOptions | undefined, now = new Date()): Promise<InferredYear> {
  const edges = await readEdgeStamps(path, size, options);
  return { ...inferEdgesYear(edges, options?.tz, now), settled: edges.settled };
}
