import { isIP } from "node:net";
import { join, resolve } from "node:path";
import { z } from "zod";
import { parseByteSize } from "./byte-size";

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
  /** DATABASE_URL as given, or `file:<dataDir>/logscope.db`. */
  databaseUrl: string;
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
    super(`${variable} must be ${form}; got ${JSON.stringify(value)}.`);
    this.name = "ConfigError";
    this.variable = variable;
    this.value = value;
    this.form = form;
  }
}

export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof ConfigError;
}

/** What a parser returns for a value not of the accepted form. */
const BAD: unique symbol = Symbol("bad value");

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

/**
 * Folder paths, made absolute by loadConfig (at each load, against the working directory of that
 * moment). A URL (DATABASE_URL's form put in the wrong variable) or a control character is refused.
 */
function folder(text: string): string | typeof BAD {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  return /[\u0000-\u001f\u007f]/.test(text) || /^(file:|[a-z][a-z0-9+.-]+:\/\/)/i.test(text) ? BAD : text;
}

const absolute = (dir: string | undefined) => (dir === undefined ? undefined : resolve(dir));

/** The file part of a SQLite `file:` URL (query string dropped), or undefined for any other URL. */
export function fileUrlPath(url: string): string | undefined {
  if (!url.startsWith("file:")) return undefined;
  const path = url.slice("file:".length).split("?")[0] ?? "";
  return path === "" ? undefined : path;
}

function wholeNumber(min: number, max: number) {
  return (text: string): number | typeof BAD => {
    const value = Number(text);
    return /^\d+$/.test(text) && value >= min && value <= max ? value : BAD;
  };
}

function flag(text: string): boolean | typeof BAD {
  if (/^(1|on|true|yes)$/i.test(text)) return true;
  if (/^(0|off|false|no)$/i.test(text)) return false;
  return BAD;
}

const HOST_NAME = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/i;

function host(text: string): string | typeof BAD {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  return isIP(bare) !== 0 || HOST_NAME.test(text) ? text : BAD;
}

/** A host name or IP address with an optional port, as a Host header or an ALLOWED_HOSTS entry writes it. */
export interface HostAndPort {
  /** Lower case, without a final dot; an IPv6 address in brackets, in its shortest form (`[::1]`). */
  name: string;
  /** Undefined when none was written. */
  port: number | undefined;
}

/**
 * `name`, `name:port`, `[v6]` or `[v6]:port` (a bare IPv6 address too, without a port), or
 * undefined for anything else: the one reader of that form, for the Host header check and for
 * ALLOWED_HOSTS, so the two compare names written the same way.
 */
export function parseHostAndPort(text: string): HostAndPort | undefined {
  let name = text.trim().toLowerCase();
  let portText: string | undefined;
  if (isIP(name) === 6) name = `[${name}]`;
  else {
    const match = /^(\[[^\]]*\]|[^:[\]]*)(?::(\d{1,5}))?$/.exec(name);
    if (!match) return undefined;
    name = match[1] ?? "";
    portText = match[2];
  }
  // "localhost." is the same name as "localhost" (a fully qualified name ends with the root's dot).
  if (name.endsWith(".") && !name.startsWith("[")) name = name.slice(0, -1);
  const port = portText === undefined ? undefined : Number(portText);
  if (port !== undefined && (port < 1 || port > 65_535)) return undefined;
  if (name.startsWith("[")) {
    const bare = name.slice(1, -1);
    if (isIP(bare) !== 6) return undefined;
    // The shortest form, the one browsers put in the Host header: "[0:0:0:0:0:0:0:1]" is "[::1]".
    return { name: new URL(`http://${name}/`).hostname, port };
  }
  return isIP(name) === 4 || HOST_NAME.test(name) ? { name, port } : undefined;
}

function hostList(text: string): HostAndPort[] | typeof BAD {
  const entries = text.split(",").map((entry) => entry.trim()).filter((entry) => entry !== "");
  const parsed = entries.map(parseHostAndPort);
  return parsed.every((entry) => entry !== undefined) ? parsed : BAD;
}

/** One entry per variable, with its accepted form and default. */
const variables = z.object({
  DATA_DIR: variable("a folder path such as data or /srv/logscope, not a URL", folder, "data"),
  DATABASE_URL: variable(
    "a SQLite file: URL naming a file, such as file:./data/logscope.db",
    (text) => (fileUrlPath(text) === undefined ? BAD : text),
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
  HOST: variable("a host name or IP address such as 127.0.0.1, 0.0.0.0 or localhost", host, "127.0.0.1"),
  PORT: variable("a whole number from 1 to 65535 such as 3000", wholeNumber(1, 65_535), 3000),
  ALLOWED_HOSTS: variable(
    "a comma-separated list of host names or IP addresses, each with an optional :port, such as logs.example.com,10.0.0.5:3000",
    hostList,
    [],
  ),
});

/** The environment schema: the variables, then the Config they describe. */
export const envSchema = variables.transform((v): Config => {
  const dataDir = resolve(v.DATA_DIR);
  return {
    dataDir,
    databaseUrl: v.DATABASE_URL ?? `file:${join(dataDir, DATABASE_FILE_NAME)}`,
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
