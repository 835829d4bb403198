import { openDb } from "./client";
import { guardDb } from "./errors";
import { toRunRecord } from "./map-records";
import type { RunFeatureSet, RunRecord, RunStatus } from "./types";

/**
 * lib/pipeline DetectParams fits as is. "auto" means training chooses the value; until then the
 * contamination and percentile columns hold their defaults (eps stays null).
 */
export interface RunParamsInput {
  year: number;
  window: number;
  eps: number | "auto";
  minSamples: number;
  contamination: number | "auto";
  aePercentile: number | "auto";
  votes: number;
  epochs: number;
  seed: number;
  /** Default "seed". */
  features?: RunFeatureSet;
}

/** Stored in place of an `auto` value until training records the chosen one (the CLI's defaults). */
export const AUTO_PLACEHOLDER = { contamination: 0.05, aePercentile: 95 } as const;

export interface CreateRunInput {
  logFileId: number;
  params: RunParamsInput;
  /** Default "queued" (a job will run it); the CLI may record a finished run directly. */
  status?: RunStatus;
}

export async function createRun(input: CreateRunInput): Promise<RunRecord> {
  const { params } = input;
  return guardDb(
    async () => {
      const db = await openDb();
      const row = await db.run.create({
        data: {
          logFileId: input.logFileId,
          status: input.status ?? "queued",
          year: params.year,
          window: params.window,
          eps: params.eps === "auto" ? null : params.eps,
          epsAuto: params.eps === "auto",
          minSamples: params.minSamples,
          contamination: params.contamination === "auto" ? AUTO_PLACEHOLDER.contamination : params.contamination,
          contaminationAuto: params.contamination === "auto",
          aePercentile: params.aePercentile === "auto" ? AUTO_PLACEHOLDER.aePercentile : params.aePercentile,
          aePercentileAuto: params.aePercentile === "auto",
          votes: params.votes,
          epochs: params.epochs,
          seed: BigInt(params.seed),
          features: params.features ?? "seed",
        },
      });
      return toRunRecord(row);
    },
    { invalid: "The run could not be created: its log file does not exist." },
  );
}
