import "server-only";
import type { ThresholdOverrides } from "@/lib/domain/types";
import { z } from "zod";
import { MAX_SEARCH_CHARS } from "@/lib/ui/url-state";
import { WINDOW_FILTERS, WINDOW_SORTS, type SortDirection, type WindowFilter, type WindowSort } from "@/lib/db/list-windows";
import { checkDetectParams, fieldErrors, typeMessage, type DetectParams } from "@/lib/pipeline/params";
import { checkThresholdParams, withoutBlankFields } from "@/lib/pipeline/threshold-params";
import { ServiceError } from "./service-error";

/** One sentence out of per-field messages: "Votes must be 1, 2 or 3; eps must be greater than 0." */
export function summarizeErrors(errors: Record<string, string>): string {
  const text = Object.values(errors).join("; ");
  return text ? `${text.charAt(0).toUpperCase()}${text.slice(1)}.` : "The request is not valid.";
}

export function invalidInput(errors: Record<string, string>): ServiceError {
  return new ServiceError(400, summarizeErrors(errors), errors);
}

/**
 * Training parameters from form fields or a query (blank fields take their defaults). The schema
 * reads its own fields and leaves the others (logFileId, uploadId) out.
 */
export function parseDetectFields(fields: Record<string, unknown>): DetectParams {
  const check = checkDetectParams(withoutBlankFields(fields));
  if (!check.ok || !check.params) throw invalidInput(check.errors);
  return check.params;
}

/**
 * Optional labelling thresholds (eps, minSamples, contamination, aePercentile, votes). `auto` is a
 * training choice: the threshold schema takes numbers only, since relabelling a finished run needs
 * the numbers themselves.
 */
export function parseThresholdFields(fields: Record<string, unknown>): ThresholdOverrides {
  const check = checkThresholdParams(fields);
  if (!check.ok || !check.params) throw invalidInput(check.errors);
  return check.params;
}

export const queryFields = (url: string | URL): Record<string, string> =>
  Object.fromEntries(new URL(url).searchParams.entries());

/**
 * An enumerated parameter (a query's filter, sort, part, ...): any other value is refused with the
 * known ones listed, never read as the default.
 */
export function oneOf<const T extends readonly [string, ...string[]]>(name: string, values: T) {
  return z.enum(values, { error: typeMessage(`${name} must be one of ${values.join(", ")}`) });
}

/** page and pageSize of a listing: whole numbers, pageSize at most `maxPageSize`. */
function pagingShape(maxPageSize: number, defaultPageSize: number) {
  return {
    page: z.coerce.number({ error: "page must be a whole number" }).int("page must be a whole number").min(1, "page must be 1 or more").default(1),
    pageSize: z.coerce
      .number({ error: "page size must be a whole number" })
      .int("page size must be a whole number")
      .min(1, "page size must be at least 1")
      .max(maxPageSize, `page size must be at most ${maxPageSize}`)
      .default(defaultPageSize),
  };
}

const runsQuerySchema = z.object(pagingShape(500, 50));

/** GET /api/runs' paging (at most 500 runs a page). */
export function parseRunsQuery(fields: Record<string, unknown>): { page: number; pageSize: number } {
  const parsed = runsQuerySchema.safeParse(withoutBlankFields(fields));
  if (!parsed.success) throw invalidInput(fieldErrors(parsed.error));
  return parsed.data;
}

const second = (name: string) => z.coerce.number({ error: `${name} must be a time in Unix seconds` }).int(`${name} must be a whole number of seconds`).min(0, `${name} must be 0 or more`);

const windowQuerySchema = z
  .object({
    ...pagingShape(1000, 100),
    filter: oneOf("filter", WINDOW_FILTERS as [WindowFilter, ...WindowFilter[]]).default("all"),
    sort: oneOf("sort", WINDOW_SORTS as [WindowSort, ...WindowSort[]]).default("time"),
    direction: oneOf("direction", ["asc", "desc"]).optional(),
    // The listing's time range (windows starting in [from, to), Unix seconds) and text search.
    from: second("from").optional(),
    to: second("to").optional(),
    q: z.string().max(MAX_SEARCH_CHARS, `the search must be at most ${MAX_SEARCH_CHARS} characters`).optional(),
  })
  .refine((s) => (s.from === undefined) === (s.to === undefined) && (s.from === undefined || s.to === undefined || s.from < s.to), {
    message: "from and to go together, from before to",
    path: ["from"],
  });

export interface WindowQueryInput {
  page: number;
  pageSize: number;
  filter: WindowFilter;
  sort: WindowSort;
  direction?: SortDirection;
  from?: number;
  to?: number;
  q?: string;
  thresholds: ThresholdOverrides;
}

/** Paging, filter, sort, optional range and search, and optional thresholds of a windows request. */
export function parseWindowQuery(fields: Record<string, unknown>): WindowQueryInput {
  const parsed = windowQuerySchema.safeParse(withoutBlankFields(fields));
  const thresholds = checkThresholdParams(fields);
  if (!parsed.success || !thresholds.ok || !thresholds.params) {
    throw invalidInput({ ...(parsed.success ? {} : fieldErrors(parsed.error)), ...thresholds.errors });
  }
  return { ...parsed.data, thresholds: thresholds.params };
}
