import { combineModeSchema, featureSetSchema, profileSchema, runStatusSchema, type CombineMode, type FeatureSet, type Profile, type RunStatus } from "@/lib/domain/types";
import type { StoredFormatOptions } from "@/lib/domain/run-params";
import { parseFieldsText, parseMasksText } from "@/lib/pipeline/format-option-text";
import { openDb } from "./client";
import { DatabaseError, guardDb } from "./errors";
import { toRunRecord } from "./map-records";
import { formatOptionsSchema, writeJson, writeStored } from "./stored-json";
import type { RunRecord } from "./types";

/**
 * lib/pipeline DetectParams fits as is. "auto" means training chooses the value; until then the
 * contamination and percentile columns hold their defaults (eps stays null). Without a year the
 * year column holds the current year until training infers the log's (yearAuto).
 */
export interface RunParamsInput {
  year?: number;
  window: number;
  eps: number | "auto";
  minSamples: number;
  contamination: number | "auto";
  aePercentile: number | "auto";
  votes: number;
  epochs: number;
  seed: number;
  /** Default "seed". */
  features?: FeatureSet;
  /** Defaults "seed" and "vote": what runs meant before profiles existed. */
  profile?: Profile;
  combine?: CombineMode;
  /** The log format as asked for (default "auto") and its options in their text forms (lib/pipeline/format-params.ts). */
  format?: string;
  tz?: string;
  fields?: string;
  masks?: string;
  timeFormat?: string;
}

/** The options beside the format's name, as stored (null when none was given). */
function storedFormatOptions(params: RunParamsInput): StoredFormatOptions | null {
  const options: StoredFormatOptions = {};
  if (params.tz !== undefined) options.tz = params.tz;
  const fields = params.fields === undefined ? undefined : parseFieldsText(params.fields);
  if (fields?.ok === false) throw new DatabaseError("invalid", `Cannot store the run's --field options: ${fields.error}.`);
  if (fields?.value) options.fields = fields.value;
  const masks = params.masks === undefined ? undefined : parseMasksText(params.masks);
  if (masks) options.masks = masks;
  if (params.timeFormat !== undefined) options.timeFormat = params.timeFormat;
  return Object.keys(options).length === 0 ? null : options;
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
  // Checked here, as toRunRecord will read them: a typo from plain JS must not store an unreadable run.
  const status = writeStored(runStatusSchema, input.status ?? "queued", "the run's status");
  const features = writeStored(featureSetSchema, params.features ?? "seed", "the run's feature set");
  const profile = writeStored(profileSchema, params.profile ?? "seed", "the run's profile");
  const combine = writeStored(combineModeSchema, params.combine ?? "vote", "the run's ensemble mode");
  const options = storedFormatOptions(params);
  const formatOptions = options && writeJson(formatOptionsSchema, options, "the run's format options");
  return guardDb(
    async () => {
      const db = await openDb();
      const row = await db.run.create({
        data: {
          logFileId: input.logFileId,
          status,
          year: params.year ?? new Date().getUTCFullYear(),
          yearAuto: params.year === undefined,
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
          features,
          profile,
          combine,
          format: params.format ?? "auto",
          formatOptions,
        },
      });
      return toRunRecord(row);
    },
    { invalid: "The run could not be created: its log file does not exist." },
  );
}
