import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Database } from "better-sqlite3";
import { DatabaseError } from "./errors";
import { toSqlTimestamp } from "./sql-timestamp";

/**
 * Applies committed Prisma migrations without the Prisma CLI, recording them in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does (same table, sha256 checksum of the
 * file, ISO timestamps), so either tool can take over from the other. The SQLite side is here; the
 * PostgreSQL side (postgres-migrate.ts) shares the plan and its refusals.
 *
 * Everything runs in one BEGIN IMMEDIATE transaction: a second process starting at the same moment
 * waits on the write lock (busy timeout), then finds the migrations recorded and applies nothing.
 * A failed migration leaves no trace, because SQLite DDL is transactional.
 */

export interface LocalMigration {
  name: string;
  sql: string;
  checksum: string;
}

/** A row of `_prisma_migrations`. */
export interface RecordedMigration {
  name: string;
  checksum: string;
  finished: boolean;
  rolledBack: boolean;
}

/** Migration folders in name (= timestamp) order, as Prisma lists them. */
export function readLocalMigrations(dir: string): LocalMigration[] {
  if (!existsSync(dir)) throw new Error(`no migrations folder at ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") };
    });
}

const latestName = (names: readonly string[]) => [...names].sort().at(-1);

/**
 * The one sentence for a store whose schema this code does not know: migrated by a newer Logscope,
 * or with a migration of the same name but other content.
 */
export function unknownSchemaSentence(location: string, version: string, local: readonly LocalMigration[]): string {
  return `The database at ${location} has schema version ${version}, which this Logscope (${latestName(local.map((m) => m.name)) ?? "no migrations"}) does not know; run the same Logscope version on every machine.`;
}

/**
 * What is left to apply. Refuses (a DatabaseError whose message is one sentence) a failed migration
 * never resolved, a migration this code does not have, and one whose file changed since it was
 * applied: either way the store's schema is not the one this code was written for.
 */
export function pendingMigrations(location: string, local: readonly LocalMigration[], recorded: readonly RecordedMigration[]): LocalMigration[] {
  const failed = recorded.find((row) => !row.finished && !row.rolledBack);
  if (failed) {
    throw new DatabaseError(
      "unavailable",
      `The database at ${location} has a failed migration (${failed.name}) that was never resolved; see prisma migrate resolve.`,
    );
  }
  const applied = recorded.filter((row) => !row.rolledBack);
  const byName = new Map(local.map((migration) => [migration.name, migration]));
  const unknown = applied.filter((row) => byName.get(row.name)?.checksum !== row.checksum).map((row) => row.name);
  const version = latestName(unknown);
  if (version !== undefined) throw new DatabaseError("unavailable", unknownSchemaSentence(location, version, local));
  const done = new Set(applied.map((row) => row.name));
  return local.filter((migration) => !done.has(migration.name));
}

/**
 * Refuses a store whose applied migrations differ from the code's in either direction (a worker
 * checks this instead of migrating: the web server owns migrations). Returns the schema version.
 */
export function requireSameSchema(location: string, local: readonly LocalMigration[], recorded: readonly RecordedMigration[] | undefined): string {
  const pending = pendingMigrations(location, local, recorded ?? []);
  const latest = latestName(local.map((m) => m.name)) ?? "none";
  if (pending.length === 0) return latest;
  const version = latestName((recorded ?? []).filter((row) => !row.rolledBack).map((row) => row.name));
  const state = version === undefined ? "has no Logscope schema yet" : `has schema version ${version}, older than this Logscope's (${latest})`;
  throw new DatabaseError("unavailable", `The database at ${location} ${state}; start this version's web server once (it migrates the database), then start this process again.`);
}

/** The outcome of migrating. */
export interface MigrationOutcome {
  applied: string[];
}

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** Prisma writes this table's timestamps in the same format as DateTime columns. */
const prismaTimestamp = toSqlTimestamp;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: string | null;
  rolled_back_at: string | null;
}

const toRecorded = (row: AppliedRow): RecordedMigration => ({
  name: row.migration_name,
  checksum: row.checksum,
  finished: row.finished_at !== null,
  rolledBack: row.rolled_back_at !== null,
});

/** The SQLite store's recorded migrations; undefined when it has no `_prisma_migrations` table. */
export function readSqliteMigrations(db: Database): RecordedMigration[] | undefined {
  const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
  if (table === undefined) return undefined;
  const rows = db.prepare(`SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`).all() as AppliedRow[];
  return rows.map(toRecorded);
}

/** Applies the pending migrations to a SQLite store; `location` names it in refusals. */
export function applyMigrations(db: Database, migrations: readonly LocalMigration[], location: string): MigrationOutcome {
  // Table rebuilds in Prisma's SQLite migrations rely on foreign keys being off; the pragma is a
  // no-op inside a transaction, so it is set first and integrity is checked before committing.
  db.pragma("foreign_keys = OFF");
  db.exec("BEGIN IMMEDIATE");
  try {
    db.exec(CREATE_MIGRATIONS_TABLE);
    const pending = pendingMigrations(location, migrations, readSqliteMigrations(db) ?? []);
    const insert = db.prepare(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
    );
    for (const migration of pending) {
      const startedAt = prismaTimestamp();
      db.exec(migration.sql);
      insert.run(randomUUID(), migration.checksum, prismaTimestamp(), migration.name, startedAt);
    }
    const violations = db.pragma("foreign_key_check") as unknown[];
    if (violations.length > 0) throw new Error(`migrations left ${violations.length} foreign key violations`);
    db.exec("COMMIT");
    return { applied: pending.map((m) => m.name) };
  } catch (error) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw error;
  } finally {
    db.pragma("foreign_keys = ON");
  }
}
