import { lineRangesSchema, readJson, type StoredCell, writeJson } from "./stored-json";
import type { LineRange } from "./types";

/**
 * Where a window's lines sit in the stored upload, for drill-down. Stored per window as JSON
 * `[[firstLine, lineCount, byteOffset, byteLength], ...]`: consecutive lines of a window merge into
 * one range, so a time-ordered log (the usual case) costs one short tuple per window, about 25
 * bytes, however many lines the window holds, and reading it back is a single positioned read of
 * `byteLength` bytes split on line breaks. Out-of-order records still work, one tuple per gap.
 * JSON rather than a packed BLOB keeps it readable in the sqlite3 shell; size only grows with
 * disorder.
 */

type Tuple = [number, number, number, number];

/** Null for no ranges; throws (DatabaseError "invalid") when a value is not a whole, non-negative number. */
export function encodeLineRanges(ranges: readonly LineRange[]): string | null {
  if (ranges.length === 0) return null;
  return writeJson(lineRangesSchema, ranges.map((r): Tuple => [r.firstLine, r.lineCount, r.offset, r.length]), "the line ranges of a window");
}

/** NULL reads as no ranges; damaged text throws the `corrupt` DatabaseError naming `cell`. */
export function decodeLineRanges(text: string | null, cell: StoredCell): LineRange[] {
  const tuples = readJson(lineRangesSchema, text, cell) ?? [];
  return tuples.map(([firstLine, lineCount, offset, length]) => ({ firstLine, lineCount, offset, length }));
}

/** One parsed line as the extractor reports it (lib/logs RecordLocation has these fields). */
export interface LocatedRecord {
  /** 1-based line number. */
  line: number;
  offset: number;
  /** Bytes of the line without its terminator. */
  length: number;
  windowStart: number;
}

/**
 * Gathers the line ranges of every window while a log is being extracted: pass `add` as the
 * extractor's `onRecord`, then read the ranges per window start.
 */
export class LineRangeCollector {
  private readonly byWindow = new Map<number, LineRange[]>();

  readonly add = (record: LocatedRecord): void => {
    let ranges = this.byWindow.get(record.windowStart);
    if (!ranges) {
      ranges = [];
      this.byWindow.set(record.windowStart, ranges);
    }
    const last = ranges[ranges.length - 1];
    // Merge only the very next line number, so a range never spans a line of another window or an
    // unparsed line.
    if (last && record.line === last.firstLine + last.lineCount && record.offset >= last.offset + last.length) {
      last.lineCount += 1;
      last.length = record.offset + record.length - last.offset;
    } else {
      ranges.push({ firstLine: record.line, lineCount: 1, offset: record.offset, length: record.length });
    }
  };

  rangesFor(windowStart: number): LineRange[] {
    return this.byWindow.get(windowStart) ?? [];
  }

  /** Drops a window's ranges (a live stream stored the window). */
  forget(windowStart: number): void {
    this.byWindow.delete(windowStart);
  }

  /** Ranges for each window in order, ready for insertWindows({ lineRanges }). */
  rangesForWindows(windows: readonly { start: number }[]): LineRange[][] {
    return windows.map((w) => this.rangesFor(w.start));
  }
}
