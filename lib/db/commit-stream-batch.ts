import type { StreamCheckpoint } from "@/lib/domain/stream-types";
import { DatabaseError, guardDb } from "./errors";
import { appendWindowsStep, type InsertWindowsInput } from "./insert-windows";
import { writeSql } from "./raw-connection";
import { one, run } from "./sql/sql-step";

export interface StreamBatch {
  streamId: number;
  runId: number;
  /** The windows that closed since the last batch, scored, in time order (absent: none closed). */
  windows?: Omit<InsertWindowsInput, "runId" | "replace">;
  /** Where a restart picks up once this batch is stored. */
  checkpoint: StreamCheckpoint;
  /** The HTTP client's sequence number this batch acknowledges. */
  lastSeq?: number;
  /** A file source's position in the file it follows. */
  source?: { file: string; offset: number };
  /** The stream ends with this batch: state stopped, its run succeeded. */
  stop?: boolean;
}

export interface StreamBatchResult {
  /** Index of the first window stored by this batch (the run's window count before it). */
  firstIndex: number;
  stored: number;
}

const bit = (v: number | undefined) => (v ? 1 : 0);

/**
 * Stores what a stream did since its last commit, in one transaction: the windows that closed
 * (appended after the run's windows), the run's counts, the log file's size, and the checkpoint.
 * A crash before it leaves the previous checkpoint whole, which is what makes a restart lose and
 * duplicate nothing. Refused (`conflict`) once the stream was stopped or deleted.
 */
export async function commitStreamBatch(batch: StreamBatch): Promise<StreamBatchResult> {
  const { checkpoint: c, windows } = batch;
  const n = windows?.windows.length ?? 0;
  const counts = { if: 0, db: 0, ae: 0, ens: 0 };
  for (let i = 0; i < n && windows; i++) {
    counts.if += bit(windows.labels.isolationForest[i]);
    counts.db += bit(windows.labels.dbscan[i]);
    counts.ae += bit(windows.labels.autoencoder[i]);
    counts.ens += bit(windows.labels.ensemble[i]);
  }
  return guardDb(
    () =>
      writeSql(function* () {
        const state = yield* one<{ state: string; windowCount: number | null; logFileId: number }>(
          `SELECT s."state" AS "state", r."windowCount" AS "windowCount", r."logFileId" AS "logFileId" FROM "Stream" s JOIN "Run" r ON r."id" = s."runId" WHERE s."id" = ? AND r."id" = ?`,
          [batch.streamId, batch.runId],
        );
        if (!state || state.state !== "live") throw new DatabaseError("conflict", `Stream ${batch.streamId} is not live any more.`);
        const firstIndex = Number(state.windowCount ?? 0);
        const stored = windows && n > 0 ? yield* appendWindowsStep({ ...windows, runId: batch.runId }, firstIndex) : 0;
        const finished = batch.stop ? new Date() : null;
        yield* run(
          `UPDATE "Run" SET "windowCount" = ?, "ifCount" = COALESCE("ifCount", 0) + ?, "dbscanCount" = COALESCE("dbscanCount", 0) + ?, ` +
            `"aeCount" = COALESCE("aeCount", 0) + ?, "ensembleCount" = COALESCE("ensembleCount", 0) + ?` +
            (finished ? `, "status" = 'succeeded', "finishedAt" = ?` : ``) +
            ` WHERE "id" = ?`,
          [firstIndex + stored, counts.if, counts.db, counts.ae, counts.ens, ...(finished ? [finished] : []), batch.runId],
        );
        yield* run(`UPDATE "LogFile" SET "size" = ?, "lines" = ?, "unparsedLines" = ? WHERE "id" = ?`, [c.bytes, c.lines, c.unparsedLines, state.logFileId]);
        yield* run(
          `UPDATE "Stream" SET "bytes" = ?, "lines" = ?, "unparsedLines" = ?, "replayOffset" = ?, "replayLine" = ?, "closedBefore" = ?, "lateRecords" = ?` +
            (batch.lastSeq !== undefined ? `, "lastSeq" = ?` : ``) +
            (batch.source ? `, "sourceFile" = ?, "sourceOffset" = ?` : ``) +
            (finished ? `, "state" = 'stopped', "stoppedAt" = ?` : ``) +
            ` WHERE "id" = ?`,
          [
            c.bytes, c.lines, c.unparsedLines, c.replayOffset, c.replayLine, c.closedBefore, c.lateRecords,
            ...(batch.lastSeq !== undefined ? [batch.lastSeq] : []),
            ...(batch.source ? [batch.source.file, batch.source.offset] : []),
            ...(finished ? [finished] : []),
            batch.streamId,
          ],
        );
        return { firstIndex, stored };
      }),
    { conflict: `Stream ${batch.streamId} is not live any more.`, invalid: "The stream's windows could not be stored: a value is missing." },
  );
}
