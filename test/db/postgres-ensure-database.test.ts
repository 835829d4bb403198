import { after, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { Client } from "pg";
import { checkSchemaVersion, ensureDatabase, forgetEnsuredDatabase } from "@/lib/db/ensure-database";
import { postgresUnavailable, runTsChild, tempPostgresDatabase } from "./temp-database";

// ensureDatabase and checkSchemaVersion on PostgreSQL, each test on a database of its own.
const skip = postgresUnavailable;
const MIGRATIONS = resolve("prisma/postgresql/migrations");
const names = readdirSync(MIGRATIONS, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const latest = names.at(-1);

const databases: { drop: () => Promise<void> }[] = [];
after(() => Promise.all(databases.map((db) => db.drop())));
function freshDatabase(): { url: string; location: string } {
  const db = tempPostgresDatabase();
  databases.push(db);
  const url = new URL(db.url);
  return { url: db.url, location: `${url.hostname}:${url.port}/${db.name}` };
}

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

const recorded = (url: string) =>
  query<{ migration_name: string; checksum: string; applied_steps_count: number; finished_at: Date | null; rolled_back_at: Date | null }>(
    url,
    `SELECT migration_name, checksum, applied_steps_count, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name`,
  );

const cli = (url: string) =>
  execFileSync(process.execPath, [resolve("node_modules/prisma/build/index.js"), "migrate", "deploy", "--config", "prisma/postgresql/prisma.config.ts"], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });

test("a fresh PostgreSQL database gets every migration, recorded as prisma migrate deploy records them, and a second start applies nothing", { skip }, async () => {
  const { url, location } = freshDatabase();
  const first = await ensureDatabase({ url });
  assert.deepEqual(first.applied, names);
  assert.equal(first.file, location);
  forgetEnsuredDatabase(url);
  assert.deepEqual((await ensureDatabase({ url })).applied, []);
  const rows = await recorded(url);
  assert.deepEqual(rows.map((row) => row.migration_name), names);
  for (const row of rows) {
    const sql = readFileSync(join(MIGRATIONS, row.migration_name, "migration.sql"));
    assert.equal(row.checksum, createHash("sha256").update(sql).digest("hex"));
    assert.equal(row.applied_steps_count, 1);
    assert.ok(row.finished_at instanceof Date);
    assert.equal(row.rolled_back_at, null);
  }
  const tables = await query<{ table_name: string }>(url, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`);
  for (const table of ["ApiToken", "Job", "LogFile", "Run", "RunTemplate", "Session", "ThresholdPreset", "User", "Window"]) {
    assert.ok(tables.some((t) => t.table_name === table), `${table} exists`);
  }
});

test("the Prisma CLI finds nothing to apply after ensureDatabase on PostgreSQL, and ensureDatabase nothing after the CLI", { skip }, async () => {
  const ours = freshDatabase().url;
  await ensureDatabase({ url: ours });
  assert.match(cli(ours), /No pending migrations to apply/);
  const theirs = freshDatabase().url;
  assert.match(cli(theirs), /successfully applied/);
  assert.deepEqual((await ensureDatabase({ url: theirs })).applied, []);
  assert.equal((await recorded(theirs)).length, names.length);
});

test("two processes starting together on a new PostgreSQL database migrate it exactly once", { skip }, async () => {
  const { url } = freshDatabase();
  const child = resolve("test/db/ensure-database-child.ts");
  const outputs = await Promise.all([runTsChild(child, { DATABASE_URL: url }), runTsChild(child, { DATABASE_URL: url })]);
  assert.deepEqual(outputs.map((out) => JSON.parse(out) as string[]).flat().sort(), names);
  assert.equal((await recorded(url)).length, names.length);
});

test("a database migrated by a newer Logscope is refused with one sentence, by ensureDatabase and by checkSchemaVersion", { skip }, async () => {
  const { url, location } = freshDatabase();
  await ensureDatabase({ url });
  forgetEnsuredDatabase(url);
  await query(url, `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ('x', 'y', now(), '20991231000000_future', 1)`);
  const sentence = `The database at ${location} has schema version 20991231000000_future, which this Logscope (${latest}) does not know; run the same Logscope version on every machine.`;
  await assert.rejects(ensureDatabase({ url }), { name: "DatabaseError", code: "unavailable", message: sentence });
  await assert.rejects(checkSchemaVersion({ url }), { message: sentence });
});

test("a migration whose file changed after it was applied is refused like an unknown one", { skip }, async () => {
  const { url, location } = freshDatabase();
  await ensureDatabase({ url });
  forgetEnsuredDatabase(url);
  await query(url, `UPDATE "_prisma_migrations" SET checksum = 'changed' WHERE migration_name = $1`, [names[0]]);
  await assert.rejects(ensureDatabase({ url }), {
    message: `The database at ${location} has schema version ${names[0]}, which this Logscope (${latest}) does not know; run the same Logscope version on every machine.`,
  });
});

test("checkSchemaVersion accepts exactly this code's schema and refuses an older one, without migrating", { skip }, async () => {
  const { url, location } = freshDatabase();
  await assert.rejects(checkSchemaVersion({ url }), {
    message: `The database at ${location} has no Logscope schema yet; start this version's web server once (it migrates the database), then start this process again.`,
  });
  assert.deepEqual(await query(url, `SELECT to_regclass('"_prisma_migrations"') AS t`), [{ t: null }]);
  await ensureDatabase({ url });
  assert.deepEqual(await checkSchemaVersion({ url }), { url, location, version: latest });
  await query(url, `DELETE FROM "_prisma_migrations" WHERE migration_name = $1`, [latest]);
  await assert.rejects(checkSchemaVersion({ url }), {
    message: `The database at ${location} has schema version ${names.at(-2)}, older than this Logscope's (${latest}); start this version's web server once (it migrates the database), then start this process again.`,
  });
});

test("an unreachable server and a missing database stop ensureDatabase with one sentence naming what to fix, never the password", async () => {
  const port = await new Promise<number>((done) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => done(typeof address === "object" && address ? address.port : 0));
    });
  });
  await assert.rejects(ensureDatabase({ url: `postgresql://logscope:s3cret@127.0.0.1:${port}/logscope` }), {
    code: "unavailable",
    message: `Cannot reach the PostgreSQL database at 127.0.0.1:${port} (connection refused); check DATABASE_URL and that the server is running.`,
  });
  if (skip) return;
  const admin = new URL(process.env.LOGSCOPE_TEST_POSTGRES_URL ?? "");
  admin.pathname = "/logscope_no_such_database";
  await assert.rejects(ensureDatabase({ url: admin.toString() }), {
    code: "unavailable",
    message: `The PostgreSQL server at ${admin.hostname}:${admin.port} has no database logscope_no_such_database; create it (createdb logscope_no_such_database) or fix the database name in DATABASE_URL.`,
  });
});

test("SQLite migrations are never run on PostgreSQL: a folder whose migration_lock.toml names another provider is refused", { skip }, async () => {
  const { url } = freshDatabase();
  const refused = await ensureDatabase({ url, migrationsDir: resolve("prisma/migrations") }).then(() => undefined, (e: unknown) => e);
  assert.ok(refused instanceof Error && refused.cause instanceof Error);
  assert.match(refused.cause.message, /holds sqlite migrations, not postgresql ones/);
  assert.deepEqual(await query(url, `SELECT to_regclass('"_prisma_migrations"') AS t`), [{ t: null }]);
});
