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
