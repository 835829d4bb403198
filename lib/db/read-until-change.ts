import { statSync } from "node:fs";
import Database from "better-sqlite3";
import { databaseFilePath, resolveDatabaseUrl } from "./database-location";
import { ensureDatabase } from "./ensure-database";
import { isPostgresUrl } from "@/lib/config/env";

/**
 * Keeps the answers of a few hot reads until the database changes. Measured (issue #13, load):
 * 20 clients polling GET /api/runs spent a quarter of the server's time in Prisma compiling and
 * running the same three queries (the account count in the middleware and again in the route, then
 * the list), about 7 ms a request, so p95 crossed 500 ms as soon as training shared the two cores.
 *
 * "Changed" is SQLite's own `PRAGMA data_version`, read on one read-only connection kept for that
 * alone: its value moves whenever any other connection commits (Prisma's, the bulk writers', the
 * worker processes'), and reading it costs microseconds. The stamp is taken before a read, so an
 * answer computed while a write lands is kept under the old stamp and never served after it.
 * The file's inode is part of the stamp: a database deleted and made again at the same path (tests)
 * is a change the old connection cannot see.
 */

interface Probe {
  file: string;
  db: Database.Database;
  version: Database.Statement;
}

interface Kept {
  stamp: string;
  answers: Map<string, Promise<unknown>>;
}

/** On globalThis: Next bundles the middleware and each route apart, and they should share one. */
const shared = globalThis as typeof globalThis & { logscopeReadCache?: { probe?: Probe; kept?: Kept } };
const state = (shared.logscopeReadCache ??= {});

/** Distinct reads kept at once; past it the keeping starts over (a handful are hot in practice). */
const MAX_ANSWERS = 256;

async function openProbe(file: string, url: string): Promise<Probe> {
  await ensureDatabase({ url });
  const db = new Database(file, { readonly: true, fileMustExist: true });
  return { file, db, version: db.prepare("PRAGMA data_version").pluck() };
}

/**
 * Null when changes cannot be seen (an in-memory database, or PostgreSQL, which has no cheap
 * counter of other sessions' commits): nothing is kept then, every read goes to the store.
 */
async function changeStamp(): Promise<string | null> {
  const url = resolveDatabaseUrl();
  if (isPostgresUrl(url)) return null;
  const file = databaseFilePath(url);
  if (file === ":memory:") return null;
  if (state.probe?.file !== file) {
    forgetReads();
    state.probe = await openProbe(file, url);
  }
  const inode = statSync(file, { throwIfNoEntry: false })?.ino;
  return `${file}\u0000${inode}\u0000${String(state.probe.version.get())}`;
}

/**
 * `read()`'s answer, or the one kept for `key` when nothing was committed since it was read.
 * Concurrent callers of one key share one read; a failed read is not kept. Callers must treat the
 * answer as read-only: every caller until the next change gets the same object.
 */
export async function readUntilChange<T>(key: string, read: () => Promise<T>): Promise<T> {
  const stamp = await changeStamp();
  if (stamp === null) return read();
  if (state.kept?.stamp !== stamp || state.kept.answers.size >= MAX_ANSWERS) state.kept = { stamp, answers: new Map() };
  const answers = state.kept.answers;
  const known = answers.get(key);
  if (known) return known as Promise<T>;
  const answer = read();
  answers.set(key, answer);
  answer.catch(() => answers.delete(key));
  return answer;
}

/** Drops what is kept and closes the probe (closeDb: before a database file is removed). */
export function forgetReads(): void {
  state.kept = undefined;
  state.probe?.db.close();
  state.probe = undefined;
}
