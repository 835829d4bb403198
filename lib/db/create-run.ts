import { openDb } from "./client";
import { guardDb } from "./errors";
import { toRunRecord } from "./map-records";
import type { RunRecord, RunStatus } from "./types";

/** lib/pipeline DetectParams fits as is; eps "auto" means it is chosen during training. */
export interface RunParamsInput {
  year: number;
  window: number;
  eps: number | "auto";
  minSamples: number;
  contamination: number;
  aePercentile: number;
  votes: number;
  epochs: number;
  seed: number;
}

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
          contamination: params.contamination,
          aePercentile: params.aePercentile,
          votes: params.votes,
          epochs: params.epochs,
          seed: BigInt(params.seed),
        },
      });
      return toRunRecord(row);
    },
    { invalid: "The run could not be created: its log file does not exist." },
  );
}
