import { z } from "zod";
import type { LabelSettingKey, ThresholdOverrides } from "@/lib/domain/types";
import { aePercentileNumber, contaminationNumber, detectParamsSchema, fieldErrors, numberField } from "./params";

/**
 * The labelling thresholds an analyst may change after training (relabel-windows.ts), validated
 * with the same rules and messages as the training parameters. Every field is optional: an absent
 * one keeps the run's own value. Unlike training, nothing can be "auto" here: relabelling moves a
 * threshold the analyst chose, the run keeps what `auto` chose at training.
 */
const shape = detectParamsSchema.shape;

// Keyed by the domain's label settings (`satisfies`), so a threshold added there must be validated
// here. Messages come in this order when several fields are wrong.
export const thresholdParamsSchema = z.object({
  // numberField, as training's eps: text is read as a number, a boolean or an array is refused.
  eps: numberField("eps must be a positive number such as 0.5", (n) => n.gt(0, "eps must be greater than 0").max(1000, "eps must be at most 1000")).optional(),
  minSamples: shape.minSamples.unwrap().optional(),
  contamination: contaminationNumber.optional(),
  aePercentile: aePercentileNumber.optional(),
  votes: shape.votes.unwrap().optional(),
} satisfies Record<LabelSettingKey, z.ZodType>);

export interface ThresholdCheck {
  ok: boolean;
  params?: ThresholdOverrides;
  /** One message per offending field, keyed by the field name. */
  errors: Record<string, string>;
}

/** Drops fields that are absent, null or blank, so a form's empty input means "keep the default". */
export function withoutBlankFields(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).filter(([, v]) => v !== undefined && v !== null && !(typeof v === "string" && v.trim() === "")),
  );
}

/** The thresholds among `input`'s fields; other fields (paging, names) are left out by the schema. */
export function checkThresholdParams(input: Record<string, unknown>): ThresholdCheck {
  const parsed = thresholdParamsSchema.safeParse(withoutBlankFields(input));
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const params: ThresholdOverrides = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  return { ok: true, params, errors: {} };
}
