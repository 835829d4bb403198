import { sourceWithMark } from "@/lib/domain/analyst-marks";
import { truthWindowsSchema, type RunTruth } from "@/lib/domain/types";
import { DatabaseError, guardDb } from "./errors";
import { writeSql } from "./raw-connection";
import { forUpdate } from "./sql/dialect-sql";
import { one, run } from "./sql/sql-step";
import { readTruth } from "./map-records";
import { writeJson } from "./stored-json";

export interface MarkWindowTruthInput {
  runId: number;
  /** The window's index in the run (0-based). */
  index: number;
  /** true: the window is a real anomaly (added to the truth); false: it is normal (removed). */
  anomalous: boolean;
}

export interface MarkedTruth {
  /** The run's ground truth after the mark. */
  truth: RunTruth;
  /** False when the window already had that label (nothing was written). */
  changed: boolean;
  /** True when the run had no ground truth and this mark created it. */
  created: boolean;
}

interface TruthRow {
  status: string;
  windowCount: number | null;
  truthSource: string | null;
  truthWindows: string | null;
}

function checkMarkable(input: MarkWindowTruthInput, row: TruthRow | undefined): void {
  const { runId, index } = input;
  if (!row) throw new DatabaseError("not_found", `There is no run ${runId}.`);
  if (row.status !== "succeeded") {
    throw new DatabaseError("conflict", `Run ${runId} has no results (it is ${row.status}), so its windows cannot be marked.`);
  }
  const count = row.windowCount ?? 0;
  if (!Number.isSafeInteger(index) || index < 0 || index >= count) {
    const range = count === 0 ? "none" : `0 to ${count - 1}`;
    throw new DatabaseError("invalid", `Run ${runId} has no window ${index}: its windows are numbered ${range}.`);
  }
}

/**
 * Marks one window of a finished run as anomalous (added to Run.truthWindows) or normal (removed),
 * and counts the mark in Run.truthSource (lib/domain/analyst-marks.ts). The first mark on a run
 * without ground truth creates it. The read, the change and the write happen in one raw write
 * transaction (writeSql: BEGIN IMMEDIATE on SQLite; on PostgreSQL the raw-write advisory lock and
 * the run row's lock, dialect-sql.ts forUpdate), so marks given at the same moment (two tabs, two
 * analysts, this process or another) each see the previous one's result and none is lost, nor is
 * a labels upload written meanwhile. A mark that changes nothing writes nothing.
 */
export async function markWindowTruth(input: MarkWindowTruthInput): Promise<MarkedTruth> {
  return guardDb(() =>
    writeSql(function* (dialect) {
      const row = yield* one<TruthRow>(
        `SELECT "status", "windowCount", "truthSource", "truthWindows" FROM "Run" WHERE "id" = ?${forUpdate(dialect)}`,
        [input.runId],
      );
      checkMarkable(input, row);
      const previous = readTruth(input.runId, row as TruthRow);
      const windows = new Set(previous?.windows ?? []);
      const had = windows.has(input.index);
      if (previous && had === input.anomalous) return { truth: previous, changed: false, created: false };
      if (input.anomalous) windows.add(input.index);
      else windows.delete(input.index);
      const truth: RunTruth = { source: sourceWithMark(previous?.source ?? null), windows: [...windows].sort((a, b) => a - b) };
      yield* run(`UPDATE "Run" SET "truthSource" = ?, "truthWindows" = ? WHERE "id" = ?`, [
        truth.source,
        writeJson(truthWindowsSchema, truth.windows, "the run's ground truth"),
        input.runId,
      ]);
      return { truth, changed: true, created: previous === null };
    }),
  );
}
