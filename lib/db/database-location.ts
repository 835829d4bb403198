import { isAbsolute, join, resolve } from "node:path";

/**
 * Where Logscope keeps its state. One rule for the app, the worker, the CLI and prisma.config.ts:
 * DATA_DIR (default `data/`, relative to the working directory) holds the database and the uploads;
 * DATABASE_URL, when set, moves only the database. Imported by prisma.config.ts, so it must not
 * import the generated client or anything under `@/`.
 */

export const DATABASE_FILE_NAME = "logscope.db";
export const UPLOADS_DIR_NAME = "uploads";

type Env = Record<string, string | undefined>;

/** Absolute DATA_DIR. */
export function resolveDataDir(env: Env = process.env): string {
  const dir = env.DATA_DIR?.trim();
  return resolve(dir ? dir : "data");
}

/** The `file:` URL of the database: DATABASE_URL, or `file:<DATA_DIR>/logscope.db`. */
export function resolveDatabaseUrl(env: Env = process.env): string {
  const url = env.DATABASE_URL?.trim();
  if (url) return url;
  return `file:${join(resolveDataDir(env), DATABASE_FILE_NAME)}`;
}

/**
 * The file behind a `file:` URL, absolute (relative URLs are relative to the working directory, as
 * better-sqlite3 opens them), or `:memory:`. Query strings such as `?connection_limit=1` are dropped.
 */
export function databaseFilePath(url: string): string {
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite file: URL such as file:./data/logscope.db`);
  }
  const path = url.slice("file:".length).split("?")[0] ?? "";
  if (path === ":memory:") return path;
  if (path === "") throw new Error("DATABASE_URL names no file");
  return isAbsolute(path) ? path : resolve(path);
}

/** Absolute directory of stored uploads. */
export function resolveUploadsDir(env: Env = process.env): string {
  return join(resolveDataDir(env), UPLOADS_DIR_NAME);
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Where an upload with this content hash is stored, relative to DATA_DIR (what LogFile.storedPath
 * holds). The name is derived from the hash alone, so a user-supplied name can never become a path.
 */
export function uploadStoredPath(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error("expected a lowercase hex SHA-256");
  return `${UPLOADS_DIR_NAME}/${sha256}.log`;
}

/** Absolute path of a stored upload from LogFile.storedPath. */
export function resolveStoredPath(storedPath: string, env: Env = process.env): string {
  return resolve(resolveDataDir(env), storedPath);
}
