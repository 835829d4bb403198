import { z } from "zod";
import { aePercentileNumber, contaminationNumber, detectParamsSchema } from "./params";

/**
 * The labelling thresholds an analyst may change after training (relabel-windows.ts), validated
 * with the same rules and messages as the training parameters. Every field is optional: an absent
 * one keeps the run's own value. Unlike training, nothing can be "auto" here: relabelling moves a
 * threshold the analyst chose, the run keeps what `auto` chose at training.
 */
const shape = detectParamsSchema.shape;

export const THRESHOLD_FIELDS = ["eps", "minSamples", "contamination", "aePercentile", "votes"] as const;
export type ThresholdField = (typeof THRESHOLD_FIELDS)[number];

export const thresholdParamsSchema = z.object({
  eps: z.coerce
    .number({ error: "eps must be a positive number such as 0.5" })
    .gt(0, "eps must be greater than 0")
    .max(1000, "eps must be at most 1000")
    .optional(),
  minSamples: shape.minSamples.unwrap().optional(),
  contamination: contaminationNumber.optional(),
  aePercentile: aePercentileNumber.optional(),
  votes: shape.votes.unwrap().optional(),
});

export type ThresholdParams = z.output<typeof thresholdParamsSchema>;

export interface ThresholdCheck {
  ok: boolean;
  params?: ThresholdParams;
  /** One message per offending field, keyed by the field name. */
  errors: Record<string, string>;
}

/** Drops fields that are absent, null or blank, so a form's empty input means "keep the default". */
export function withoutBlankFields(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).filter(([, v]) => v !== undefined && v !== null && !(typeof v === "string" && v.trim() === "")),
  );
}

export function checkThresholdParams(input: Record<string, unknown>): ThresholdCheck {
  const picked = Object.fromEntries(THRESHOLD_FIELDS.map((k) => [k, input[k]]));
  const parsed = thresholdParamsSchema.safeParse(withoutBlankFields(picked));
  if (parsed.success) {
    const params = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as ThresholdParams;
    return { ok: true, params, errors: {} };
  }
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? "input");
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}
