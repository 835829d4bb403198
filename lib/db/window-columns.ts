import { FEATURE_NAMES } from "@/lib/logs/types";

/**
 * Column names of the Window table used by the raw SQL paths, derived from FEATURE_NAMES so the
 * feature order can never drift from the pipeline's (event_count -> eventCount,
 * scaledEventCount). prisma/schema.prisma must declare the same names.
 */

const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export const FEATURE_COLUMNS: readonly string[] = FEATURE_NAMES.map(camel);
export const SCALED_COLUMNS: readonly string[] = FEATURE_COLUMNS.map(
  (name) => `scaled${name.charAt(0).toUpperCase()}${name.slice(1)}`,
);

/** Every column insert-windows writes, in the order of its parameter list. */
export const WINDOW_INSERT_COLUMNS: readonly string[] = [
  "runId",
  "index",
  "start",
  "end",
  ...FEATURE_COLUMNS,
  ...SCALED_COLUMNS,
  "ifScore",
  "aeError",
  "dbscanDistance",
  "dbscanCluster",
  "ifAnomaly",
  "dbscanAnomaly",
  "aeAnomaly",
  "ensembleAnomaly",
  "modelVotes",
  "lineRanges",
];

export const quoteColumns = (columns: readonly string[]) => columns.map((c) => `"${c}"`).join(", ");
