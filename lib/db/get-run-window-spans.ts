import { guardDb } from "./errors";
import { decodeLineRanges } from "./line-ranges";
import { withReadConnection } from "./raw-connection";
import { windowCell } from "./stored-json";
import type { LineRange } from "./types";

/** Where each window of a run sits in time and in the stored upload, in window order. */
export interface WindowSpan {
  start: number;
  end: number;
  lineRanges: LineRange[];
}

/** Every window's start, end and line ranges (mapping ground truth onto a finished run). */
export async function getRunWindowSpans(runId: number): Promise<WindowSpan[]> {
  return guardDb(() =>
    withReadConnection((db) => {
      const rows = db
        .prepare(`SELECT "index", "start", "end", "lineRanges" FROM "Window" WHERE "runId" = ? ORDER BY "index"`)
        .raw()
        .all(runId) as [number, number | bigint, number | bigint, string | null][];
      return rows.map(([index, start, end, ranges]) => ({
        start: Number(start),
        end: Number(end),
        lineRanges: decodeLineRanges(ranges, windowCell(runId, index, "lineRanges")),
      }));
    }),
  );
}
