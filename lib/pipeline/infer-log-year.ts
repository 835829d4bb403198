import { open, stat } from "node:fs/promises";
import { isUserInputError } from "@/lib/domain/user-input-error";
import { DETECTION_SAMPLE_LINES, detectFormat, type Detection } from "@/lib/logs/formats/detect-format";
import { checkFieldOverrides, jsonLines } from "@/lib/logs/formats/json-lines";
import { inferYear } from "@/lib/logs/formats/record-clock";
import { isAutoFormat, resolveFormat, settle, type ResolvedFormat } from "@/lib/logs/formats/registry";
import { syslogFormat } from "@/lib/logs/formats/syslog-format";
import { META, type FormatOptions, type Stamp } from "@/lib/logs/formats/types";

/**
 * The year of a log's first year-less record when `--year` is not given (docs/pipeline.md §1):
 * `inferYear` on the stamps of the file's head and tail, read with the format the extraction will
 * use. The head is the sample detection reads (DETECTION_SAMPLE_LINES non-blank lines within
 * HEAD_MAX_BYTES, as the extractor's FormatStage samples it), so `auto` settles on the same format.
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

/** Lines as the extractor splits them (on `\n`, dropping a `\r` before it). */
const splitLines = (text: string) => text.split("\n").map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));

/** The head's first lines up to DETECTION_SAMPLE_LINES non-blank ones, and the tail's whole lines after them. */
async function readEdges(path: string, size: number, withTail = true): Promise<{ head: string[]; tail: string[] }> {
  const headBytes = await readRange(path, 0, Math.min(size, HEAD_MAX_BYTES));
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const headLines = splitLines(decoder.decode(headBytes));
  // A head cut inside a line leaves half a line: not a record to trust.
  if (headBytes.length < size) headLines.pop();
  const head: string[] = [];
  let content = 0;
  let headEnd = 0;
  for (const line of headLines) {
    if (content >= DETECTION_SAMPLE_LINES) break;
    head.push(line);
    headEnd += Buffer.byteLength(line) + 1;
    if (line.trim() !== "") content++;
  }
  const tailStart = Math.max(headEnd, size - TAIL_BYTES);
  if (!withTail || tailStart >= size) return { head, tail: [] };
  const tailLines = splitLines(decoder.decode(await readRange(path, tailStart, size - tailStart)));
  // The first tail line may begin mid-line (unless the tail starts right after the head).
  if (tailStart > headEnd) tailLines.shift();
  return { head, tail: tailLines };
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
 * Reads the head and tail of `path` (of `size` bytes) and infers the year of its first year-less
 * record at `now`. Throws the formats code's UserInputError when the format cannot be settled
 * (unknown name, nothing recognisable), as the extraction itself would.
 */
export async function inferLogYear(path: string, size: number, options: FormatOptions | undefined, now = new Date()): Promise<InferredYear> {
  const { head, tail } = await readEdges(path, size);
  const settled = formatFor(head, options);
  const { format } = settled;
  const parser = format.definition.createParser(format.options);
  const stamps: Stamp[] = [];
  // One parser over head then tail: stateful formats (W3C's #Fields) carry the head's state.
  for (const line of [...head, ...tail]) {
    const verdict = parser.parseLine(line);
    if (verdict !== null && verdict !== META) stamps.push(verdict.stamp);
  }
  const yearless = stamps.some((stamp) => stamp.kind === "yearless");
  return { year: inferYear(stamps, now, options?.tz), yearless, settled };
}

/** The year a log is read with: as given, or inferred from its head and tail (the label checks before a run need it too). */
export async function yearOfLog(path: string, year: number | undefined, options: FormatOptions | undefined): Promise<number> {
  if (year !== undefined) return year;
  const { size } = await stat(path);
  return (await inferLogYear(path, size, options)).year;
}
