import type { SqlParam } from "./sql-step";

/** A parameter as node-postgres sends it (and postgres-copy.ts writes it). */
export type PgValue = number | string | bigint | boolean | Buffer | null;

/**
 * One value in PostgreSQL's form, for bound parameters and COPY alike:
 * - Dates as the UTC wall-clock text a `timestamp(3)` column (Prisma's DateTime on PostgreSQL)
 *   stores, so the server's time zone never shifts them;
 * - NUL characters as U+FFFD: PostgreSQL text cannot hold them (error 22021) while SQLite stores them,
 *   and a log with a stray NUL past its first 8 KiB (looksBinary's sample) is accepted, so its
 *   template and example text must store on both.
 */
export function toPostgres(value: SqlParam): PgValue {
  if (value instanceof Date) return value.toISOString().replace("T", " ").replace("Z", "");
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "string" && value.includes("\u0000")) return value.replaceAll("\u0000", "\ufffd");
  return value;
}
