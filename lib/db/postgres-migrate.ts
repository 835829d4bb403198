import { randomUUID } from "node:crypto";
import type { Client } from "pg";
import { pendingMigrations, type LocalMigration, type MigrationOutcome, type RecordedMigration } from "./apply-migrations";
import { databaseLocation } from "./database-location";
import { connectPostgres, postgresConnectionRefusal } from "./postgres-connection";

/**
 * Applies prisma/postgresql/migrations to a PostgreSQL store, recorded in `_prisma_migrations`
 * exactly as `prisma migrate deploy` records them (its table definition, the file's sha256, one
 * applied step), so `prisma migrate deploy --config prisma/postgresql/prisma.config.ts` finds
 * nothing to do after it, and it nothing after the CLI.
 *
 * Everything runs in one transaction under a transaction-scoped advisory lock: a second process
 * starting at the same moment waits for the first to commit, then finds every migration recorded.
 * PostgreSQL's DDL is transactional, so a failed migration leaves no trace.
 */

/** The advisory lock key Prisma's schema engine takes for migrate deploy: the CLI and Logscope exclude each other. */
const PRISMA_MIGRATE_LOCK = 72707369;

/** Prisma's own definition of the table on PostgreSQL. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished: boolean;
  rolled_back: boolean;
}

async function readRecorded(client: Client): Promise<RecordedMigration[] | undefined> {
  const table = await client.query<{ found: string | null }>(`SELECT to_regclass('"_prisma_migrations"')::text AS found`);
  if (!table.rows[0]?.found) return undefined;
  const { rows } = await client.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back FROM "_prisma_migrations"`,
  );
  return rows.map((row) => ({ name: row.migration_name, checksum: row.checksum, finished: row.finished, rolledBack: row.rolled_back }));
}

/** Runs `work` on a fresh connection; connection failures mid-way become the same sentences as at connect. */
async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = await connectPostgres(url);
  try {
    return await work(client);
  } catch (error) {
    throw postgresConnectionRefusal(error, url) ?? error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Applies what is pending; refuses a store migrated by other code (apply-migrations.ts's rules). */
export function migratePostgres(url: string, migrations: readonly LocalMigration[]): Promise<MigrationOutcome> {
  return withClient(url, async (client) => {
    await client.query("BEGIN");
    try {
      await client.query("SELECT pg_advisory_xact_lock($1)", [PRISMA_MIGRATE_LOCK]);
      await client.query(CREATE_MIGRATIONS_TABLE);
      const pending = pendingMigrations(databaseLocation(url), migrations, (await readRecorded(client)) ?? []);
      for (const migration of pending) {
        const startedAt = new Date();
        await client.query(migration.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
           VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4, 1)`,
          [randomUUID(), migration.checksum, migration.name, startedAt],
        );
      }
      await client.query("COMMIT");
      return { applied: pending.map((m) => m.name) };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  });
}

/** The store's recorded migrations without changing anything; undefined when it has none yet. */
export function readPostgresMigrations(url: string): Promise<RecordedMigration[] | undefined> {
  return withClient(url, readRecorded);
}
