import { isAbsolute, join, resolve } from "node:path";
import { config, fileUrlPath, isPostgresUrl, loadConfig, type Config, type Env } from "../config/env";

/**
 * Where Logscope keeps its state. One rule for the app, the worker, the CLI and prisma.config.ts:
 * DATA_DIR (default `data/`, relative to the working directory) holds the database and the uploads;
 * DATABASE_URL, when set, moves only the database. The values come from the validated
 * configuration (lib/config/env.ts); pass `env` to read another environment (tests). Imported by
 * prisma.config.ts, so it must not import the generated client or anything under `@/`.
 */

export { DATABASE_FILE_NAME } from "../config/env";
export const UPLOADS_DIR_NAME = "uploads";

const settings = (env?: Env): Config => (env ? loadConfig(env) : config());

/** Absolute DATA_DIR. */
export function resolveDataDir(env?: Env): string {
  return settings(env).dataDir;
}

/** The `file:` URL of the database: DATABASE_URL, or `file:<DATA_DIR>/logscope.db`. */
export function resolveDatabaseUrl(env?: Env): string {
  return settings(env).databaseUrl;
}

/**
 * The file behind a `file:` URL, absolute (relative URLs are relative to the working directory, as
 * better-sqlite3 opens them), or `:memory:`. Query strings such as `?connection_limit=1` are dropped.
 */
export function databaseFilePath(url: string): string {
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite file: URL such as file:./data/logscope.db`);
  }
  const path = fileUrlPath(url);
  if (path === undefined) throw new Error("DATABASE_URL names no file");
  if (path === ":memory:") return path;
  return isAbsolute(path) ? path : resolve(path);
}

const POSTGRES_URL = /^postgres(?:ql)?:\/\/(?:([^@/?]*)@)?(\[[^\]]*\]|[^:/?]*)(?::(\d*))?(?:\/([^?]*))?(?:\?(.*))?$/i;

/**
 * A PostgreSQL URL's server (`host:port`) and database, for sentences: never its password. Parsed by
 * hand because libpq's socket form (`postgresql://user@/db?host=/run/postgresql`) is no WHATWG URL.
 */
export function postgresServer(url: string): { server: string; database: string } {
  const [, userInfo = "", host = "", port = "", path = "", query = ""] = POSTGRES_URL.exec(url) ?? [];
  const params = new URLSearchParams(query);
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  const user = decode(userInfo.split(":")[0] ?? "") || "postgres";
  const server = `${decode(host) || params.get("host") || "localhost"}:${port || params.get("port") || "5432"}`;
  return { server, database: decode(path) || params.get("dbname") || user };
}

/** Where a store is, safe to print: the SQLite file, or `host:port/database` of a PostgreSQL one. */
export function databaseLocation(url: string): string {
  if (!isPostgresUrl(url)) return databaseFilePath(url);
  const { server, database } = postgresServer(url);
  return `${server}/${database}`;
}

/** Absolute directory of stored uploads. */
export function resolveUploadsDir(env?: Env): string {
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

/** Whether `key` has uploadStoredPath's form: `uploads/<sha256>.log`, nothing else in the uploads folder. */
export function isStoredUploadKey(key: string): boolean {
  const name = key.startsWith(`${UPLOADS_DIR_NAME}/`) ? key.slice(UPLOADS_DIR_NAME.length + 1) : "";
  return name.endsWith(".log") && SHA256_HEX.test(name.slice(0, -".log".length));
}

/** Absolute path of a stored upload from LogFile.storedPath. */
export function resolveStoredPath(storedPath: string, env?: Env): string {
  return resolve(resolveDataDir(env), storedPath);
}
