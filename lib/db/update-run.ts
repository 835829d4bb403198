import {
  isFinished,
  runStatusSchema,
  scoreEnsembleStateSchema,
  thresholdChoicesSchema,
  truthWindowsSchema,
  type AnomalyCounts,
  type RunStatus,
  type RunTruth,
  type ScoreEnsembleState,
  type ThresholdChoices,
} from "@/lib/domain/types";
import { openDb } from "./client";
import { guardDb } from "./errors";
import { toRunRecord } from "./map-records";
import { stageSecondsSchema, writeJson, writeStored } from "./stored-json";
import type { RunRecord } from "./types";

/** Fields a worker fills in as a run progresses; absent fields are left alone. */
export interface RunUpdate {
  status?: RunStatus;
  /** The eps actually used (with epsAuto, once the knee was found). */
  eps?: number;
  /** The contamination and percentile actually used (with their auto flags, once chosen). */
  contamination?: number;
  aePercentile?: number;
  /** The year training placed the log's first year-less record in (with yearAuto, once inferred). */
  year?: number;
  /** Whether training inferred the year from year-less stamps (runs without a year). */
  yearInferred?: boolean;
  /** The format training read (auto's choice, or the one asked for). */
  detectedFormat?: string | null;
  thresholdChoices?: ThresholdChoices | null;
  /** The score-level ensemble's cut and calibration, fitted at training. */
  scoreEnsemble?: ScoreEnsembleState | null;
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

/** The JSON and enum columns, checked by the schemas toRunRecord reads them with (undefined = leave alone). */
function storedColumns(update: RunUpdate) {
  const { truth } = update;
  return {
    status: update.status === undefined ? undefined : writeStored(runStatusSchema, update.status, "the run's status"),
    thresholdChoices:
      update.thresholdChoices === undefined
        ? undefined
        : update.thresholdChoices && writeJson(thresholdChoicesSchema, update.thresholdChoices, "the run's threshold choices"),
    scoreEnsemble:
      update.scoreEnsemble === undefined
        ? undefined
        : update.scoreEnsemble && writeJson(scoreEnsembleStateSchema, update.scoreEnsemble, "the run's score ensemble"),
    truthSource: truth === undefined ? undefined : (truth?.source ?? null),
    truthWindows:
      truth === undefined ? undefined : truth && writeJson(truthWindowsSchema, [...truth.windows].sort((a, b) => a - b), "the run's ground truth"),
    stageSeconds: update.stageSeconds === undefined ? undefined : writeJson(stageSecondsSchema, update.stageSeconds, "the run's stage times"),
  };
}

export async function updateRun(id: number, update: RunUpdate): Promise<RunRecord> {
  const stored = storedColumns(update);
  return guardDb(
    async () => {
      const db = await openDb();
      const finishedAt =
        update.finishedAt !== undefined
          ? update.finishedAt
          : update.status && isFinished(update.status)
            ? new Date()
            : undefined;
      const row = await db.run.update({
        where: { id },
        data: {
          ...stored,
          eps: update.eps,
          contamination: update.contamination,
          aePercentile: update.aePercentile,
          year: update.year,
          yearInferred: update.yearInferred,
          detectedFormat: update.detectedFormat,
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
