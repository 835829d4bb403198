import { after, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { checkSchemaVersion, ensureDatabase, forgetEnsuredDatabase } from "@/lib/db/ensure-database";
import { runTsChild, useTempDatabase } from "./temp-database";

const tmp = useTempDatabase();
after(tmp.cleanup);

const MIGRATIONS = resolve("prisma/migrations");
const migrationNames = readdirSync(MIGRATIONS, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

const urlFor = (name: string) => `file:${join(tmp.dir, name)}`;

/** Columns and indexes of every application table, comparable across databases. */
function describeSchema(file: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    return tables.map((table) => ({
      table,
      columns: db.pragma(`table_info("${table}")`),
      foreignKeys: db.pragma(`foreign_key_list("${table}")`),
      indexes: (db.pragma(`index_list("${table}")`) as { name: string; unique: number }[])
        .map((index) => ({ ...index, columns: (db.pragma(`index_info("${index.name}")`) as { name: string }[]).map((c) => c.name) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    }));
  } finally {
    db.close();
  }
}

function inspect(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      tables: (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((r) => r.name),
      migrations: db.prepare(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`).all() as Record<string, unknown>[],
      journal: db.pragma("journal_mode", { simple: true }),
    };
  } finally {
    db.close();
  }
}

test("the committed migrations apply on an empty database, in WAL mode, and a second run applies nothing", async () => {
  const url = urlFor("fresh.db");
  const first = await ensureDatabase({ url });
  assert.deepEqual(first.applied, migrationNames);
  forgetEnsuredDatabase(url);
  const second = await ensureDatabase({ url });
  assert.deepEqual(second.applied, []);
  const state = inspect(first.file);
  for (const table of ["LogFile", "Run", "Window", "Job", "ThresholdPreset", "_prisma_migrations"]) {
    assert.ok(state.tables.includes(table), `${table} exists`);
  }
  assert.equal(state.journal, "wal");
  assert.equal(state.migrations.length, migrationNames.length);
});

test("migrations are recorded the way prisma migrate deploy records them", async () => {
  const url = urlFor("record.db");
  const { file } = await ensureDatabase({ url });
  const [row] = inspect(file).migrations;
  const name = migrationNames[0] as string;
  const sql = readFileSync(join(MIGRATIONS, name, "migration.sql"));
  assert.equal(row?.migration_name, name);
  assert.equal(row?.checksum, createHash("sha256").update(sql).digest("hex"));
  assert.equal(row?.applied_steps_count, 1);
  assert.equal(row?.rolled_back_at, null);
  assert.match(String(row?.finished_at), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
});

test("the Prisma CLI finds nothing to apply after ensureDatabase, and ensureDatabase nothing after the CLI", async () => {
  const ours = urlFor("ours-then-cli.db");
  await ensureDatabase({ url: ours });
  const cli = (url: string) =>
    execFileSync(process.execPath, [resolve("node_modules/prisma/build/index.js"), "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: url },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  assert.match(cli(ours), /No pending migrations to apply/);

  const theirs = urlFor("cli-then-ours.db");
  assert.match(cli(theirs), /successfully applied/);
  const after = await ensureDatabase({ url: theirs });
  assert.deepEqual(after.applied, []);
  assert.equal(inspect(after.file).migrations.length, migrationNames.length);
});

test("the committed migrations build exactly the schema in schema.prisma (no missing migration)", async () => {
  const migrated = await ensureDatabase({ url: urlFor("migrated.db") });
  const script = execFileSync(
    process.execPath,
    [resolve("node_modules/prisma/build/index.js"), "migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
    { env: { ...process.env, DATABASE_URL: urlFor("scratch.db") }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
  );
  const direct = new Database(join(tmp.dir, "direct.db"));
  direct.exec(script);
  direct.close();
  assert.deepEqual(describeSchema(migrated.file), describeSchema(join(tmp.dir, "direct.db")));
});

test("two processes starting together on a new database migrate it exactly once", async () => {
  const url = urlFor("race.db");
  const child = resolve("test/db/ensure-database-child.ts");
  const outputs = await Promise.all([runTsChild(child, { DATABASE_URL: url }), runTsChild(child, { DATABASE_URL: url })]);
  const applied = outputs.map((out) => JSON.parse(out) as string[]);
  assert.deepEqual(applied.flat().sort(), migrationNames);
  assert.equal(inspect(join(tmp.dir, "race.db")).migrations.length, migrationNames.length);
});

test("a database folder that does not exist yet is created", async () => {
  const ready = await ensureDatabase({ url: `file:${join(tmp.dir, "nested", "deeper", "x.db")}` });
  assert.deepEqual(ready.applied, migrationNames);
});

test("a SQLite database migrated by a newer Logscope, or with a changed migration, is refused with one sentence", async () => {
  const url = urlFor("newer.db");
  const { file } = await ensureDatabase({ url });
  forgetEnsuredDatabase(url);
  const db = new Database(file);
  db.prepare(`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ('x', 'y', 'now', '20991231000000_future', 1)`).run();
  db.close();
  const latest = migrationNames.at(-1) as string;
  const sentence = (version: string) =>
    `The database at ${file} has schema version ${version}, which this Logscope (${latest}) does not know; run the same Logscope version on every machine.`;
  await assert.rejects(ensureDatabase({ url }), { name: "DatabaseError", code: "unavailable", message: sentence("20991231000000_future") });
  await assert.rejects(checkSchemaVersion({ url }), { message: sentence("20991231000000_future") });

  const changed = urlFor("changed.db");
  await ensureDatabase({ url: changed });
  forgetEnsuredDatabase(changed);
  const other = new Database(join(tmp.dir, "changed.db"));
  other.prepare(`UPDATE "_prisma_migrations" SET checksum = 'edited' WHERE migration_name = ?`).run(migrationNames[0]);
  other.close();
  await assert.rejects(ensureDatabase({ url: changed }), { message: sentence(migrationNames[0] as string).replace(file, join(tmp.dir, "changed.db")) });
});

test("checkSchemaVersion reads a SQLite database without migrating it: none yet, exactly this code's, or older", async () => {
  const url = urlFor("checked.db");
  const file = join(tmp.dir, "checked.db");
  const advice = "start this version's web server once (it migrates the database), then start this process again.";
  await assert.rejects(checkSchemaVersion({ url }), { message: `The database at ${file} has no Logscope schema yet; ${advice}` });
  assert.equal(existsSync(file), false, "the check created no file");
  await ensureDatabase({ url });
  const latest = migrationNames.at(-1) as string;
  assert.deepEqual(await checkSchemaVersion({ url }), { url, location: file, version: latest });
  const db = new Database(file);
  db.prepare(`DELETE FROM "_prisma_migrations" WHERE migration_name = ?`).run(latest);
  db.close();
  await assert.rejects(checkSchemaVersion({ url }), {
    message: `The database at ${file} has schema version ${migrationNames.at(-2)}, older than this Logscope's (${latest}); ${advice}`,
  });
});
