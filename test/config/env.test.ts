import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { parseByteSize } from "@/lib/config/byte-size";
import { CONFIG_VARIABLES, config, ConfigError, loadConfig } from "@/lib/config/env";
import { maxUploadBytes } from "@/lib/jobs/job-config";

/** The ConfigError message loadConfig throws for `env`, failing when it does not throw one. */
function sentence(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.message;
  }
  assert.fail(`expected ${JSON.stringify(env)} to be refused`);
}

test("an empty environment gives the documented defaults", () => {
  assert.deepEqual(loadConfig({}), {
    dataDir: resolve("data"),
    databaseUrl: `file:${join(resolve("data"), "logscope.db")}`,
    databaseProvider: "sqlite",
    queueUrl: undefined,
    jobLeaseSeconds: 30,
    storage: { kind: "dir" },
    streams: { enabled: false, syslogPorts: [], filesDir: undefined, maxBodyBytes: 8 * 1024 * 1024 },
    parseThreads: undefined,
    modelsDir: resolve("models"),
    root: undefined,
    migrationsDir: undefined,
    maxUploadBytes: 2 * 1024 ** 3,
    storageQuotaBytes: 20 * 1024 ** 3,
    jobConcurrency: 1,
    jobPollMs: 1000,
    jobRunner: true,
    debug: false,
    trustProxy: false,
    host: "127.0.0.1",
    port: 3000,
  });
});

test("blank values count as unset, and values are trimmed", () => {
  const blank = Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, "  "]));
  assert.deepEqual(loadConfig(blank), loadConfig({}));
  assert.equal(loadConfig({ DATA_DIR: " /srv/ls " }).dataDir, "/srv/ls");
  assert.equal(loadConfig({ PORT: " 8080 " }).port, 8080);
});

test("valid values are read into the configuration", () => {
  const cfg = loadConfig({
    DATA_DIR: "/srv/ls",
    DATABASE_URL: "file:./db/x.db?connection_limit=1",
    MODELS_DIR: "m",
    LOGSCOPE_ROOT: "/opt/logscope",
    LOGSCOPE_MIGRATIONS_DIR: "prisma/migrations",
    LOGSCOPE_MAX_UPLOAD_BYTES: "4096",
    LOGSCOPE_STORAGE_QUOTA_BYTES: "1MiB",
    LOGSCOPE_JOB_CONCURRENCY: "16",
    LOGSCOPE_JOB_POLL_MS: "100",
    LOGSCOPE_JOB_RUNNER: "off",
    LOGSCOPE_DEBUG: "1",
    LOGSCOPE_TRUST_PROXY: "yes",
    LOGSCOPE_PARSE_THREADS: "1",
    LOGSCOPE_STREAMS: "on",
    LOGSCOPE_SYSLOG_PORTS: "5514, 6514",
    LOGSCOPE_STREAM_FILES_DIR: "feeds",
    LOGSCOPE_STREAM_MAX_BODY_BYTES: "1MiB",
    HOST: "0.0.0.0",
    PORT: "8080",
  });
  assert.deepEqual(cfg, {
    dataDir: "/srv/ls",
    databaseUrl: "file:./db/x.db?connection_limit=1",
    databaseProvider: "sqlite",
    queueUrl: undefined,
    jobLeaseSeconds: 30,
    storage: { kind: "dir" },
    streams: { enabled: true, syslogPorts: [5514, 6514], filesDir: resolve("feeds"), maxBodyBytes: 1024 ** 2 },
    parseThreads: 1,
    modelsDir: resolve("m"),
    root: "/opt/logscope",
    migrationsDir: resolve("prisma/migrations"),
    maxUploadBytes: 4096,
    storageQuotaBytes: 1024 ** 2,
    jobConcurrency: 16,
    jobPollMs: 100,
    jobRunner: false,
    debug: true,
    trustProxy: true,
    host: "0.0.0.0",
    port: 8080,
  });
});

test("stream settings refuse a repeated or impossible port and a body limit under 1 KiB, each in one sentence", () => {
  for (const [name, value] of [
    ["LOGSCOPE_SYSLOG_PORTS", "5514,5514"],
    ["LOGSCOPE_SYSLOG_PORTS", "70000"],
    ["LOGSCOPE_SYSLOG_PORTS", "syslog"],
    ["LOGSCOPE_STREAM_MAX_BODY_BYTES", "100"],
    ["LOGSCOPE_STREAMS", "maybe"],
  ] as const) {
    assert.match(sentence({ [name]: value }), new RegExp(name));
  }
});

