import { join, resolve } from "node:path";
import { z } from "zod";
import { parseByteSize } from "./byte-size";
import {
  absolute,
  BAD,
  databaseUrl,
  flag,
  folder,
  host,
  hostList,
  httpUrl,
  isPostgresUrl,
  portList,
  redisUrl,
  storage,
  wholeNumber,
} from "./value-forms";

import type { HostAndPort } from "./value-forms";
import { quoteInput } from "../domain/quote-input";

export { fileUrlPath, isPostgresUrl, parseHostAndPort, type HostAndPort } from "./value-forms";

/**
 * Every environment variable Logscope reads, in one zod schema: its default and the form it
 * accepts. A value that is set but not of that form stops the process with one sentence naming the
 * variable, the value and the form, instead of silently falling back to the default. Blank values
 * count as unset (`DATA_DIR=` in a .env file). The variables are listed in lib/config/README.md.
 *
 * Imported by prisma.config.ts (through lib/db/database-location.ts), so it must not import
 * anything under `@/` or the generated client.
 */

export type Env = Record<string, string | undefined>;

export interface Config {
  /** Absolute DATA_DIR: the database (unless DATABASE_URL moves it), uploads and labels. */
  dataDir: string;
  /** DATABASE_URL as given (a SQLite `file:` URL or a PostgreSQL URL), or `file:<dataDir>/logscope.db`. */
  databaseUrl: string;
  /** Which store DATABASE_URL names: the embedded SQLite file, or a PostgreSQL server. */
  databaseProvider: DatabaseProvider;
  /**
   * LOGSCOPE_QUEUE_URL: a Redis URL whose BullMQ queue carries the jobs to `npm run worker`
   * processes on any machine; undefined keeps the built-in runner (jobs claimed from the database
   * by the server's own worker processes).
   */
  queueUrl: string | undefined;
  /** LOGSCOPE_JOB_LEASE_SECONDS: how long a queue worker's claim on a job lasts without renewal. */
  jobLeaseSeconds: number;
  /**
   * LOGSCOPE_STORAGE: where uploads and models live. `dir` is local folders (DATA_DIR/uploads and
   * MODELS_DIR, which may be a volume every machine mounts); `s3` is an S3-compatible bucket.
   */
  storage: StorageLocation;
  /**
   * Live streams (issue #17, docs/live.md), all off by default. LOGSCOPE_STREAMS turns on creating
   * streams and the HTTP ingest route; a syslog source may only listen on a port of
   * LOGSCOPE_SYSLOG_PORTS, and a file source may only follow a file under LOGSCOPE_STREAM_FILES_DIR
   * (unset: none), so a signed-in user cannot open other ports or read the server's other files.
   */
  streams: { enabled: boolean; syslogPorts: number[]; filesDir: string | undefined; maxBodyBytes: number };
  /**
   * LOGSCOPE_PARSE_THREADS: threads a large log is parsed on (lib/pipeline/parallel-parse.ts);
   * undefined: the machine's cores; 1: one thread (less memory, about 70-90 MiB at 10M lines).
   */
  parseThreads: number | undefined;
  /** Absolute MODELS_DIR, parent of the runs' model directories. */
  modelsDir: string;
  /** Absolute LOGSCOPE_ROOT, or undefined to look for the project from the working directory. */
  root: string | undefined;
  /** Absolute LOGSCOPE_MIGRATIONS_DIR, or undefined for prisma/migrations. */
  migrationsDir: string | undefined;
  maxUploadBytes: number;
  /** LOGSCOPE_STORAGE_QUOTA_BYTES: stored uploads (DATA_DIR/uploads) may not grow past this. */
  storageQuotaBytes: number;
  jobConcurrency: number;
  jobPollMs: number;
  /** False when LOGSCOPE_JOB_RUNNER is off: another process works the queue. */
  jobRunner: boolean;
  /** LOGSCOPE_DEBUG: the CLI prints stack traces of unexpected errors. */
  debug: boolean;
  /** LOGSCOPE_TRUST_PROXY: X-Forwarded-For names the client (a proxy in front sets it). */
  trustProxy: boolean;
  host: string;
  port: number;
  /**
   * ALLOWED_HOSTS: more names the server answers to besides its loopback names and HOST
   * (lib/server/security/check-host.ts). Left out when the variable is unset, so the configuration
   * of a plain local install is the same as before the variable existed.
   */
  allowedHosts?: readonly HostAndPort[];
}

export type DatabaseProvider = "sqlite" | "postgresql";

export type StorageLocation =
  | { kind: "dir" }
  | {
      kind: "s3";
      bucket: string;
      /** Key prefix without leading or trailing slash ("" for the bucket's root). */
      prefix: string;
      /** LOGSCOPE_S3_ENDPOINT (an S3-compatible server such as MinIO or s3rver), else AWS's. */
      endpoint: string | undefined;
      /** LOGSCOPE_S3_REGION, default us-east-1. Credentials come from the AWS SDK's usual variables. */
      region: string;
    };

