import type { FeatureSet } from "@/lib/domain/types";
import { EXTENDED_FEATURE_NAMES, FEATURE_NAMES } from "@/lib/logs/types";

/**
 * Column names of the Window table used by the raw SQL paths, derived from the feature names so
 * the feature order can never drift from the pipeline's (event_count -> eventCount,
 * scaledEventCount). prisma/schema.prisma must declare the same names.
 */

const camel = (name: string) => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const scaledOf = (column: string) => `scaled${column.charAt(0).toUpperCase()}${column.slice(1)}`;

/** The five features an extended run adds after the seed eight (templates, error words and levels), in the pipeline's order. */
export const TEMPLATE_FEATURE_NAMES: readonly string[] = EXTENDED_FEATURE_NAMES.slice(FEATURE_NAMES.length);

export { EXTENDED_FEATURE_NAMES };


export const FEATURE_COLUMNS: readonly string[] = FEATURE_NAMES.map(camel);
export const SCALED_COLUMNS: readonly string[] = FEATURE_COLUMNS.map(scaledOf);
export const TEMPLATE_FEATURE_COLUMNS: readonly string[] = TEMPLATE_FEATURE_NAMES.map(camel);
export const TEMPLATE_SCALED_COLUMNS: readonly string[] = TEMPLATE_FEATURE_COLUMNS.map(scaledOf);

/** Feature names of a feature set, in model column order. */
export function featureNamesOf(set: FeatureSet): readonly string[] {
  return set === "extended" ? EXTENDED_FEATURE_NAMES : FEATURE_NAMES;
}

/** Raw feature columns of a feature set, in model column order. */
export function featureColumnsOf(set: FeatureSet): readonly string[] {
  return set === "extended" ? [...FEATURE_COLUMNS, ...TEMPLATE_FEATURE_COLUMNS] : FEATURE_COLUMNS;
}

/** Scaled feature columns of a feature set, in model column order. */
export function scaledColumnsOf(set: FeatureSet): readonly string[] {
  return set === "extended" ? [...SCALED_COLUMNS, ...TEMPLATE_SCALED_COLUMNS] : SCALED_COLUMNS;
}

/** Which stored feature set a list of names is, or null when it is neither (in exactly this order). */
export function featureSetOf(names: readonly string[]): FeatureSet | null {
  const same = (expected: readonly string[]) => names.length === expected.length && names.every((n, i) => n === expected[i]);
  if (same(FEATURE_NAMES)) return "seed";
  if (same(EXTENDED_FEATURE_NAMES)) return "extended";
  return null;
}

/** Columns every window has, in the order of insert-windows' parameter list. */
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

/** Appended to WINDOW_INSERT_COLUMNS for extended windows. */
export const EXTENDED_INSERT_COLUMNS: readonly string[] = [...TEMPLATE_FEATURE_COLUMNS, ...TEMPLATE_SCALED_COLUMNS, "templateCounts"];

export const quoteColumns = (columns: readonly string[]) => columns.map((c) => `"${c}"`).join(", ");
