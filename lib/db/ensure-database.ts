import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import { config } from "../config/env";
import { applyMigrations, readLocalMigrations } from "./apply-migrations";
import { databaseFilePath, resolveDatabaseUrl } from "./database-location";
import { DatabaseError } from "./errors";

export interface EnsureDatabaseOptions {
  /** Defaults to resolveDatabaseUrl() (DATABASE_URL, else file:<DATA_DIR>/logscope.db). */
  url?: string;
  /** Defaults to LOGSCOPE_MIGRATIONS_DIR, else prisma/migrations under the working directory. */
  migrationsDir?: string;
}

export interface DatabaseReady {
  url: string;
  /** Absolute database file (or `:memory:`). */
  file: string;
  /** Migrations applied by this call (empty when the database was up to date). */
  applied: string[];
  /** Migrations recorded in the database that this code does not have (newer code migrated it). */
  unknown: string[];
}

/** How long a connection waits for another process's write lock before giving up. */
export const BUSY_TIMEOUT_MS = 15_000;

const memo = globalThis as typeof globalThis & { logscopeDbReady?: Map<string, Promise<DatabaseReady>> };

function findMigrationsDir(explicit?: string): string {
  const candidates = [
    explicit,
    config().migrationsDir,
    resolve("prisma", "migrations"),
    // When run from another working directory: this file compiled into dist/*.cjs, or as source in lib/db.
    join(__dirname, "..", "prisma", "migrations"),
    join(__dirname, "..", "..", "prisma", "migrations"),
  ].filter((dir): dir is string => Boolean(dir));
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) throw new Error(`no prisma/migrations folder found (looked in ${candidates.join(", ")})`);
  return found;
}

const isBusy = (error: unknown) => error instanceof Error && "code" in error && (error as { code?: unknown }).code === "SQLITE_BUSY";

/**
 * migrateOnce, tried again while another process holds the database. SQLite answers SQLITE_BUSY at
 * once, without waiting out the busy timeout, when waiting could deadlock: two processes starting
 * on a new file, one switching it to WAL while the other commits its migrations (seen once in CI
 * under load). Nothing is half done then (the migrations run in one transaction), so trying again
 * after a short pause is safe.
 */
function migrate(url: string, migrationsDir?: string): DatabaseReady {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      return migrateOnce(url, migrationsDir);
    } catch (error) {
      if (!isBusy(error) || Date.now() > deadline) throw error;
      // A synchronous pause: startup has nothing else to do until the database is ready.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
}

function migrateOnce(url: string, migrationsDir?: string): DatabaseReady {
  const file = databaseFilePath(url);
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    // WAL lets the web server read while the worker writes; the mode is stored in the file.
    if (file !== ":memory:") db.pragma("journal_mode = WAL");
    const outcome = applyMigrations(db, readLocalMigrations(findMigrationsDir(migrationsDir)));
    return { url, file, ...outcome };
  } finally {
    db.close();
  }
}

/**
 * Creates the database file if needed and applies the committed migrations, once per process and
 * URL (later calls return the same promise). Safe when several processes start together; call it
 * at startup to fail early, or let the first store call do it.
 */
export function ensureDatabase(options: EnsureDatabaseOptions = {}): Promise<DatabaseReady> {
  const url = options.url ?? resolveDatabaseUrl();
  memo.logscopeDbReady ??= new Map();
  const cache = memo.logscopeDbReady;
  let ready = cache.get(url);
  if (!ready) {
    ready = new Promise<DatabaseReady>((resolvePromise) => resolvePromise(migrate(url, options.migrationsDir))).catch(
      (error: unknown) => {
        cache.delete(url);
        throw new DatabaseError("unavailable", "The database could not be opened or migrated.", { cause: error });
      },
    );
    cache.set(url, ready);
  }
  return ready;
}

/** Forgets that a URL was migrated (tests that delete their database file). */
export function forgetEnsuredDatabase(url?: string): void {
  if (url === undefined) memo.logscopeDbReady?.clear();
  else memo.logscopeDbReady?.delete(url);
}
