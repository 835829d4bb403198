import "server-only";
import { z } from "zod";
import type { ThresholdOverrides } from "@/lib/domain/types";
import { fieldErrors } from "@/lib/pipeline/params";
import { withoutBlankFields } from "@/lib/pipeline/threshold-params";
import { invalidInput, oneOf, parseThresholdFields } from "./request-input";

/**
 * GET /api/runs/:id/series' query, read before the run is loaded: which part (absent: the core
 * columns), its feature indices and its DBSCAN settings. Indices are checked against the run's own
 * feature count afterwards (checkFeatureIndices), once the run is known.
 */
export const SERIES_PARTS = ["feature", "dbscan", "distance"] as const;

export type SeriesQuery = { version: string | undefined } & (
  | { part: "core"; features: number[] }
  | { part: "feature"; feature: number }
  | { part: "dbscan"; thresholds: ThresholdOverrides }
  | { part: "distance" }
);

const partSchema = z.object({ part: oneOf("part", SERIES_PARTS).optional() });

const FEATURES = "features must be feature indices such as 0,3, separated by commas";
const FEATURE = "feature must be one feature index such as 3";

/** Comma-separated whole numbers (blanks between commas skipped); null when one is anything else. */
function indicesOf(text: string): number[] | null {
  const items = text.split(",").map((item) => item.trim()).filter((item) => item !== "");
  return items.every((item) => /^\d{1,4}$/.test(item)) ? items.map(Number) : null;
}

export function parseSeriesQuery(fields: Record<string, string>): SeriesQuery {
  const parsed = partSchema.safeParse(withoutBlankFields({ part: fields.part }));
  if (!parsed.success) throw invalidInput(fieldErrors(parsed.error));
  const version = fields.v;
  const part = parsed.data.part;
  if (part === "dbscan") return { version, part, thresholds: parseThresholdFields({ eps: fields.eps, minSamples: fields.minSamples }) };
  if (part === "distance") return { version, part };
  if (part === "feature") {
    const indices = indicesOf(fields.feature ?? "");
    if (indices?.length !== 1 || indices[0] === undefined) throw invalidInput({ feature: FEATURE });
    return { version, part, feature: indices[0] };
  }
  // Absent means feature 0; present but blank means none (the page asks for the columns it lacks).
  const features = indicesOf(fields.features ?? "0");
  if (features === null) throw invalidInput({ features: FEATURES });
  return { version, part: "core", features };
}

/** The query's feature indices against the run's own columns: 0-7 for a seed run, 0-11 for an extended one. */
export function checkFeatureIndices(query: SeriesQuery, count: number): void {
  const range = `from 0 to ${count - 1} (this run has ${count} features)`;
  if (query.part === "feature" && query.feature >= count) throw invalidInput({ feature: `feature must be a feature index ${range}` });
  if (query.part === "core" && query.features.some((index) => index >= count)) {
    throw invalidInput({ features: `features must be feature indices ${range}, separated by commas` });
  }
}
