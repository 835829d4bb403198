import Database from "better-sqlite3";
import { databaseFilePath, resolveDatabaseUrl } from "./database-location";
import { BUSY_TIMEOUT_MS, ensureDatabase } from "./ensure-database";
import { DatabaseError } from "./errors";
import { isPostgresUrl } from "@/lib/config/env";
import { postgresTransaction } from "./sql/postgres-transaction";
import { runSqliteStep } from "./sql/sqlite-driver";
import type { SqlDialect, SqlStep } from "./sql/sql-step";

/**
 * Direct better-sqlite3 connections for the bulk paths (100k windows). Through Prisma a multi-row
 * INSERT of 100k windows took about 13 s, here about 1 s: the adapter re-prepares every statement
 * and converts every argument. Prisma stays the way for ordinary rows.
 *
 * The write lock is taken with BEGIN IMMEDIATE and retried asynchronously instead of with
 * SQLite's busy handler, because better-sqlite3 waits synchronously: waiting inside the event loop
 * on a lock held by a Prisma transaction of this same process would deadlock until the timeout.
 * Once the lock is held, the work runs synchronously to COMMIT, so nothing else in this process
 * runs in between.
 */

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
}

async function openFile(): Promise<string> {
  const url = resolveDatabaseUrl();
  await ensureDatabase({ url });
  return databaseFilePath(url);
}

/** Runs `work` in one write transaction on a fresh connection; rolls back if it throws. */
export async function withWriteTransaction<T>(work: (db: Database.Database) => T): Promise<T> {
  const file = await openFile();
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    const deadline = Date.now() + BUSY_TIMEOUT_MS;
    for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
      try {
        db.exec("BEGIN IMMEDIATE");
        break;
      } catch (error) {
        if (!isBusy(error) || Date.now() > deadline) throw error;
        await sleep(wait);
      }
    }
    try {
      const result = work(db);
      db.exec("COMMIT");
      return result;
    } catch (error) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw error;
    }
  } finally {
    db.close();
  }
}

/** Runs `work` on a fresh read-only connection (WAL: it never waits for writers). */
export async function withReadConnection<T>(work: (db: Database.Database) => T): Promise<T> {
  const file = await openFile();
  if (file === ":memory:") throw new DatabaseError("invalid", "Bulk reads need a database file.");
  const db = new Database(file, { readonly: true, timeout: BUSY_TIMEOUT_MS });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/**
 * Runs a write step (sql/sql-step.ts) in one transaction on the configured store: all of it or
 * none. `work` is given the store's dialect for the few statements written differently.
 */
export async function writeSql<T>(work: (dialect: SqlDialect) => SqlStep<T>): Promise<T> {
  const url = resolveDatabaseUrl();
  if (isPostgresUrl(url)) {
    await ensureDatabase({ url });
    return postgresTransaction(url, "write", work("postgresql"));
  }
  return withWriteTransaction((db) => runSqliteStep(db, work("sqlite")));
}

/** Runs a read step on one snapshot of the configured store. */
export async function readSql<T>(work: (dialect: SqlDialect) => SqlStep<T>): Promise<T> {
  const url = resolveDatabaseUrl();
  if (isPostgresUrl(url)) {
    await ensureDatabase({ url });
    return postgresTransaction(url, "read", work("postgresql"));
  }
  return withReadConnection((db) => runSqliteStep(db, work("sqlite")));
}
