/**
 * Raw SQL that runs on both stores, written once. A step is a generator that yields queries and
 * receives their results; a driver (sqlite-driver.ts, postgres-driver.ts) runs it.
 *
 * Why generators rather than async functions: on SQLite a write transaction must run from BEGIN
 * IMMEDIATE to COMMIT without giving the event loop a turn (better-sqlite3 waits synchronously, so a
 * Prisma write of this same process started in between would block on our lock until the busy
 * timeout; see sqlite-driver.ts). Even `await` on a settled promise lets other microtasks run. A
 * generator lets the SQLite driver feed each result back synchronously, while the PostgreSQL driver
 * awaits each query; the step's code, its SQL and its row handling exist once.
 *
 * SQL is written in SQLite's form with `?` placeholders and double-quoted identifiers; the
 * PostgreSQL driver numbers the placeholders. Where the dialects differ beyond that, the step is
 * given the dialect and picks (see `dialect` in each driver's call).
 */

export type SqlDialect = "sqlite" | "postgresql";

/**
 * A parameter. Booleans and Dates are converted by each driver to its store's form (SQLite: 1/0 and
 * the ISO text the Prisma SQLite adapter writes; PostgreSQL: boolean and timestamp).
 */
export type SqlParam = number | string | bigint | boolean | Uint8Array | Date | null;

/** One row of a bulk insert, in the insert's column order. */
export type SqlRow = readonly SqlParam[];

export type SqlQuery =
  /** A statement without rows; the driver answers with the number of rows changed. */
  | { mode: "run"; sql: string; params: readonly SqlParam[] }
  /** Rows as objects keyed by column name. */
  | { mode: "objects"; sql: string; params: readonly SqlParam[] }
  /** Rows as arrays in select order (no per-row object: the bulk readers' 100k rows). */
  | { mode: "arrays"; sql: string; params: readonly SqlParam[] }
  /**
   * Many rows into one table. `rows` may hand out the same array again and again (each row is
   * consumed before the next is asked for). Answered with the number of rows inserted.
   */
  | { mode: "insert"; table: string; columns: readonly string[]; rows: Iterable<SqlRow> }
  /**
   * Many single-row UPDATEs by key: each row is the `set` values then the `key` values. Answered with
   * the number of rows changed. The column types are for PostgreSQL, which updates from a typed list.
   */
  | { mode: "update"; table: string; set: readonly TypedColumn[]; key: readonly TypedColumn[]; rows: Iterable<SqlRow> };

/** A column and its PostgreSQL type (SQLite ignores it). */
export interface TypedColumn {
  name: string;
  type: "integer" | "bigint" | "boolean" | "double precision" | "text" | "bytea";
}

/** A unit of SQL work returning T. */
export type SqlStep<T> = Generator<SqlQuery, T, unknown>;

/** Runs a statement; returns how many rows it changed. */
export function* run(sql: string, params: readonly SqlParam[] = []): SqlStep<number> {
  return (yield { mode: "run", sql, params }) as number;
}

/** All rows, as objects. T names the columns the SQL selects (with aliases matching T's keys). */
export function* all<T>(sql: string, params: readonly SqlParam[] = []): SqlStep<T[]> {
  return (yield { mode: "objects", sql, params }) as T[];
}

/** The first row, or undefined. */
export function* one<T>(sql: string, params: readonly SqlParam[] = []): SqlStep<T | undefined> {
  const rows = yield* all<T>(sql, params);
  return rows[0];
}

/** All rows as arrays, in select order. */
export function* arrays(sql: string, params: readonly SqlParam[] = []): SqlStep<unknown[][]> {
  return (yield { mode: "arrays", sql, params }) as unknown[][];
}

/** Inserts `rows` into `table` (quoted identifiers are added by the driver). */
export function* insertRows(table: string, columns: readonly string[], rows: Iterable<SqlRow>): SqlStep<number> {
  return (yield { mode: "insert", table, columns, rows }) as number;
}

/** Updates one row per entry of `rows` (set values, then key values), by key. */
export function* updateRows(table: string, set: readonly TypedColumn[], key: readonly TypedColumn[], rows: Iterable<SqlRow>): SqlStep<number> {
  return (yield { mode: "update", table, set, key, rows }) as number;
}
