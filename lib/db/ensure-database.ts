import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import { config, isPostgresUrl } from "../config/env";
import { applyMigrations, readLocalMigrations, readSqliteMigrations, requireSameSchema, type RecordedMigration } from "./apply-migrations";
import { databaseFilePath, databaseLocation, resolveDatabaseUrl } from "./database-location";
import { DatabaseError } from "./errors";
import { migratePostgres, readPostgresMigrations } from "./postgres-migrate";

export interface EnsureDatabaseOptions {
  /** Defaults to resolveDatabaseUrl() (DATABASE_URL, else file:<DATA_DIR>/logscope.db). */
  url?: string;
  /**
   * Defaults to LOGSCOPE_MIGRATIONS_DIR, else the store's folder under the working directory:
   * prisma/migrations for SQLite, prisma/postgresql/migrations for PostgreSQL.
   */
  migrationsDir?: string;
}

export interface DatabaseReady {
  url: string;
  /** Absolute database file (or `:memory:`); for PostgreSQL `host:port/database`, never the password. */
  file: string;
  /** Migrations applied by this call (empty when the database was up to date). */
  applied: string[];
  /**
   * Always empty: a store migrated by newer code (or with a changed migration) is refused with one
   * sentence instead. Kept for callers written before; new ones use checkSchemaVersion.
   */
  unknown: string[];
}

/** How long a connection waits for another process's write lock before giving up. */
export const BUSY_TIMEOUT_MS = 15_000;

const memo = globalThis as typeof globalThis & { logscopeDbReady?: Map<string, Promise<DatabaseReady>> };

/** Where each store's migrations are, relative to the project. */
const MIGRATIONS_FOLDERS = { sqlite: ["prisma", "migrations"], postgresql: ["prisma", "postgresql", "migrations"] } as const;

/**
 * The store's migrations folder. LOGSCOPE_MIGRATIONS_DIR names the SQLite one (a copy of
 * prisma/migrations); PostgreSQL's is then `postgresql/migrations` beside it, as in the project.
 * The folder's migration_lock.toml must name the store's provider: SQLite SQL is never run on
 * PostgreSQL or the other way round.
 */
function findMigrationsDir(url: string, explicit?: string): string {
  const provider = isPostgresUrl(url) ? "postgresql" : "sqlite";
  const folder = MIGRATIONS_FOLDERS[provider];
  const configured = config().migrationsDir;
  const candidates = [
    explicit,
    configured && (provider === "sqlite" ? configured : join(configured, "..", "postgresql", "migrations")),
    resolve(...folder),
    // When run from another working directory: this file compiled into dist/*.cjs, or as source in lib/db.
    join(__dirname, "..", ...folder),
    join(__dirname, "..", "..", ...folder),
  ].filter((dir): dir is string => Boolean(dir));
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) throw new Error(`no ${folder.join("/")} folder found (looked in ${candidates.join(", ")})`);
  const lock = join(found, "migration_lock.toml");
  const locked = existsSync(lock) ? /provider\s*=\s*"([^"]+)"/.exec(readFileSync(lock, "utf8"))?.[1] : undefined;
  if (locked !== undefined && locked !== provider) throw new Error(`${found} holds ${locked} migrations, not ${provider} ones`);
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
    const outcome = applyMigrations(db, readLocalMigrations(findMigrationsDir(url, migrationsDir)), file);
    return { url, file, ...outcome, unknown: [] };
  } finally {
    db.close();
  }
}

async function migratePostgresStore(url: string, migrationsDir?: string): Promise<DatabaseReady> {
  const outcome = await migratePostgres(url, readLocalMigrations(findMigrationsDir(url, migrationsDir)));
  return { url, file: databaseLocation(url), ...outcome, unknown: [] };
}

/**
 * Creates the database file if needed (SQLite; a PostgreSQL database must exist) and applies the
 * committed migrations, once per process and URL (later calls return the same promise). Safe when
 * several processes start together; call it at startup to fail early, or let the first store call
 * do it. Refuses, with a DatabaseError whose message is one sentence naming what to fix, a server
 * it cannot reach or log in to, and a store whose schema this code does not know.
 */
export function ensureDatabase(options: EnsureDatabaseOptions = {}): Promise<DatabaseReady> {
  const url = options.url ?? resolveDatabaseUrl();
  memo.logscopeDbReady ??= new Map();
  const cache = memo.logscopeDbReady;
  let ready = cache.get(url);
  if (!ready) {
    const work = isPostgresUrl(url)
      ? migratePostgresStore(url, options.migrationsDir)
      : new Promise<DatabaseReady>((resolvePromise) => resolvePromise(migrate(url, options.migrationsDir)));
    ready = work.catch((error: unknown) => {
      cache.delete(url);
      if (error instanceof DatabaseError) throw error;
      throw new DatabaseError("unavailable", "The database could not be opened or migrated.", { cause: error });
    });
    cache.set(url, ready);
  }
  return ready;
}

/** Forgets that a URL was migrated (tests that delete their database file). */
export function forgetEnsuredDatabase(url?: string): void {
  if (url === undefined) memo.logscopeDbReady?.clear();
  else memo.logscopeDbReady?.delete(url);
}

function readSqliteStore(url: string): RecordedMigration[] | undefined {
  const file = databaseFilePath(url);
  if (file !== ":memory:" && !existsSync(file)) return undefined;
  const db = new Database(file, { readonly: true, timeout: BUSY_TIMEOUT_MS });
  try {
    return readSqliteMigrations(db);
  } finally {
    db.close();
  }
}

/**
 * Checks, without migrating, that the store's applied migrations are exactly this code's (a worker
 * calls this at start: migrating is the web server's job). Refuses an older or newer schema, and a
 * store it cannot open, with a DatabaseError whose message is one sentence; resolves with the
 * schema version (the latest migration's name).
 */
export async function checkSchemaVersion(options: EnsureDatabaseOptions = {}): Promise<{ url: string; location: string; version: string }> {
  const url = options.url ?? resolveDatabaseUrl();
  const location = databaseLocation(url);
  try {
    const local = readLocalMigrations(findMigrationsDir(url, options.migrationsDir));
    const recorded = isPostgresUrl(url) ? await readPostgresMigrations(url) : readSqliteStore(url);
    return { url, location, version: requireSameSchema(location, local, recorded) };
  } catch (error) {
    if (error instanceof DatabaseError) throw error;
    throw new DatabaseError("unavailable", `The database at ${location} could not be opened to check its schema version.`, { cause: error });
  }
}