test("DATA_DIR moves the default database; DATABASE_URL moves only the database", () => {
  assert.equal(loadConfig({ DATA_DIR: "/srv/ls" }).databaseUrl, "file:/srv/ls/logscope.db");
  const moved = loadConfig({ DATA_DIR: "/srv/ls", DATABASE_URL: "file:/db/x.db" });
  assert.equal(moved.databaseUrl, "file:/db/x.db");
  assert.equal(moved.dataDir, "/srv/ls");
  assert.equal(loadConfig({ DATABASE_URL: "file::memory:" }).databaseUrl, "file::memory:");
});

test("upload sizes are accepted as bytes or with a unit, KB counting 1000 and KiB 1024", () => {
  const bytes = (value: string) => loadConfig({ LOGSCOPE_MAX_UPLOAD_BYTES: value }).maxUploadBytes;
  assert.equal(bytes("2147483648"), 2147483648);
  assert.equal(bytes("2GB"), 2_000_000_000);
  assert.equal(bytes("2GiB"), 2 * 1024 ** 3);
  assert.equal(bytes("500 MB"), 500_000_000);
  assert.equal(bytes("500mib"), 500 * 1024 ** 2);
  assert.equal(bytes("1.5KB"), 1500);
  assert.equal(bytes("2.3KB"), 2300);
  assert.equal(bytes("0.5KiB"), 512);
  assert.equal(bytes("10B"), 10);
  assert.equal(bytes("1TB"), 1e12);
});

test("sizes that are not whole bytes or a known unit are refused", () => {
  for (const text of ["abc", "2G", "2 gigabytes", "-5", "0", "0B", "1e9", "1.5", "0.1B", "99999999999TB"]) {
    assert.equal(parseByteSize(text), undefined, text);
  }
});

