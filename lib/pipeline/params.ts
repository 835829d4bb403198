import { z } from "zod";
import { DEFAULT_PROFILE, PROFILE_DEFAULTS } from "@/lib/domain/profiles";
import { COMBINE_MODES, FEATURE_SETS, PROFILES, type Profile } from "@/lib/domain/types";
import { checkFormatChoice, formatParamsShape } from "./format-params";

/**
 * Every tunable of a detection run, validated in one place so the CLI, the server actions and the
 * HTTP API accept and refuse exactly the same values (field names are the API's).
 */
const auto = z.literal("auto");

/** What a JSON value is, for a sentence: "text", "a number", "a boolean", "an array", "an object", "null". */
export function jsonKindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") return "text";
  if (typeof value === "number") return "a number";
  if (typeof value === "boolean") return "a boolean";
  return typeof value === "object" ? "an object" : "a value of another type";
}

/**
 * A field's type message, completed with what was sent when that was not text or a number
 * ("votes must be the number 1, 2 or 3, not a boolean"), so a JSON client sees its mistake.
 */
export function typeMessage(message: string): (issue: { input?: unknown }) => string {
  return (issue) => (typeof issue.input === "string" || typeof issue.input === "number" ? message : `${message}, not ${jsonKindOf(issue.input)}`);
}

/**
 * A numeric parameter. Text (forms, query strings, the CLI's flags) is read as z.coerce reads it
 * and numbers (JSON, stored runs) are taken as they are; anything else is refused with `message`
 * and what was sent. z.coerce alone would read true as 1, [5] as 5 and null as 0.
 */
export function numberField(message: string, rules: (number: z.ZodNumber) => z.ZodNumber = (number) => number) {
  return z.union([z.number(), z.string()], { error: typeMessage(message) }).pipe(rules(z.coerce.number({ error: message })));
}

/** Contamination and percentile as numbers: training adds `auto`, relabelling takes them as they are. */
export const contaminationNumber = numberField("contamination must be a fraction such as 0.05", (n) =>
  n.gt(0, "contamination must be greater than 0").max(0.5, "contamination must be at most 0.5"),
);
export const aePercentileNumber = numberField("autoencoder percentile must be a number such as 95", (n) =>
  n.gt(0, "autoencoder percentile must be greater than 0").lt(100, "autoencoder percentile must be below 100"),
);

export const detectParamsSchema = z.object({
  /** Which defaults filled the parameters not given (PROFILE_DEFAULTS); parsing alone applies none. */
  profile: z.enum(PROFILES, { error: typeMessage(`profile must be ${PROFILES.join(" or ")}`) }).default(DEFAULT_PROFILE),
  year: numberField("year must be a number such as 2005", (n) =>
    n.int("year must be a whole number").min(1970, "year must be 1970 or later").max(9999, "year must be 9999 or earlier"),
  )
    // Absent: inferred from the log's year-less stamps when it has any (infer-log-year.ts).
    .optional(),
  window: numberField("window must be a number of seconds such as 60", (n) =>
    n
      .int("window must be a whole number of seconds")
      .min(1, "window must be at least 1 second")
      .max(604800, "window must be at most 604800 seconds (one week)"),
  ).default(60),
  eps: z
    .union([
      auto,
      numberField("eps must be a positive number such as 0.5, or auto", (n) =>
        n.gt(0, "eps must be greater than 0").max(1000, "eps must be at most 1000"),
      ),
    ], { error: typeMessage("eps must be a number greater than 0 and at most 1000, or auto") })
    .default(0.5),
  minSamples: numberField("min samples must be a whole number such as 5", (n) =>
    n.int("min samples must be a whole number").min(1, "min samples must be at least 1").max(10000, "min samples must be at most 10000"),
  ).default(5),
  contamination: z
    .union([auto, contaminationNumber], { error: typeMessage("contamination must be a fraction greater than 0 and at most 0.5, or auto") })
    .default(0.05),
  aePercentile: z
    .union([auto, aePercentileNumber], { error: typeMessage("autoencoder percentile must be a number greater than 0 and below 100, or auto") })
    .default(95),
  features: z
    .enum(FEATURE_SETS, {
      error: typeMessage("features must be seed (the eight standard features) or extended (plus four template features and error-level records)"),
    })
    .default("seed"),
  votes: numberField("votes must be the number 1, 2 or 3", (n) =>
    n.int("votes must be 1, 2 or 3").min(1, "votes must be 1, 2 or 3").max(3, "votes must be 1, 2 or 3"),
  ).default(2),
  combine: z
    .enum(COMBINE_MODES, { error: typeMessage("combine must be vote (at least votes detectors agree) or score (one combined score above a cut)") })
    .default("vote"),
  epochs: numberField("epochs must be a whole number such as 20", (n) =>
    n.int("epochs must be a whole number").min(1, "epochs must be at least 1").max(1000, "epochs must be at most 1000"),
  ).default(20),
  seed: numberField("seed must be a whole number such as 42", (n) =>
    n.int("seed must be a whole number").min(0, "seed must be 0 or more").max(4294967295, "seed must be below 2^32"),
  ).default(42),
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

export { DEFAULT_PROFILE };

/** `input` with the named (or default) profile's values where the caller gave none; explicit values win. */
export function withProfile(input: Record<string, unknown>): Record<string, unknown> {
  const named = input.profile === undefined ? DEFAULT_PROFILE : input.profile;
  // An unknown profile (or null, or a number) is left for the schema to refuse with its sentence.
  if (typeof named !== "string" || !(PROFILES as readonly string[]).includes(named)) return input;
  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  return { ...PROFILE_DEFAULTS[named as Profile], profile: named, ...given };
}

export function checkDetectParams(input: Record<string, unknown>): ParamsCheck {
  const parsed = detectParamsSchema.safeParse(withProfile(input));
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const format = checkFormatChoice(parsed.data);
  return format ? { ok: false, errors: format } : { ok: true, params: parsed.data, errors: {} };
}
