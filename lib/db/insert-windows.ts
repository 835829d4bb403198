import type { FeatureSet } from "@/lib/domain/types";
import { DatabaseError, guardDb } from "./errors";
import { encodeLineRanges } from "./line-ranges";
import { writeSql } from "./raw-connection";
import { insertRows, run, type SqlRow, type SqlStep } from "./sql/sql-step";
import type { LineRange } from "./types";
import { EXTENDED_FEATURE_NAMES, EXTENDED_INSERT_COLUMNS, FEATURE_COLUMNS, featureColumnsOf, featureNamesOf, featureSetOf, WINDOW_INSERT_COLUMNS } from "./window-columns";
import type { TemplateLines } from "@/lib/logs/template-lines";
import { encodeFloat32Rows, encodeTemplateCounts } from "./window-extras";

/**
 * The windows of a run in columnar form. lib/pipeline's WindowResults fits as is:
 * `insertWindows({ runId, ...results, lineRanges })`.
 */
export interface InsertWindowsInput {
  runId: number;
  /** `values` in `featureNames` order; `templates` (extended runs) the window's lines per template. */
  windows: readonly { start: number; end: number; values: readonly number[]; templates?: TemplateLines }[];
  /** FEATURE_NAMES (the default) or the thirteen extended names (EXTENDED_FEATURE_NAMES), in that order. */
  featureNames?: readonly string[];
  /** Row-major, one row of featureNames.length values per window. */
  scaled: { rows: number; cols: number; data: ArrayLike<number> };
  /** Per window and feature, the autoencoder's squared reconstruction error (same shape as scaled). */
  aeFeatureErrors?: { rows: number; cols: number; data: ArrayLike<number> };
  scores: {
    isolationForest: ArrayLike<number>;
    autoencoder: ArrayLike<number>;
    /** Infinity (no core point) is stored as NULL. */
    dbscanDistance: ArrayLike<number>;
    /** The score-level ensemble's combined score (absent: the column stays NULL). */
    combined?: ArrayLike<number>;
  };
  labels: {
    isolationForest: ArrayLike<number>;
    dbscan: ArrayLike<number>;
    autoencoder: ArrayLike<number>;
    ensemble: ArrayLike<number>;
  };
  /** DBSCAN cluster per window (-1 = noise), when the caller has it. */
  dbscanClusters?: ArrayLike<number>;
  /** Line ranges per window in the stored upload (WindowLineRanges.rangesForWindows). */
  lineRanges?: readonly (readonly LineRange[] | undefined)[];
  /** Delete the run's existing windows first (re-running a run); otherwise they must not exist. */
  replace?: boolean;
}

export interface InsertWindowsResult {
  inserted: number;
  seconds: number;
}

// Counts must be stored as integers: Prisma reads these INTEGER columns back as Int. Every feature
// but the mean message length and the token entropy is a count.
const NOT_COUNTS = new Set(["avgMsgLength", "entropyTokens"]);

interface RowPlan {
  set: FeatureSet;
  cols: number;
  integerAt: boolean[];
  columns: string[];
  /** aeFeatureErrors as Float32 bytes, row after row. */
  aeBytes: Uint8Array | null;
}

function planRows(input: InsertWindowsInput): RowPlan {
  const names = input.featureNames ?? featureNamesOf("seed");
  const set = featureSetOf(names);
  if (!set) {
    throw new DatabaseError("invalid", `Cannot store windows: the features must be the ${FEATURE_COLUMNS.length} seed features or the ${EXTENDED_FEATURE_NAMES.length} extended ones, in order; got ${names.join(", ")}.`);
  }
  const columns = [...WINDOW_INSERT_COLUMNS, ...(set === "extended" ? EXTENDED_INSERT_COLUMNS : [])];
  if (input.aeFeatureErrors) columns.push("aeFeatureErrors");
  if (input.scores.combined) columns.push("combinedScore");
  return { set, cols: names.length, integerAt: featureColumnsOf(set).map((c) => !NOT_COUNTS.has(c)), columns, aeBytes: null };
}

function checkShape(input: InsertWindowsInput, plan: RowPlan): void {
  const n = input.windows.length;
  const columns: [string, ArrayLike<number> | readonly unknown[] | undefined][] = [
    ["isolation forest scores", input.scores.isolationForest],
    ["autoencoder errors", input.scores.autoencoder],
    ["DBSCAN distances", input.scores.dbscanDistance],
    ["combined scores", input.scores.combined],
    ["isolation forest labels", input.labels.isolationForest],
    ["DBSCAN labels", input.labels.dbscan],
    ["autoencoder labels", input.labels.autoencoder],
    ["ensemble labels", input.labels.ensemble],
    ["DBSCAN clusters", input.dbscanClusters],
    ["line ranges", input.lineRanges],
  ];
  for (const [name, column] of columns) {
    if (column && column.length !== n) {
      throw new DatabaseError("invalid", `Cannot store windows: ${column.length} ${name} for ${n} windows.`);
    }
  }
  const matrices = [["scaled features", input.scaled], ["autoencoder feature errors", input.aeFeatureErrors]] as const;
  for (const [name, m] of matrices) {
    if (m && (m.rows !== n || m.cols !== plan.cols || m.data.length !== n * plan.cols)) {
      throw new DatabaseError("invalid", `Cannot store windows: the ${name} are not ${n} x ${plan.cols}.`);
    }
  }
}