test("each variable's bad value is refused in one sentence naming it, the value and the accepted form", () => {
  const cases: [string, string, RegExp][] = [
    ["DATA_DIR", "file:./data", /^DATA_DIR must be a folder path such as data or \/srv\/logscope, not a URL; got "file:\.\/data"\.$/],
    ["DATABASE_URL", "mysql://db/logscope", /^DATABASE_URL must be a SQLite file: URL naming a file, such as file:\.\/data\/logscope\.db, or a PostgreSQL URL such as postgresql:\/\/logscope@db\.internal:5432\/logscope; got "mysql:\/\/db\/logscope"\.$/],
    ["DATABASE_URL", "postgresql://", /^DATABASE_URL must be .*; got "postgresql:\/\/"\.$/],
    ["LOGSCOPE_QUEUE_URL", "http://127.0.0.1:6379", /^LOGSCOPE_QUEUE_URL must be a Redis URL such as redis:\/\/127\.0\.0\.1:6379 .*; got "http:\/\/127\.0\.0\.1:6379"\.$/],
    ["LOGSCOPE_JOB_LEASE_SECONDS", "2", /^LOGSCOPE_JOB_LEASE_SECONDS must be a whole number of seconds from 5 to 3600; got "2"\.$/],
    ["LOGSCOPE_STORAGE", "/mnt/shared", /^LOGSCOPE_STORAGE must be dir, or an S3 bucket URL such as s3:\/\/logscope or s3:\/\/logscope\/team-a; got "\/mnt\/shared"\.$/],
    ["LOGSCOPE_STORAGE", "s3://Bad_Bucket", /^LOGSCOPE_STORAGE must be .*; got "s3:\/\/Bad_Bucket"\.$/],
    ["LOGSCOPE_S3_ENDPOINT", "127.0.0.1:4569", /^LOGSCOPE_S3_ENDPOINT must be an http or https URL such as http:\/\/127\.0\.0\.1:4569; got "127\.0\.0\.1:4569"\.$/],
    ["LOGSCOPE_S3_REGION", "US East", /^LOGSCOPE_S3_REGION must be an AWS region name such as us-east-1; got "US East"\.$/],
    ["DATABASE_URL", "file:", /^DATABASE_URL must be a SQLite file: URL naming a file, .*; got "file:"\.$/],
    ["MODELS_DIR", "https://models.example", /^MODELS_DIR must be a folder path .*; got "https:\/\/models\.example"\.$/],
    ["LOGSCOPE_ROOT", "a\u0000b", /^LOGSCOPE_ROOT must be .*; got "a\\u0000b"\.$/],
    ["LOGSCOPE_MIGRATIONS_DIR", "file:prisma/migrations", /^LOGSCOPE_MIGRATIONS_DIR must be a folder path .*; got "file:prisma\/migrations"\.$/],
    ["LOGSCOPE_MAX_UPLOAD_BYTES", "abc", /^LOGSCOPE_MAX_UPLOAD_BYTES must be a whole number of bytes such as 2147483648 or a size such as 500MB or 2GiB \(KB, MB, GB and TB count powers of 1000, KiB, MiB, GiB and TiB powers of 1024\); got "abc"\.$/],
    ["LOGSCOPE_MAX_UPLOAD_BYTES", "2G", /^LOGSCOPE_MAX_UPLOAD_BYTES must be .*; got "2G"\.$/],
    ["LOGSCOPE_JOB_CONCURRENCY", "32", /^LOGSCOPE_JOB_CONCURRENCY must be a whole number from 1 to 16; got "32"\.$/],
    ["LOGSCOPE_JOB_CONCURRENCY", "0", /^LOGSCOPE_JOB_CONCURRENCY must be a whole number from 1 to 16; got "0"\.$/],
    ["LOGSCOPE_JOB_CONCURRENCY", "1.5", /^LOGSCOPE_JOB_CONCURRENCY must be .*; got "1\.5"\.$/],
    ["LOGSCOPE_JOB_POLL_MS", "fast", /^LOGSCOPE_JOB_POLL_MS must be a whole number of milliseconds from 10 to 3600000; got "fast"\.$/],
    ["LOGSCOPE_JOB_POLL_MS", "5", /^LOGSCOPE_JOB_POLL_MS must be .*; got "5"\.$/],
    ["LOGSCOPE_JOB_RUNNER", "disabled", /^LOGSCOPE_JOB_RUNNER must be on or off \(or 1\/0, true\/false, yes\/no\); got "disabled"\.$/],
    ["LOGSCOPE_DEBUG", "verbose", /^LOGSCOPE_DEBUG must be 1 or 0 \(or on\/off, true\/false, yes\/no\); got "verbose"\.$/],
    ["HOST", "http://localhost", /^HOST must be a host name or IP address such as 127\.0\.0\.1, 0\.0\.0\.0 or localhost; got "http:\/\/localhost"\.$/],
    ["HOST", "localhost:3000", /^HOST must be .*; got "localhost:3000"\.$/],
    ["PORT", "abc", /^PORT must be a whole number from 1 to 65535 such as 3000; got "abc"\.$/],
    ["PORT", "70000", /^PORT must be .*; got "70000"\.$/],
  ];
  for (const [name, value, expected] of cases) {
    const message = sentence({ [name]: value });
    assert.match(message, expected);
    // One sentence: a single full stop at the end, no line break.
    assert.ok(!message.includes("\n"), message);
  }
});

test("a PostgreSQL URL, a Redis queue and an S3 bucket are read into the configuration", () => {
  const cfg = loadConfig({
    DATABASE_URL: "postgresql://logscope:secret@db.internal:5432/logscope",
    LOGSCOPE_QUEUE_URL: "redis://queue.internal:6379/2",
    LOGSCOPE_JOB_LEASE_SECONDS: "45",
    LOGSCOPE_STORAGE: "s3://logscope/team-a/",
    LOGSCOPE_S3_ENDPOINT: "http://127.0.0.1:4569/",
  });
  assert.equal(cfg.databaseProvider, "postgresql");
  assert.equal(cfg.databaseUrl, "postgresql://logscope:secret@db.internal:5432/logscope");
  assert.equal(loadConfig({ DATABASE_URL: "postgres://db/x" }).databaseProvider, "postgresql");
  assert.equal(cfg.queueUrl, "redis://queue.internal:6379/2");
  assert.equal(cfg.jobLeaseSeconds, 45);
  assert.deepEqual(cfg.storage, { kind: "s3", bucket: "logscope", prefix: "team-a", endpoint: "http://127.0.0.1:4569", region: "us-east-1" });
  assert.deepEqual(loadConfig({ LOGSCOPE_STORAGE: "s3://logs-bucket" }).storage, {
    kind: "s3",
    bucket: "logs-bucket",
    prefix: "",
    endpoint: undefined,
    region: "us-east-1",
  });
  // Without an S3 bucket the S3 variables change nothing: the folders stay where they were.
  assert.deepEqual(loadConfig({ LOGSCOPE_S3_ENDPOINT: "http://127.0.0.1:4569" }).storage, { kind: "dir" });
});

