import { openDb } from "./client";
import { guardDb } from "./errors";
import { toRunRecord } from "./map-records";
import type { AnomalyCounts, RunRecord, RunStatus, RunTruth, ThresholdChoicesRecord } from "./types";

/** Fields a worker fills in as a run progresses; absent fields are left alone. */
export interface RunUpdate {
  status?: RunStatus;
  /** The eps actually used (with epsAuto, once the knee was found). */
  eps?: number;
  /** The contamination and percentile actually used (with their auto flags, once chosen). */
  contamination?: number;
  aePercentile?: number;
  thresholdChoices?: ThresholdChoicesRecord | null;
  /** Ground truth to attach (windows: anomalous window indices), or null to remove it. */
  truth?: RunTruth | null;
  stageSeconds?: Record<string, number>;
  windowCount?: number;
  counts?: AnomalyCounts;
  ifThreshold?: number;
  aeThreshold?: number;
  modelDir?: string | null;
  /** A safe, user-facing message. */
  error?: string | null;
  /** Defaults to now when status becomes succeeded, failed or cancelled. */
  finishedAt?: Date | null;
}

const FINAL: readonly RunStatus[] = ["succeeded", "failed", "cancelled"];

export async function updateRun(id: number, update: RunUpdate): Promise<RunRecord> {
  return guardDb(
    async () => {
      const db = await openDb();
      const finishedAt =
        update.finishedAt !== undefined
          ? update.finishedAt
          : update.status && FINAL.includes(update.status)
            ? new Date()
            : undefined;
      const row = await db.run.update({
        where: { id },
        data: {
          status: update.status,
          eps: update.eps,
          contamination: update.contamination,
          aePercentile: update.aePercentile,
          thresholdChoices: update.thresholdChoices === undefined ? undefined : update.thresholdChoices && JSON.stringify(update.thresholdChoices),
          truthSource: update.truth === undefined ? undefined : (update.truth?.source ?? null),
          truthWindows: update.truth === undefined ? undefined : update.truth && JSON.stringify([...update.truth.windows].sort((a, b) => a - b)),
          stageSeconds: update.stageSeconds === undefined ? undefined : JSON.stringify(update.stageSeconds),
          windowCount: update.windowCount,
          ifCount: update.counts?.isolationForest,
          dbscanCount: update.counts?.dbscan,
          aeCount: update.counts?.autoencoder,
          ensembleCount: update.counts?.ensemble,
          ifThreshold: update.ifThreshold,
          aeThreshold: update.aeThreshold,
          modelDir: update.modelDir,
          error: update.error,
          finishedAt,
        },
      });
      return toRunRecord(row);
    },
    { not_found: "The run was not found; it may have been deleted." },
  );
}
