import { z } from "zod";
import { WINDOW_FILTERS, WINDOW_SORTS, type SortDirection, type WindowFilter, type WindowSort } from "@/lib/db/list-windows";
import type { LabelSettings } from "@/lib/db/types";
import { checkDetectParams, type DetectParams } from "@/lib/pipeline/params";
import { checkThresholdParams, type ThresholdParams, withoutBlankFields } from "@/lib/pipeline/threshold-params";
import { ServiceError } from "./service-error";

/** The field names of a run's parameters, as forms and the API send them. */
export const PARAM_FIELDS = ["year", "window", "eps", "minSamples", "contamination", "aePercentile", "votes", "epochs", "seed", "features"] as const;

/** One sentence out of per-field messages: "Votes must be 1, 2 or 3; eps must be greater than 0." */
export function summarizeErrors(errors: Record<string, string>): string {
  const text = Object.values(errors).join("; ");
  return text ? `${text.charAt(0).toUpperCase()}${text.slice(1)}.` : "The request is not valid.";
}

export function invalidInput(errors: Record<string, string>): ServiceError {
  return new ServiceError(400, summarizeErrors(errors), errors);
}

/** A run or window id from a URL segment or form field; anything else is "no such run". */
export function parseId(raw: unknown, what = "run"): number {
  const text = String(raw ?? "").trim();
  const id = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(id) || id < (what === "window" ? 0 : 1)) throw new ServiceError(404, `There is no ${what} ${text || "without an id"}.`);
  return id;
}

/** Training parameters from form fields or a query (blank fields take their defaults). */
export function parseDetectFields(fields: Record<string, unknown>): DetectParams {
  const picked = Object.fromEntries(PARAM_FIELDS.map((k) => [k, fields[k]]));
  const check = checkDetectParams(withoutBlankFields(picked));
  if (!check.ok || !check.params) throw invalidInput(check.errors);
  return check.params;
}

/** Labelling thresholds as relabelling takes them: numbers only. */
export type ThresholdOverrides = Partial<LabelSettings>;

/**
 * Optional labelling thresholds (eps, minSamples, contamination, aePercentile, votes). `auto` is a
 * training choice: relabelling a finished run needs the numbers themselves.
 */
export function parseThresholdFields(fields: Record<string, unknown>): ThresholdOverrides {
  const check = checkThresholdParams(fields);
  if (!check.ok || !check.params) throw invalidInput(check.errors);
  return numericThresholds(check.params);
}

function numericThresholds(params: ThresholdParams): ThresholdOverrides {
  const errors: Record<string, string> = {};
  const out: ThresholdOverrides = {};
  for (const [key, value] of Object.entries(params) as [keyof LabelSettings, unknown][]) {
    if (value === undefined) continue;
    if (typeof value === "number") out[key] = value;
    else errors[key] = `${key === "aePercentile" ? "autoencoder percentile" : key} must be a number when relabelling a trained run (auto is chosen at training)`;
  }
  if (Object.keys(errors).length > 0) throw invalidInput(errors);
  return out;
}

export const queryFields = (url: string | URL): Record<string, string> =>
  Object.fromEntries(new URL(url).searchParams.entries());

const windowQuerySchema = z.object({
  page: z.coerce.number({ error: "page must be a whole number" }).int("page must be a whole number").min(1, "page must be 1 or more").default(1),
  pageSize: z.coerce
    .number({ error: "page size must be a whole number" })
    .int("page size must be a whole number")
    .min(1, "page size must be at least 1")
    .max(1000, "page size must be at most 1000")
    .default(100),
  filter: z.enum(WINDOW_FILTERS as [WindowFilter, ...WindowFilter[]], { error: `filter must be one of ${WINDOW_FILTERS.join(", ")}` }).default("all"),
  sort: z.enum(WINDOW_SORTS as [WindowSort, ...WindowSort[]], { error: `sort must be one of ${WINDOW_SORTS.join(", ")}` }).default("time"),
  direction: z.enum(["asc", "desc"], { error: "direction must be asc or desc" }).optional(),
});

export interface WindowQueryInput {
  page: number;
  pageSize: number;
  filter: WindowFilter;
  sort: WindowSort;
  direction?: SortDirection;
  thresholds: ThresholdOverrides;
}

/** Paging, filter, sort and optional thresholds of a windows request. */
export function parseWindowQuery(fields: Record<string, unknown>): WindowQueryInput {
  const parsed = windowQuerySchema.safeParse(withoutBlankFields(fields));
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "input")] ??= issue.message;
  const thresholds = checkThresholdParams(fields);
  Object.assign(errors, thresholds.errors);
  if (!parsed.success || !thresholds.ok) throw invalidInput(errors);
  return { ...parsed.data, thresholds: numericThresholds(thresholds.params ?? {}) };
}