test("a ConfigError carries the variable, the value as given and the form", () => {
  try {
    loadConfig({ PORT: "http" });
    assert.fail("expected a ConfigError");
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.name, "ConfigError");
    assert.equal(error.variable, "PORT");
    assert.equal(error.value, "http");
    assert.equal(error.form, "a whole number from 1 to 65535 such as 3000");
  }
});

test("the switches accept on/off, 1/0, true/false and yes/no in any case", () => {
  for (const on of ["on", "1", "TRUE", "Yes"]) assert.equal(loadConfig({ LOGSCOPE_JOB_RUNNER: on }).jobRunner, true, on);
  for (const off of ["off", "0", "False", "NO"]) assert.equal(loadConfig({ LOGSCOPE_JOB_RUNNER: off }).jobRunner, false, off);
  assert.equal(loadConfig({ LOGSCOPE_DEBUG: "1" }).debug, true);
  assert.equal(loadConfig({ LOGSCOPE_DEBUG: "0" }).debug, false);
});

test("host names, IPv4 and IPv6 addresses are accepted for HOST", () => {
  for (const host of ["localhost", "0.0.0.0", "::", "::1", "[::1]", "logscope.internal", "build_box-1"]) {
    assert.equal(loadConfig({ HOST: host }).host, host);
  }
});

test("variables other than Logscope's are ignored", () => {
  assert.deepEqual(loadConfig({ NEXT_RUNTIME: "nodejs", PATH: "/bin", LOGSCOPE_UNKNOWN: "x" }), loadConfig({}));
});

test("config() follows changes to process.env and refuses a bad value each time it is asked", () => {
  const saved = process.env.LOGSCOPE_MAX_UPLOAD_BYTES;
  try {
    process.env.LOGSCOPE_MAX_UPLOAD_BYTES = "4096";
    assert.equal(config().maxUploadBytes, 4096);
    assert.equal(maxUploadBytes(), 4096);
    assert.strictEqual(config(), config(), "an unchanged environment is not parsed again");
    process.env.LOGSCOPE_MAX_UPLOAD_BYTES = "2GB";
    assert.equal(maxUploadBytes(), 2_000_000_000);
    process.env.LOGSCOPE_MAX_UPLOAD_BYTES = "lots";
    assert.throws(() => config(), /^ConfigError: LOGSCOPE_MAX_UPLOAD_BYTES must be .*; got "lots"\.$/);
    assert.throws(() => maxUploadBytes(), ConfigError);
  } finally {
    if (saved === undefined) delete process.env.LOGSCOPE_MAX_UPLOAD_BYTES;
    else process.env.LOGSCOPE_MAX_UPLOAD_BYTES = saved;
  }
});

test("the Configuration table in lib/config/README.md lists every variable", () => {
  const readme = readFileSync(join("lib", "config", "README.md"), "utf8");
  for (const name of CONFIG_VARIABLES) assert.match(readme, new RegExp(`^\\| \`${name}\` \\|`, "m"), name);
});

const run = promisify(execFile);
const TSX = require.resolve("tsx/cli");

/** Runs a script through tsx with extra variables; resolves with its exit code and stderr. */
async function runScript(script: string, args: string[], env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  try {
    // Compiled entries (dist/, built by npm test before the unit tests) run as npm runs them.
    const argv = script === "dist/start.cjs" ? ["--conditions=react-server", script] : [TSX, script];
    const { stderr } = await run(process.execPath, [...argv, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stderr };
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { code: failure.code, stderr: failure.stderr };
  }
}

test("the CLI prints the sentence for a bad variable and exits with code 2, without a stack trace", async () => {
  const { code, stderr } = await runScript("scripts/detect.ts", ["logs/Linux_2k.log"], { LOGSCOPE_JOB_CONCURRENCY: "many" });
  assert.equal(code, 2);
  assert.equal(stderr, 'Error: LOGSCOPE_JOB_CONCURRENCY must be a whole number from 1 to 16; got "many".\n');
});

test("npm start prints the sentence for a bad PORT and exits with code 2 before touching the database", async () => {
  const { code, stderr } = await runScript("dist/start.cjs", [], { PORT: "http", DATABASE_URL: "file:/nonexistent/never.db" });
  assert.equal(code, 2);
  assert.equal(stderr, 'Error: PORT must be a whole number from 1 to 65535 such as 3000; got "http".\n');
});
