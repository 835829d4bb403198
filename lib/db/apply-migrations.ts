import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Database } from "better-sqlite3";
import { toSqlTimestamp } from "./sql-timestamp";

/**
 * Applies committed Prisma migrations without the Prisma CLI, recording them in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does (same table, sha256 checksum of the
 * file, ISO timestamps), so either tool can take over from the other.
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

export interface MigrationOutcome {
  applied: string[];
  /** Recorded in the database but absent here: the database was migrated by newer code. */
  unknown: string[];
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

/** Prisma writes this table's timestamps in the same format as DateTime columns. */
const prismaTimestamp = toSqlTimestamp;

interface AppliedRow {
  migration_name: string;
  finished_at: string | null;
  rolled_back_at: string | null;
}

export function applyMigrations(db: Database, migrations: readonly LocalMigration[]): MigrationOutcome {
  // Table rebuilds in Prisma's SQLite migrations rely on foreign keys being off; the pragma is a
  // no-op inside a transaction, so it is set first and integrity is checked before committing.
  db.pragma("foreign_keys = OFF");
  db.exec("BEGIN IMMEDIATE");
  try {
    db.exec(CREATE_MIGRATIONS_TABLE);
    const rows = db
      .prepare(`SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"`)
      .all() as AppliedRow[];
    const failed = rows.find((row) => row.finished_at === null && row.rolled_back_at === null);
    if (failed) {
      throw new Error(
        `migration ${failed.migration_name} failed earlier and was never resolved; see prisma migrate resolve`,
      );
    }
    const done = new Set(rows.filter((row) => row.rolled_back_at === null).map((row) => row.migration_name));
    const insert = db.prepare(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
    );
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      const startedAt = prismaTimestamp();
      db.exec(migration.sql);
      insert.run(randomUUID(), migration.checksum, prismaTimestamp(), migration.name, startedAt);
      applied.push(migration.name);
    }
    const violations = db.pragma("foreign_key_check") as unknown[];
    if (violations.length > 0) throw new Error(`migrations left ${violations.length} foreign key violations`);
    db.exec("COMMIT");
    const local = new Set(migrations.map((m) => m.name));
    return { applied, unknown: [...done].filter((name) => !local.has(name)) };
  } catch (error) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw error;
  } finally {
    db.pragma("foreign_keys = ON");
  }
}
