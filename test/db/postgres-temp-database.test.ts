import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { Client } from "pg";
import { openDb } from "@/lib/db/client";
import { postgresUnavailable, runTsChild, useTempDatabase } from "./temp-database";

// useTempDatabase in PostgreSQL mode. This file runs itself as a child process with
// LOGSCOPE_TEST_STORE=postgresql (as `npm run test:postgres` runs every store test file), which
// uses the database and reports what it saw; the parent checks that cleanup dropped it.

const CHILD = "LOGSCOPE_TEMP_DATABASE_CHILD";

async function adminQuery(sql: string, params: unknown[]): Promise<number> {
  const client = new Client({ connectionString: process.env.LOGSCOPE_TEST_POSTGRES_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rowCount ?? 0;
  } finally {
    await client.end();
  }
}
const databaseExists = async (name: string) => (await adminQuery("SELECT 1 FROM pg_database WHERE datname = $1", [name])) === 1;

async function child(): Promise<void> {
  const started = performance.now();
  const tmp = useTempDatabase();
  const db = await openDb();
  const setupMs = Math.round(performance.now() - started);
  const name = new URL(tmp.url).pathname.slice(1);
  const report = {
    url: tmp.url,
    dir: tmp.dir,
    env: { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR },
    logFiles: await db.logFile.count(),
    existedBefore: await databaseExists(name),
    setupMs,
  };
  await tmp.cleanup();
  process.stdout.write(JSON.stringify(report));
}

if (process.env[CHILD]) {
  void child();
} else {
  test("useTempDatabase with LOGSCOPE_TEST_STORE=postgresql gives the file a migrated database of its own on the test server, and drops it after", { skip: postgresUnavailable }, async () => {
    const out = JSON.parse(await runTsChild(__filename, { [CHILD]: "1", LOGSCOPE_TEST_STORE: "postgresql" })) as {
      url: string; dir: string; env: Record<string, string>; logFiles: number; existedBefore: boolean; setupMs: number;
    };
    const name = new URL(out.url).pathname.slice(1);
    assert.match(name, /^logscope_t_[0-9a-f]{12}$/);
    assert.deepEqual(out.env, { DATABASE_URL: out.url, DATA_DIR: out.dir });
    assert.equal(out.logFiles, 0);
    assert.ok(out.existedBefore, "the database existed while the file ran");
    assert.equal(await databaseExists(name), false, "cleanup dropped it");
    assert.equal(existsSync(out.dir), false, "cleanup removed the uploads folder");
    process.stderr.write(`useTempDatabase on PostgreSQL: ${out.setupMs} ms to create, migrate and connect\n`);
  });
}