export const DATABASE_FILE_NAME = "logscope.db";
export const DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 ** 3;
/** Ten uploads of the largest size: room for a team's logs, far from filling a usual disk. */
export const DEFAULT_STORAGE_QUOTA_BYTES = 20 * 1024 ** 3;
export const MAX_JOB_CONCURRENCY = 16;

/** A set variable whose value is not of the accepted form. The message is the whole sentence. */
export class ConfigError extends Error {
  readonly variable: string;
  readonly value: string;
  readonly form: string;

  constructor(variable: string, value: string, form: string) {
    super(`${variable} must be ${form}; got ${quoteInput(value)}.`);
    this.name = "ConfigError";
    this.variable = variable;
    this.value = value;
    this.form = form;
  }
}

export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof ConfigError;
}

/**
 * One variable: unset or blank gives `fallback`; anything else goes through `parse`, and a BAD
 * result becomes an issue whose message is `form` (loadConfig turns it into the sentence).
 */
function variable<T>(form: string, parse: (text: string) => T | typeof BAD, fallback: T) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T => {
      const text = raw?.trim() ?? "";
      if (text === "") return fallback;
      const value = parse(text);
      if (value === BAD) {
        ctx.issues.push({ code: "custom", message: form, input: raw });
        return z.NEVER;
      }
      return value;
    });
}

/** One entry per variable, with its accepted form and default. */
const variables = z.object({
  DATA_DIR: variable("a folder path such as data or /srv/logscope, not a URL", folder, "data"),
  DATABASE_URL: variable(
    "a SQLite file: URL naming a file, such as file:./data/logscope.db, or a PostgreSQL URL such as postgresql://logscope@db.internal:5432/logscope",
    databaseUrl,
    undefined,
  ),
  MODELS_DIR: variable("a folder path such as models or /srv/logscope/models, not a URL", folder, "models"),
  LOGSCOPE_ROOT: variable("the path of the project folder, such as /opt/logscope", folder, undefined),
  LOGSCOPE_MIGRATIONS_DIR: variable("a folder path such as prisma/migrations, not a URL", folder, undefined),
  LOGSCOPE_MAX_UPLOAD_BYTES: variable(
    "a whole number of bytes such as 2147483648 or a size such as 500MB or 2GiB " +
      "(KB, MB, GB and TB count powers of 1000, KiB, MiB, GiB and TiB powers of 1024)",
    (text) => parseByteSize(text) ?? BAD,
    DEFAULT_MAX_UPLOAD_BYTES,
  ),
  LOGSCOPE_STORAGE_QUOTA_BYTES: variable(
    "a whole number of bytes such as 21474836480 or a size such as 20GiB or 500GB",
    (text) => parseByteSize(text) ?? BAD,
    DEFAULT_STORAGE_QUOTA_BYTES,
  ),
  LOGSCOPE_JOB_CONCURRENCY: variable(`a whole number from 1 to ${MAX_JOB_CONCURRENCY}`, wholeNumber(1, MAX_JOB_CONCURRENCY), 1),
  // Below 10 ms the runner would hammer the database; above an hour a queued job waits for nothing.
  LOGSCOPE_JOB_POLL_MS: variable("a whole number of milliseconds from 10 to 3600000", wholeNumber(10, 3_600_000), 1000),
  LOGSCOPE_JOB_RUNNER: variable("on or off (or 1/0, true/false, yes/no)", flag, true),
  LOGSCOPE_DEBUG: variable("1 or 0 (or on/off, true/false, yes/no)", flag, false),
  LOGSCOPE_TRUST_PROXY: variable("on or off (or 1/0, true/false, yes/no)", flag, false),
  LOGSCOPE_QUEUE_URL: variable("a Redis URL such as redis://127.0.0.1:6379 or redis://queue.internal:6379/2", redisUrl, undefined),
  // Under 5 s a busy event loop could lose a live job's lease; over an hour a dead worker's job waits that long.
  LOGSCOPE_JOB_LEASE_SECONDS: variable("a whole number of seconds from 5 to 3600", wholeNumber(5, 3600), 30),
  LOGSCOPE_STORAGE: variable("dir, or an S3 bucket URL such as s3://logscope or s3://logscope/team-a", storage, { kind: "dir" } as const),
  LOGSCOPE_S3_ENDPOINT: variable("an http or https URL such as http://127.0.0.1:4569", httpUrl, undefined),
  LOGSCOPE_S3_REGION: variable("an AWS region name such as us-east-1", (text) => (/^[a-z0-9-]{2,32}$/.test(text) ? text : BAD), "us-east-1"),
  HOST: variable("a host name or IP address such as 127.0.0.1, 0.0.0.0 or localhost", host, "127.0.0.1"),
  PORT: variable("a whole number from 1 to 65535 such as 3000", wholeNumber(1, 65_535), 3000),
  LOGSCOPE_PARSE_THREADS: variable("a whole number from 1 to 64", wholeNumber(1, 64), undefined),
  LOGSCOPE_STREAMS: variable("on or off (or 1/0, true/false, yes/no)", flag, false),
  LOGSCOPE_SYSLOG_PORTS: variable("a comma-separated list of port numbers from 1 to 65535, such as 5514 or 5514,6514", portList, []),
  LOGSCOPE_STREAM_FILES_DIR: variable("a folder path such as /var/log/apps, not a URL", folder, undefined),
  // Bounded so one request cannot hold the server's memory; 8 MiB is about 40k syslog lines.
  LOGSCOPE_STREAM_MAX_BODY_BYTES: variable(
    "a whole number of bytes from 1024 to 268435456 or a size such as 8MiB",
    (text) => {
      const bytes = parseByteSize(text);
      return bytes !== undefined && bytes >= 1024 && bytes <= 268_435_456 ? bytes : BAD;
    },
    8 * 1024 * 1024,
  ),
  ALLOWED_HOSTS: variable(
    "a comma-separated list of host names or IP addresses, each with an optional :port, such as logs.example.com,10.0.0.5:3000",
    hostList,
    [],
  ),
});

