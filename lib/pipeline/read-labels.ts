import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import type { Labels } from "@/lib/detectors/types";
import { formatCount } from "@/lib/domain/format-quantities";
import { quoteInput } from "@/lib/domain/quote-input";
import { ByteLineSplitter } from "@/lib/logs/line-splitter";
import { looksBinary } from "@/lib/logs/looks-binary";
import type { RecordLocation, WindowFeatures } from "@/lib/logs/types";
import { UserInputError } from "@/lib/domain/user-input-error";
import { createPerLineLabels, createWindowStartLabels } from "./read-labels-sources";
import { parseLabelLineTime } from "./read-labels-time";

/** Ground truth for a run, read before the log is parsed and resolved to windows after. */
export interface WindowLabelSource {
  /** What the file was understood as, e.g. "window starts (409 windows)" or "per-line labels (1,203 alert lines)". */
  description: string;
  /** Called for every parsed record during extraction (only per-line labels need it). */
  onRecord?: (record: RecordLocation) => void;
  /**
   * 1 = labelled anomalous, per window (after extraction). Throws UserInputError when no labelled
   * window is among `windows`, or line counts disagree (`logLines` = lines of the log).
   */
  toLabels(windows: readonly WindowFeatures[], logLines: number): Labels;
  /** Which format the file was read as (lets a caller check the labels against a log cheaply). */
  kind?: LabelsFormat;
  /** Window starts only: the distinct labelled times (Unix seconds), ascending. */
  windowStarts?: readonly number[];
  /** Per-line labels only: the labels file's line count, which must equal the log's. */
  lineCount?: number;
}

export type LabelsFormat = "window-starts" | "per-line";

const CHUNK_BYTES = 1 << 20;
const SPACE = 32;
const TAB = 9;
const DASH = 45;

const formatsSentence =
  `expected the generator's "window_start,kind" CSV, window starts one per line (ISO-8601 or Unix seconds), ` +
  `or one label per log line whose first word is "-" on normal lines`;

/**
 * Reads a labels file, telling its format from its first non-blank line: a `window_start` header
 * or a time means window starts; anything else means one label per log line (first
 * whitespace-separated token `-` = normal, any other = alert, the rest of the line ignored, as in
 * Loghub's BGL.log). Streams, so a per-line file as large as its log is fine.
 */
export async function readLabelsFile(path: string): Promise<WindowLabelSource> {
  const name = basename(path);
  await checkLabelsFile(path, name);
  const reader = new LabelsReader(name);
  const splitter = new ByteLineSplitter(reader.addLine);
  let first = true;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) {
    const bytes = chunk as Buffer;
    if (first && looksBinary(bytes)) {
      throw new UserInputError(`${name} looks like a binary file, not a labels file: ${formatsSentence}.`);
    }
    first = false;
    splitter.push(bytes);
  }
  splitter.end();
  return reader.finish(splitter.lines);
}

async function checkLabelsFile(path: string, name: string): Promise<void> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") throw new UserInputError(`No labels file at ${path}: check the path given to --labels.`);
    throw new UserInputError(`The labels file ${path} cannot be read (${error.code ?? "unknown error"}): check its permissions.`);
  });
  if (info.isDirectory()) throw new UserInputError(`--labels ${path} is a directory: give the path of a labels file.`);
  if (info.size === 0) throw new UserInputError(`The labels file ${name} is empty: ${formatsSentence}.`);
}

class LabelsReader {
  private readonly name: string;
  private readonly decoder = new TextDecoder("utf-8");
  private format: LabelsFormat | undefined;
  private times: number[] = [];
  private alert = new Uint8Array(1 << 16);
  private alerts = 0;
  private normals = 0;

  constructor(name: string) {
    this.name = name;
  }

  readonly addLine = (bytes: Uint8Array, start: number, end: number, line: number): void => {
    if (this.format === "per-line") {
      this.addLabelLine(bytes, start, end, line);
      return;
    }
    const text = this.decoder.decode(bytes.subarray(start, end)).trim();
    if (text === "") return;
    if (this.format === undefined) {
      if (/^window_start\s*(,|$)/i.test(text)) {
        this.format = "window-starts";
        return;
      }
      this.format = parseLabelLineTime(text) === null ? "per-line" : "window-starts";
      if (this.format === "per-line") {
        this.addLabelLine(bytes, start, end, line);
        return;
      }
    }
    const time = parseLabelLineTime(text);
    if (time === null) {
      throw new UserInputError(
        `${this.name} line ${line}: ${quoteInput(text)} is not a window start; give a time such as 2025-06-14T10:31:00Z or Unix seconds such as 1749897060.`,
      );
    }
    this.times.push(time);
  };

  /** Only the first token matters, so per-line files are read on their bytes, never decoded. */
  private addLabelLine(bytes: Uint8Array, start: number, end: number, line: number): void {
    let i = start;
    while (i < end && (bytes[i] === SPACE || bytes[i] === TAB)) i++;
    if (i === end) return; // a blank line labels nothing
    if (bytes[i] === DASH && (i + 1 === end || bytes[i + 1] === SPACE || bytes[i + 1] === TAB)) {
      this.normals++;
      return;
    }
    if (line > this.alert.length) {
      const grown = new Uint8Array(Math.max(line, this.alert.length * 2));
      grown.set(this.alert);
      this.alert = grown;
    }
    this.alert[line - 1] = 1;
    this.alerts++;
  }

  finish(lines: number): WindowLabelSource {
    if (this.format === "window-starts") {
      if (this.times.length === 0) {
        throw new UserInputError(`${this.name} lists no window starts, only a header: add the anomalous windows' starts or leave out --labels.`);
      }
      return createWindowStartLabels(this.name, this.times);
    }
    // A file of first words without a single "-" is not BGL-style labels (it may be the log itself).
    if (this.format === undefined || this.normals === 0) {
      throw new UserInputError(`${this.name} is not a labels file: ${formatsSentence}.`);
    }
    if (this.alerts === 0) {
      throw new UserInputError(
        `${this.name} marks none of its ${formatCount(lines)} lines as an alert (every line starts with "-"), so there is nothing to evaluate against: leave out --labels.`,
      );
    }
    return createPerLineLabels(this.name, this.alert, lines, this.alerts);
  }
}
