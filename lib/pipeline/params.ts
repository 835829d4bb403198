import { z } from "zod";
import { FEATURE_SETS } from "@/lib/domain/types";
import { checkFormatChoice, formatParamsShape } from "./format-params";

/**
 * Every tunable of a detection run, validated in one place so the CLI, the server actions and the
 * HTTP API accept and refuse exactly the same values (field names are the API's).
 */
const auto = z.literal("auto");

/** Contamination and percentile as numbers: training adds `auto`, relabelling takes them as they are. */
export const contaminationNumber = z.coerce
  .number({ error: "contamination must be a fraction such as 0.05" })
  .gt(0, "contamination must be greater than 0")
  .max(0.5, "contamination must be at most 0.5");
export const aePercentileNumber = z.coerce
  .number({ error: "autoencoder percentile must be a number such as 95" })
  .gt(0, "autoencoder percentile must be greater than 0")
  .lt(100, "autoencoder percentile must be below 100");

export const detectParamsSchema = z.object({
  year: z.coerce
    .number({ error: "year must be a number such as 2005" })
    .int("year must be a whole number")
    .min(1970, "year must be 1970 or later")
    .max(9999, "year must be 9999 or earlier")
    // Absent: inferred from the log's year-less stamps when it has any (infer-log-year.ts).
    .optional(),
  window: z.coerce
    .number({ error: "window must be a number of seconds such as 60" })
    .int("window must be a whole number of seconds")
    .min(1, "window must be at least 1 second")
    .max(604800, "window must be at most 604800 seconds (one week)")
    .default(60),
  eps: z
    .union([
      auto,
      z.coerce
        .number({ error: "eps must be a positive number such as 0.5, or auto" })
        .gt(0, "eps must be greater than 0")
        .max(1000, "eps must be at most 1000"),
    ], { error: "eps must be a number greater than 0 and at most 1000, or auto" })
    .default(0.5),
  minSamples: z.coerce
    .number({ error: "min samples must be a whole number such as 5" })
    .int("min samples must be a whole number")
    .min(1, "min samples must be at least 1")
    .max(10000, "min samples must be at most 10000")
    .default(5),
  contamination: z
    .union([auto, contaminationNumber], { error: "contamination must be a fraction greater than 0 and at most 0.5, or auto" })
    .default(0.05),
  aePercentile: z
    .union([auto, aePercentileNumber], { error: "autoencoder percentile must be a number greater than 0 and below 100, or auto" })
    .default(95),
  features: z
    .enum(FEATURE_SETS, { error: "features must be seed (the eight SPEC features) or extended (plus four template features and error-level records)" })
    .default("seed"),
  votes: z.coerce
    .number({ error: "votes must be 1, 2 or 3" })
    .int("votes must be 1, 2 or 3")
    .min(1, "votes must be 1, 2 or 3")
    .max(3, "votes must be 1, 2 or 3")
    .default(2),
  epochs: z.coerce
    .number({ error: "epochs must be a whole number such as 20" })
    .int("epochs must be a whole number")
    .min(1, "epochs must be at least 1")
    .max(1000, "epochs must be at most 1000")
    .default(20),
  seed: z.coerce
    .number({ error: "seed must be a whole number such as 42" })
    .int("seed must be a whole number")
    .min(0, "seed must be 0 or more")
    .max(4294967295, "seed must be below 2^32")
    .default(42),
  ...formatParamsShape,
});

export type DetectParamsInput = z.input<typeof detectParamsSchema>;
export type DetectParams = z.output<typeof detectParamsSchema>;
export type DetectParamKey = keyof DetectParams;

/** The parameter names, in the schema's order: forms, the API and the CLI's flags derive theirs from it. */
export const DETECT_PARAM_KEYS: readonly DetectParamKey[] = detectParamsSchema.keyof().options;

export interface ParamsCheck {
  ok: boolean;
  params?: DetectParams;
  /** One message per offending field, keyed by the field name. */
  errors: Record<string, string>;
}

/** The first message per field of a failed parse (zod reports in shape order), keyed by the field name. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[String(issue.path[0] ?? "input")] ??= issue.message;
  return errors;
}

export function checkDetectParams(input: Record<string, unknown>): ParamsCheck {
  const parsed = detectParamsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const format = checkFormatChoice(parsed.data);
  return format ? { ok: false, errors: format } : { ok: true, params: parsed.data, errors: {} };
}
