import { open } from "node:fs/promises";
import { ByteLineSplitter } from "@/lib/logs/line-splitter";
import { parseLine } from "@/lib/logs/parse-line";

/** Where a window's records sit in a log file (lib/db LineRange has these fields). */
export interface WindowLineRange {
  /** 1-based number of the first line. */
  firstLine: number;
  lineCount: number;
  /** Byte offset of the first line's first byte. */
  offset: number;
  /** Bytes from `offset` to the end of the last line, without its terminator. */
  length: number;
}

export interface WindowLine {
  /** 1-based line number in the file. */
  line: number;
  text: string;
  /** True for a line inside the window's span that is not a syslog record. */
  unparsed: boolean;
}

export interface WindowLines {
  lines: WindowLine[];
  /** True when the window has more lines than `maxLines` (only the first ones are returned). */
  truncated: boolean;
}

export interface ReadWindowLinesOptions {
  /** Default 5000. */
  maxLines?: number;
  /** Text kept per line (default 10,000 characters); longer lines are cut. */
  maxLineChars?: number;
}

const CHUNK_BYTES = 1 << 20;

/**
 * A window's raw lines in file order, read from the log by the window's byte ranges: one pass
 * from the first range's offset to the end of the last, in chunks. Lines of the window come back
 * as they are; lines in between that are not syslog records (docs/pipeline.md §1) are included and marked
 * unparsed; records of other windows in between (out-of-order logs) are skipped.
 */
export async function readWindowLines(
  path: string,
  ranges: readonly WindowLineRange[],
  options: ReadWindowLinesOptions = {},
): Promise<WindowLines> {
  const maxLines = options.maxLines ?? 5000;
  const maxLineChars = options.maxLineChars ?? 10_000;
  const sorted = [...ranges].filter((r) => r.lineCount > 0).sort((a, b) => a.offset - b.offset);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) return { lines: [], truncated: false };

  const lines: WindowLine[] = [];
  let truncated = false;
  let rangeAt = 0;
  const decoder = new TextDecoder("utf-8");
  const lineOffset = first.firstLine - 1;
  const onLine = (bytes: Uint8Array, start: number, end: number, relativeLine: number) => {
    if (truncated) return;
    const line = lineOffset + relativeLine;
    while (rangeAt < sorted.length && line >= sorted[rangeAt]!.firstLine + sorted[rangeAt]!.lineCount) rangeAt++;
    const range = sorted[rangeAt];
    const inWindow = range !== undefined && line >= range.firstLine;
    const text = decoder.decode(bytes.subarray(start, end)).slice(0, maxLineChars);
    if (!inWindow && parseLine(text) !== null) return; // a record of another window
    if (lines.length >= maxLines) {
      truncated = true;
      return;
    }
    lines.push({ line, text, unparsed: !inWindow });
  };
  const splitter = new ByteLineSplitter(onLine, { maxLineBytes: maxLineChars * 4 });

  const end = last.offset + last.length;
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, Math.max(end - first.offset, 1)));
    for (let position = first.offset; position < end && !truncated; ) {
      const want = Math.min(buffer.length, end - position);
      const { bytesRead } = await handle.read(buffer, 0, want, position);
      if (bytesRead === 0) break; // the file is shorter than recorded
      // The splitter copies only an unfinished last line, so the buffer can be reused.
      splitter.push(buffer.subarray(0, bytesRead));
      position += bytesRead;
    }
    if (!truncated) splitter.end();
  } finally {
    await handle.close();
  }
  return { lines, truncated };
}
