import { DatabaseError, guardDb } from "./errors";
import { encodeLineRanges } from "./line-ranges";
import { withWriteTransaction } from "./raw-connection";
import type { LineRange } from "./types";
import { FEATURE_COLUMNS, quoteColumns, WINDOW_INSERT_COLUMNS } from "./window-columns";

/**
 * The windows of a run in columnar form. lib/pipeline's WindowResults fits as is:
 * `insertWindows({ runId, ...results, lineRanges })`.
 */
export interface InsertWindowsInput {
  runId: number;
  windows: readonly { start: number; end: number; values: readonly number[] }[];
  /** Row-major, one row of FEATURE_COLUMNS.length values per window. */
  scaled: { rows: number; cols: number; data: ArrayLike<number> };
  scores: {
    isolationForest: ArrayLike<number>;
    autoencoder: ArrayLike<number>;
    /** Infinity (no core point) is stored as NULL. */
    dbscanDistance: ArrayLike<number>;
  };
  labels: {
    isolationForest: ArrayLike<number>;
    dbscan: ArrayLike<number>;
    autoencoder: ArrayLike<number>;
    ensemble: ArrayLike<number>;
  };
  /** DBSCAN cluster per window (-1 = noise), when the caller has it. */
  dbscanClusters?: ArrayLike<number>;
  /** Line ranges per window in the stored upload (LineRangeCollector.rangesForWindows). */
  lineRanges?: readonly (readonly LineRange[] | undefined)[];
  /** Delete the run's existing windows first (re-running a run); otherwise they must not exist. */
  replace?: boolean;
}

export interface InsertWindowsResult {
  inserted: number;
  seconds: number;
}

// Counts must be stored as integers: Prisma reads these INTEGER columns back as Int.
const INTEGER_FEATURES = new Set(["eventCount", "uniqueMessages", "distinctHosts", "distinctProcesses", "failedAuthCount", "invalidUserCount"]);
const INTEGER_FEATURE_AT = FEATURE_COLUMNS.map((name) => INTEGER_FEATURES.has(name));

function checkShape(input: InsertWindowsInput): void {
  const n = input.windows.length;
  const cols = FEATURE_COLUMNS.length;
  const columns: [string, ArrayLike<number> | readonly unknown[] | undefined][] = [
    ["isolation forest scores", input.scores.isolationForest],
    ["autoencoder errors", input.scores.autoencoder],
    ["DBSCAN distances", input.scores.dbscanDistance],
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
  if (input.scaled.rows !== n || input.scaled.cols !== cols || input.scaled.data.length !== n * cols) {
    throw new DatabaseError("invalid", `Cannot store windows: the scaled features are not ${n} x ${cols}.`);
  }
}

function rowValues(input: InsertWindowsInput, i: number, out: (number | string | null)[]): void {
  const w = input.windows[i];
  if (!w || w.values.length !== FEATURE_COLUMNS.length) {
    throw new DatabaseError("invalid", `Cannot store window ${i}: it has not ${FEATURE_COLUMNS.length} features.`);
  }
  const { scores, labels, scaled } = input;
  let k = 0;
  out[k++] = input.runId;
  out[k++] = i;
  out[k++] = w.start;
  out[k++] = w.end;
  for (let f = 0; f < FEATURE_COLUMNS.length; f++) {
    const v = w.values[f] as number;
    if (INTEGER_FEATURE_AT[f] && !Number.isInteger(v)) {
      throw new DatabaseError("invalid", `Cannot store window ${i}: feature ${FEATURE_COLUMNS[f]} is not a whole number.`);
    }
    out[k++] = v;
  }
  for (let f = 0; f < scaled.cols; f++) out[k++] = scaled.data[i * scaled.cols + f] as number;
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
  out[k++] = encodeLineRanges(input.lineRanges?.[i] ?? []);
}

/**
 * Stores all windows of a run in one transaction (all or nothing), index = position in `windows`.
 * One prepared single-row INSERT reused for every row beat multi-row INSERTs here (no argument
 * arrays to build). Blocks the event loop while it writes (about 1 s per 100k windows), so call it
 * from the worker, not from a request handler.
 */
export async function insertWindows(input: InsertWindowsInput): Promise<InsertWindowsResult> {
  checkShape(input);
  const started = performance.now();
  return guardDb(
    () =>
      withWriteTransaction((db) => {
        if (input.replace) db.prepare(`DELETE FROM "Window" WHERE "runId" = ?`).run(input.runId);
        const placeholders = WINDOW_INSERT_COLUMNS.map(() => "?").join(", ");
        const insert = db.prepare(`INSERT INTO "Window" (${quoteColumns(WINDOW_INSERT_COLUMNS)}) VALUES (${placeholders})`);
        const row: (number | string | null)[] = new Array(WINDOW_INSERT_COLUMNS.length).fill(null);
        for (let i = 0; i < input.windows.length; i++) {
          rowValues(input, i, row);
          insert.run(row);
        }
        return { inserted: input.windows.length, seconds: (performance.now() - started) / 1000 };
      }),
    {
      conflict: "This run already has stored windows.",
      invalid: "The windows could not be stored: the run does not exist or a value is missing.",
    },
  );
}
