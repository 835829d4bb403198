import { guardDb } from "./errors";
import { decodeLineRanges } from "./line-ranges";
import { readSql } from "./raw-connection";
import { arrays } from "./sql/sql-step";
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
    readSql(function* () {
      const rows = (yield* arrays(`SELECT "index", "start", "end", "lineRanges" FROM "Window" WHERE "runId" = ? ORDER BY "index"`, [runId])) as [
        number,
        number | bigint,
        number | bigint,
        string | null,
      ][];
      return rows.map(([index, start, end, ranges]) => ({
        start: Number(start),
        end: Number(end),
        lineRanges: decodeLineRanges(ranges, windowCell(runId, index, "lineRanges")),
      }));
    }),
  );
}
