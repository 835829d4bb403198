import { z } from "zod";
import { formatOptionsShape } from "@/lib/domain/format-options-schema";
import { DatabaseError } from "./errors";

/**
 * Every JSON (and enum) column is written and read through one zod schema: the domain ones of
 * lib/domain/types.ts, and below those only the store has. Writing parses first, so what is stored
 * is exactly what reading accepts; reading a row the schema refuses throws a `corrupt`
 * DatabaseError naming the row, instead of quietly turning the value into null. A NULL column
 * stays null: that is how a value that was never recorded is stored.
 */

/** Run.stageSeconds: seconds per pipeline stage. z.number() refuses NaN and Infinity, which JSON would turn into null. */
export const stageSecondsSchema = z.record(z.string(), z.number());

/** Job.payload: any JSON value, kind-specific; refuses what JSON.stringify would change or drop (undefined, NaN, Dates). */
export const jobPayloadSchema = z.json();

/** Window.templateCounts: `[[templateId, count], ...]` by id (window-extras.ts). */
export const templateCountsSchema = z.array(z.tuple([z.int(), z.int()]));

/**
 * Run.formatOptions: the format options as asked for besides the format's name (docs/pipeline.md
 * §1b). Strict, so a stored value with unknown keys is damage rather than silently dropped options.
 */
export const formatOptionsSchema = z.strictObject(formatOptionsShape(z.strictObject));

const place = z.int().nonnegative();
/** Window.lineRanges: `[[firstLine, lineCount, byteOffset, byteLength], ...]` (line-ranges.ts). */
export const lineRangesSchema = z.array(z.tuple([place, place, place, place]));

/** Where a stored value lives, and what the user can do about it if it is damaged. */
export interface StoredCell {
  table: "Run" | "Job" | "Window" | "Stream";
  /** The row as the error names it: "12", or "run 12, index 40". */
  row: string;
  column: string;
  /** What to do, e.g. "delete run 12 and start it again". */
  remedy: string;
}

export const runCell = (id: number, column: string): StoredCell => ({
  table: "Run",
  row: String(id),
  column,
  remedy: `delete run ${id} and start it again`,
});

export const windowCell = (runId: number, index: number, column: string): StoredCell => ({
  table: "Window",
  row: `run ${runId}, index ${index}`,
  column,
  remedy: `delete run ${runId} and start it again`,
});

/** A job goes with its run; a job without one can only be removed by hand. */
export const jobCell = (job: { id: number; runId: number | null }, column: string): StoredCell => ({
  table: "Job",
  row: String(job.id),
  column,
  remedy: job.runId === null ? `delete job ${job.id} from the database` : `delete run ${job.runId} and start it again`,
});

/**
 * The one sentence a damaged row reads as. It is built from names and ids only, never from the
 * stored text (which stays in `cause` for the server log), so it is safe to show.
 */
export function corruptData(cell: StoredCell, cause?: unknown): DatabaseError {
  return new DatabaseError(
    "corrupt",
    `Stored data is damaged (table ${cell.table}, row ${cell.row}, column ${cell.column}); ${cell.remedy}.`,
    { cause },
  );
}

/** A non-null column value read through its schema (enum columns such as status). */
export function readStored<S extends z.ZodType>(schema: S, value: unknown, cell: StoredCell): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw corruptData(cell, parsed.error);
  return parsed.data;
}

/** A JSON column read through its schema; NULL reads as null. */
export function readJson<S extends z.ZodType>(schema: S, text: string | null, cell: StoredCell): z.output<S> | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw corruptData(cell, error);
  }
  return readStored(schema, value, cell);
}

/**
 * A value checked by the schema it will be read with, as JSON text. `what` names it for the
 * message, e.g. "the run's threshold choices".
 */
export function writeJson(schema: z.ZodType, value: unknown, what: string): string {
  return JSON.stringify(writeStored(schema, value, what));
}

/** A value checked by the schema it will be read with (enum columns). */
export function writeStored<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new DatabaseError("invalid", `Cannot store ${what}: it does not have the expected form.`, { cause: parsed.error });
  }
  return parsed.data;
}