// The seed columns come first in both layouts: their positions are fixed.
const SEED_FEATURES = FEATURE_COLUMNS.length;

function rowValues(input: InsertWindowsInput, plan: RowPlan, i: number, out: (number | string | Uint8Array | null)[], firstIndex: number): void {
  const w = input.windows[i];
  if (!w || w.values.length !== plan.cols) {
    throw new DatabaseError("invalid", `Cannot store window ${i}: it has not ${plan.cols} features.`);
  }
  for (let f = 0; f < plan.cols; f++) {
    if (plan.integerAt[f] && !Number.isInteger(w.values[f])) {
      throw new DatabaseError("invalid", `Cannot store window ${i}: feature ${featureNamesOf(plan.set)[f]} is not a whole number.`);
    }
  }
  const { scores, labels, scaled } = input;
  const cols = plan.cols;
  let k = 0;
  out[k++] = input.runId;
  out[k++] = firstIndex + i;
  out[k++] = w.start;
  out[k++] = w.end;
  for (let f = 0; f < SEED_FEATURES; f++) out[k++] = w.values[f] as number;
  for (let f = 0; f < SEED_FEATURES; f++) out[k++] = scaled.data[i * cols + f] as number;
  const distance = scores.dbscanDistance[i] as number;
  const ifLabel = labels.isolationForest[i] ? 1 : 0;
  const dbLabel = labels.dbscan[i] ? 1 : 0;
  const aeLabel = labels.autoencoder[i] ? 1 : 0;
  out[k++] = scores.isolationForest[i] as number;
  out[k++] = scores.autoencoder[i] as number;
  out[k++] = Number.isFinite(distance) ? distance : null;
  out[k++] = input.dbscanClusters ? (input.dbscanClusters[i] as number) : null;
  out[k++] = ifLabel;
  out[k++] = dbLabel;
  out[k++] = aeLabel;
  out[k++] = labels.ensemble[i] ? 1 : 0;
  out[k++] = ifLabel + dbLabel + aeLabel;
  try {
    out[k++] = encodeLineRanges(input.lineRanges?.[i] ?? []);
  } catch {
    throw new DatabaseError("invalid", `Cannot store window ${i}: its line ranges are not whole, non-negative numbers.`);
  }
  if (plan.set === "extended") {
    for (let f = SEED_FEATURES; f < cols; f++) out[k++] = w.values[f] as number;
    for (let f = SEED_FEATURES; f < cols; f++) out[k++] = scaled.data[i * cols + f] as number;
    try {
      out[k++] = encodeTemplateCounts(w.templates);
    } catch {
      throw new DatabaseError("invalid", `Cannot store window ${i}: its template ids and counts do not pair up as whole numbers.`);
    }
  }
  if (plan.aeBytes) out[k++] = plan.aeBytes.subarray(i * cols * 4, (i + 1) * cols * 4);
  if (scores.combined) out[k++] = scores.combined[i] as number;
}

/** The rows to insert, one reused array handed out per window (the driver consumes each at once). */
function* windowRows(input: InsertWindowsInput, plan: RowPlan, firstIndex: number): Generator<SqlRow> {
  const row = new Array<number | string | Uint8Array | null>(plan.columns.length).fill(null);
  for (let i = 0; i < input.windows.length; i++) {
    rowValues(input, plan, i, row, firstIndex);
    yield row;
  }
}

/**
 * The step that appends windows to a run, index `firstIndex` onwards, for a caller that writes more
 * in the same transaction (a live stream stores its windows with its checkpoint). Checks as
 * insertWindows does, before any query.
 */
export function appendWindowsStep(input: Omit<InsertWindowsInput, "replace">, firstIndex: number): SqlStep<number> {
  const plan = planRows(input);
  checkShape(input, plan);
  if (input.aeFeatureErrors) plan.aeBytes = encodeFloat32Rows(input.aeFeatureErrors.data);
  return insertRows("Window", plan.columns, windowRows(input, plan, firstIndex));
}

/**
 * Stores all windows of a run in one transaction (all or nothing), index = position in `windows`.
 * On SQLite one prepared single-row INSERT is reused for every row (faster there than multi-row
 * INSERTs: no argument arrays to build), and the write blocks the event loop (about 1 s per 100k
 * windows), so call it from the worker, not from a request handler. On PostgreSQL the rows go in
 * multi-row INSERTs (lib/db/sql/postgres-driver.ts).
 */
export async function insertWindows(input: InsertWindowsInput): Promise<InsertWindowsResult> {
  const plan = planRows(input);
  checkShape(input, plan);
  if (input.aeFeatureErrors) plan.aeBytes = encodeFloat32Rows(input.aeFeatureErrors.data);
  const started = performance.now();
  return guardDb(
    () =>
      writeSql(function* () {
        if (input.replace) yield* run(`DELETE FROM "Window" WHERE "runId" = ?`, [input.runId]);
        const inserted = yield* insertRows("Window", plan.columns, windowRows(input, plan, 0));
        return { inserted, seconds: (performance.now() - started) / 1000 };
      }),
    {
      conflict: "This run already has stored windows.",
      invalid: "The windows could not be stored: the run does not exist or a value is missing.",
    },
  );
}