/** The environment schema: the variables, then the Config they describe. */
export const envSchema = variables.transform((v): Config => {
  const dataDir = resolve(v.DATA_DIR);
  const databaseUrl = v.DATABASE_URL ?? `file:${join(dataDir, DATABASE_FILE_NAME)}`;
  return {
    dataDir,
    databaseUrl,
    databaseProvider: isPostgresUrl(databaseUrl) ? "postgresql" : "sqlite",
    queueUrl: v.LOGSCOPE_QUEUE_URL,
    jobLeaseSeconds: v.LOGSCOPE_JOB_LEASE_SECONDS,
    storage:
      v.LOGSCOPE_STORAGE.kind === "dir"
        ? { kind: "dir" }
        : { ...v.LOGSCOPE_STORAGE, endpoint: v.LOGSCOPE_S3_ENDPOINT, region: v.LOGSCOPE_S3_REGION },
    streams: {
      enabled: v.LOGSCOPE_STREAMS,
      syslogPorts: v.LOGSCOPE_SYSLOG_PORTS,
      filesDir: absolute(v.LOGSCOPE_STREAM_FILES_DIR),
      maxBodyBytes: v.LOGSCOPE_STREAM_MAX_BODY_BYTES,
    },
    parseThreads: v.LOGSCOPE_PARSE_THREADS,
    modelsDir: resolve(v.MODELS_DIR),
    root: absolute(v.LOGSCOPE_ROOT),
    migrationsDir: absolute(v.LOGSCOPE_MIGRATIONS_DIR),
    maxUploadBytes: v.LOGSCOPE_MAX_UPLOAD_BYTES,
    storageQuotaBytes: v.LOGSCOPE_STORAGE_QUOTA_BYTES,
    jobConcurrency: v.LOGSCOPE_JOB_CONCURRENCY,
    jobPollMs: v.LOGSCOPE_JOB_POLL_MS,
    jobRunner: v.LOGSCOPE_JOB_RUNNER,
    debug: v.LOGSCOPE_DEBUG,
    trustProxy: v.LOGSCOPE_TRUST_PROXY,
    host: v.HOST,
    port: v.PORT,
    ...(v.ALLOWED_HOSTS.length > 0 ? { allowedHosts: v.ALLOWED_HOSTS } : {}),
  };
});

/** The names of the variables, in the schema's order. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(variables.shape);

/**
 * The configuration an environment describes. Pure apart from the working directory, against
 * which relative folders are resolved. Throws a ConfigError for the first variable (in schema
 * order) that is set to a value not of its form.
 */
export function loadConfig(env: Env): Config {
  const picked: Env = {};
  for (const name of CONFIG_VARIABLES) picked[name] = env[name];
  const result = envSchema.safeParse(picked);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = typeof issue?.path[0] === "string" ? issue.path[0] : "?";
  throw new ConfigError(name, env[name] ?? "", issue?.message ?? "valid");
}

let cached: { key: string; config: Config } | undefined;

/**
 * The configuration of this process, validated at the first call. Later calls re-read only the
 * variables and the working directory, and validate again only when one of them changed.
 * Why not a cache that never looks again: tests assign process.env in-process (per test file, and
 * a few between tests, e.g. a small LOGSCOPE_MAX_UPLOAD_BYTES), and prisma.config.ts fills in
 * DATABASE_URL; a frozen snapshot would silently serve stale values, the very failure this module
 * exists to remove. Production never changes them, so there it is parsed once.
 */
export function config(): Config {
  const key = JSON.stringify([process.cwd(), ...CONFIG_VARIABLES.map((name) => process.env[name] ?? null)]);
  if (cached?.key !== key) cached = { key, config: loadConfig(process.env) };
  return cached.config;
}
