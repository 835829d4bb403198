import { runNode } from "../run-process";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDb } from "@/lib/db/client";
import { forgetEnsuredDatabase } from "@/lib/db/ensure-database";

/**
 * The store a test file runs against: SQLite by default, PostgreSQL when LOGSCOPE_TEST_STORE is
 * `postgresql` (npm run test:postgres), on the server LOGSCOPE_TEST_POSTGRES_URL names (an admin
 * URL; scripts/with-test-services.ts starts a private one and sets it).
 */
export const testStore: "sqlite" | "postgresql" = process.env.LOGSCOPE_TEST_STORE === "postgresql" ? "postgresql" : "sqlite";

/** Why PostgreSQL tests cannot run here, or undefined when they can (for `test(..., { skip })`). */
export const postgresUnavailable: string | undefined = process.env.LOGSCOPE_TEST_POSTGRES_URL
  ? undefined
  : "LOGSCOPE_TEST_POSTGRES_URL is not set: run the tests through scripts/with-test-services.ts (npm test does)";

function adminUrl(): string {
  const url = process.env.LOGSCOPE_TEST_POSTGRES_URL;
  if (!url) throw new Error(`LOGSCOPE_TEST_STORE=postgresql, but ${postgresUnavailable}`);
  return url;
}

/** The same server as the admin URL, another database. */
function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** One statement on the admin database, in a child process so that it can run synchronously. */
function adminStatementSync(sql: string): void {
  const script = `const { Client } = require(${JSON.stringify(require.resolve("pg"))});
const client = new Client({ connectionString: process.env.ADMIN_URL });
client.connect().then(() => client.query(process.env.SQL)).then(() => client.end(), (error) => { console.error(error.message); process.exit(1); });`;
  const result = spawnSync(process.execPath, ["-e", script], { env: { ...process.env, ADMIN_URL: adminUrl(), SQL: sql }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${sql} failed on LOGSCOPE_TEST_POSTGRES_URL: ${result.stderr.trim()}`);
}

async function adminStatement(sql: string): Promise<void> {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A new, empty PostgreSQL database on the test server; `drop` removes it (closing whatever
 * connections are left on it). Created synchronously, so a test file can set it up at the top.
 */
export function tempPostgresDatabase(): { name: string; url: string; drop: () => Promise<void> } {
  const name = `logscope_t_${randomBytes(6).toString("hex")}`;
  adminStatementSync(`CREATE DATABASE "${name}"`);
  return { name, url: databaseUrl(name), drop: () => adminStatement(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/**
 * Points DATA_DIR and DATABASE_URL of this test process at a fresh store: a database file in a new
 * temporary folder, or (LOGSCOPE_TEST_STORE=postgresql) a new database on the test server with the
 * folder still as DATA_DIR for uploads. Each test file runs in its own process under `tsx --test`,
 * so each file gets its own database; lib/db reads the variables at its first call.
 */
export function useTempDatabase(prefix = "logscope-db-"): { dir: string; url: string; cleanup: () => Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const postgres = testStore === "postgresql" ? tempPostgresDatabase() : undefined;
  const url = postgres?.url ?? `file:${join(dir, "test.db")}`;
  process.env.DATA_DIR = dir;
  process.env.DATABASE_URL = url;
  return {
    dir,
    url,
    cleanup: async () => {
      await closeDb();
      forgetEnsuredDatabase();
      await postgres?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs a TypeScript file in a child process (through tsx) and resolves with its stdout. */
export async function runTsChild(script: string, env: Record<string, string>): Promise<string> {
  const { code, stdout, stderr } = await runNode([require.resolve("tsx/cli"), script], env);
  if (code !== 0) throw new Error(`${script} exited ${code}: ${stderr}`);
  return stdout;
}
