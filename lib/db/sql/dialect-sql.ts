import type { SqlDialect } from "./sql-step";

/**
 * The few SQL fragments written differently on the two stores (sql-step.ts), side by side, so a
 * query is written once around them. JSON lives in text columns on both (Run.truthWindows,
 * Window.templateCounts; Prisma String), read by SQLite's json_each / json_extract and by
 * PostgreSQL's jsonb functions after a ::jsonb cast.
 */

/**
 * The integers of a JSON array as a subquery of one integer column, "value": usable as
 * `x IN ${...}` or `FROM ${...} AS t`. Other elements are skipped, so a stray value in a stored
 * array never fails the query. `json` is an SQL expression: a column, a subquery or `?`.
 */
export function jsonIntegers(dialect: SqlDialect, json: string): string {
  return dialect === "sqlite"
    ? `(SELECT "value" FROM json_each(${json}) WHERE "type" = 'integer')`
    : `(SELECT "value"::integer AS "value" FROM jsonb_array_elements_text((${json})::jsonb) WHERE "value" ~ '^-?[0-9]+$')`;
}

/** The elements of a JSON array as a FROM item with one column "value", each element as JSON. */
export function jsonElements(dialect: SqlDialect, json: string): string {
  return dialect === "sqlite" ? `json_each(${json})` : `jsonb_array_elements((${json})::jsonb)`;
}

/** The integer at `position` (0-based) of a JSON array value, e.g. of an element of jsonElements. */
export function jsonIntegerAt(dialect: SqlDialect, json: string, position: number): string {
  return dialect === "sqlite" ? `json_extract(${json}, '$[${position}]')` : `(${json} ->> ${position})::integer`;
}

/**
 * An aggregate: the values of `expr` over the rows, in `order`, as the text of one JSON array
 * (`[]` without rows). One value to hand back instead of a row per value: for 50k windows the rows
 * alone took longer on SQLite than the query (better-sqlite3 builds an array per row).
 */
export function jsonArrayAgg(dialect: SqlDialect, expr: string, order: string): string {
  return dialect === "sqlite"
    ? `json_group_array(${expr} ORDER BY ${order})`
    : `COALESCE(json_agg(${expr} ORDER BY ${order})::text, '[]')`;
}

/**
 * True when the text `json` can be read as a JSON array of integers, so that a damaged row is
 * left out instead of failing a query over many rows. PostgreSQL 15 has no test that does not
 * throw on bad JSON, so there the text is matched against the form JSON.stringify gives such an
 * array (whitespace allowed); SQLite checks validity and the type, and jsonIntegers skips the rest.
 */
export function isIntegerArrayJson(dialect: SqlDialect, json: string): string {
  return dialect === "sqlite"
    ? `(json_valid(${json}) AND json_type(${json}) = 'array')`
    : `(${json} ~ '^\\s*\\[\\s*(-?[0-9]+\\s*(,\\s*-?[0-9]+\\s*)*)?\\]\\s*$')`;
}

/**
 * LIKE matching letters in any case: SQLite's LIKE already ignores ASCII case; PostgreSQL's
 * ILIKE does that too (and for other letters as well, by the database's locale).
 */
export function likeAnyCase(dialect: SqlDialect): "LIKE" | "ILIKE" {
  return dialect === "sqlite" ? "LIKE" : "ILIKE";
}

/**
 * Appended to a SELECT of the row a write step is about to change. SQLite's BEGIN IMMEDIATE already
 * keeps every other writer out; on PostgreSQL the raw-write advisory lock only orders raw write
 * steps, so the row lock also holds off a Prisma update of the same row until COMMIT.
 */
export function forUpdate(dialect: SqlDialect): string {
  return dialect === "sqlite" ? "" : " FOR UPDATE";
}
