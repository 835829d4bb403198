import { after, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { deleteRun } from "@/lib/db/delete-run";
import { ensureDatabase, forgetEnsuredDatabase } from "@/lib/db/ensure-database";
import { getRun } from "@/lib/db/get-run";
import { getRunScores } from "@/lib/db/get-run-scores";
import { listWindows } from "@/lib/db/list-windows";
import { requestedParams } from "@/lib/domain/run-params";
import { useTempDatabase } from "./temp-database";

const tmp = useTempDatabase();
after(tmp.cleanup);

const MIGRATIONS = resolve("prisma/migrations");
const names = readdirSync(MIGRATIONS, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const latest = names[names.length - 1] as string;
const previous = names.slice(0, -1);

/** Columns, foreign keys and indexes of every application table (as ensure-database.test compares them). */
function describeSchema(file: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%' ORDER BY name`).all() as { name: string }[];
    return tables.map(({ name }) => ({
      name,
      columns: db.pragma(`table_info("${name}")`),
      foreignKeys: db.pragma(`foreign_key_list("${name}")`),
      indexes: (db.pragma(`index_list("${name}")`) as { name: string }[]).map((i) => ({ ...i, columns: db.pragma(`index_info("${i.name}")`) })).sort((a, b) => a.name.localeCompare(b.name)),
    }));
  } finally {
    db.close();
  }
}

/** The Window columns every release has had, in their order. */
const WINDOW_COLUMNS = [
  "runId", "index", "start", "end", "eventCount", "uniqueMessages", "distinctHosts", "distinctProcesses", "avgMsgLength",
  "failedAuthCount", "invalidUserCount", "entropyTokens", "scaledEventCount", "scaledUniqueMessages", "scaledDistinctHosts",
  "scaledDistinctProcesses", "scaledAvgMsgLength", "scaledFailedAuthCount", "scaledInvalidUserCount", "scaledEntropyTokens",
  "ifScore", "aeError", "dbscanDistance", "dbscanCluster", "ifAnomaly", "dbscanAnomaly", "aeAnomaly", "ensembleAnomaly",
  "modelVotes", "lineRanges",
].map((name) => `"${name}"`).join(", ");

/**
 * The release before error_level_lines, whose upgrade backfills Window columns (checked below); the
 * later migrations (accounts, issue #13) add tables only, and have their own test.
 */
const ERROR_LEVEL_LINES = "20261206180000_error_level_lines";
const beforeErrorLevelLines = names.slice(0, names.indexOf(ERROR_LEVEL_LINES));

/** A database as an earlier release left it: migrated up to the one before the latest (or `upTo`), with finished runs in it. */
async function previousReleaseDatabase(file: string, upTo: string[] = previous): Promise<void> {
  const dir = join(tmp.dir, `previous-migrations-${upTo.length}`);
  mkdirSync(dir, { recursive: true });
  for (const name of upTo) cpSync(join(MIGRATIONS, name), join(dir, name), { recursive: true });
  const ready = await ensureDatabase({ url: `file:${file}`, migrationsDir: dir });
  assert.deepEqual(ready.applied, upTo);
  forgetEnsuredDatabase(`file:${file}`);
  const db = new Database(file);
  db.exec(`
    INSERT INTO "LogFile" ("originalName", "sha256", "size", "lines", "unparsedLines", "storedPath") VALUES ('auth.log', '${"a".repeat(64)}', 1000, 20, 1, 'uploads/a.log');
    INSERT INTO "Run" ("logFileId", "status", "year", "window", "eps", "epsAuto", "minSamples", "contamination", "aePercentile", "votes", "epochs", "seed",
      "windowCount", "ifCount", "dbscanCount", "aeCount", "ensembleCount", "ifThreshold", "aeThreshold", "modelDir", "finishedAt")
      VALUES (1, 'succeeded', 2005, 60, 0.7, 1, 5, 0.1, 90, 2, 20, 42, 2, 1, 0, 1, 1, 0.61, 0.02, '/models/r1', '2026-11-29 18:00:00');
    INSERT INTO "Job" ("kind", "status", "runId") VALUES ('detect', 'succeeded', 1);
    INSERT INTO "ThresholdPreset" ("runId", "name", "contamination", "aePercentile", "eps", "minSamples", "votes") VALUES (1, 'strict', 0.1, 90, 0.7, 5, 2);
  `);
  // Columns named: the previous release's Window may end with columns a later migration added.
  const insert = db.prepare(`INSERT INTO "Window" (${WINDOW_COLUMNS}) VALUES (1, ?, ?, ?, ?, 2, 1, 1, 40.5, 0, 0, 1.5, ?, 0, 0, 0, 0, 0, 0, 0, 0.7, 0.01, 0.3, 0, ?, 0, 0, 0, ?, '[[1,3,0,120]]')`);
  insert.run(0, 1118800000, 1118800060, 3, -1, 1, 1);
  insert.run(1, 1118800060, 1118800120, 4, 1, 0, 0);
  // An extended run of the previous release: four template features and twelve autoencoder errors.
  db.exec(`
    INSERT INTO "Run" ("logFileId", "status", "year", "window", "eps", "minSamples", "contamination", "aePercentile", "votes", "epochs", "seed", "features", "modelDir")
      VALUES (1, 'succeeded', 2005, 60, 0.5, 5, 0.05, 95, 2, 20, 42, 'extended', '/models/r2');
  `);
  const errors = Buffer.alloc(12 * 4);
  for (let f = 0; f < 12; f++) errors.writeFloatLE((f + 1) / 8, f * 4);
  db.prepare(`INSERT INTO "Window" (${WINDOW_COLUMNS}, "aeFeatureErrors", "distinctTemplates", "errorKeywordLines", "rareTemplateLines",
      "scaledDistinctTemplates", "scaledErrorKeywordLines", "scaledRareTemplateLines", "scaledUnseenTemplateLines", "templateCounts", "unseenTemplateLines")
    VALUES (2, 0, 1118800000, 1118800060, 3, 2, 1, 1, 40.5, 0, 0, 1.5, 0, 0, 0, 0, 0, 0, 0, 0, 0.7, 0.01, 0.3, 0, 0, 0, 0, 0, 0, '[[1,3,0,120]]',
      ?, 2, 1, 0, 0.5, 0.25, 0, 0, '[[0,2],[1,1]]', 0)`).run(errors);
  db.close();
}

test("the migrations since error_level_lines upgrade a database of the release before it and keep every row", async () => {
  const file = join(tmp.dir, "previous.db");
  await previousReleaseDatabase(file, beforeErrorLevelLines);
  const upgraded = await ensureDatabase({ url: `file:${file}` });
  assert.deepEqual(upgraded.applied, names.slice(beforeErrorLevelLines.length));
  assert.ok(upgraded.applied.includes(ERROR_LEVEL_LINES));

  const db = new Database(file, { readonly: true });
  assert.deepEqual(db.pragma("foreign_key_check"), []);
  const run = db.prepare(`SELECT * FROM "Run" WHERE "id" = 1`).get() as Record<string, unknown>;
  db.close();
  assert.equal(run.contamination, 0.1);
  assert.equal(run.contaminationAuto, 0);
  assert.equal(run.aePercentileAuto, 0);
  assert.equal(run.features, "seed");
  assert.equal(run.thresholdChoices, null);
  assert.equal(run.truthWindows, null);
  // Runs from before log formats read classic syslog with the year given.
  assert.equal(run.format, "syslog");
  assert.equal(run.yearAuto, 0);
  assert.equal(run.yearInferred, 0);
  assert.equal(run.detectedFormat, null);
  assert.equal(run.formatOptions, null);

  process.env.DATABASE_URL = `file:${file}`;
  const stored = await getRun(1);
  assert.equal(stored?.params.eps, 0.7);
  assert.equal(stored?.params.epsAuto, true);
  assert.equal(stored?.params.features, "seed");
  assert.ok(stored);
  const asked = requestedParams(stored.params);
  assert.deepEqual([asked.format, asked.year, asked.tz, asked.fields, asked.masks], ["syslog", 2005, undefined, undefined, undefined]);
  assert.equal(stored?.logFile.originalName, "auth.log");
  assert.deepEqual(stored?.counts, { isolationForest: 1, dbscan: 0, autoencoder: 1, ensemble: 1 });
  const { windows } = await listWindows({ runId: 1 });
  assert.deepEqual(windows.map((w) => w.features), [
    [3, 2, 1, 1, 40.5, 0, 0, 1.5],
    [4, 2, 1, 1, 40.5, 0, 0, 1.5],
  ]);
  assert.equal(windows[0]?.templateCounts, null);
  assert.equal(windows[0]?.aeFeatureErrors, null);
  assert.equal((await getRunScores(1))?.scaled.cols, 8);
  // The extended run's window gains error_level_lines = 0 (classic syslog has no levels), raw and
  // scaled, and its twelve stored autoencoder errors read with a 0 for the new column.
  const [extendedWindow] = (await listWindows({ runId: 2 })).windows;
  assert.deepEqual(extendedWindow?.features, [3, 2, 1, 1, 40.5, 0, 0, 1.5, 2, 0, 0, 1, 0]);
  assert.deepEqual(extendedWindow?.scaled.slice(8), [0.5, 0, 0, 0.25, 0]);
  assert.deepEqual(extendedWindow?.aeFeatureErrors, [...Array.from({ length: 12 }, (_, f) => (f + 1) / 8), 0]);
  assert.equal((await getRunScores(2))?.scaled.cols, 13);
  // Run was rebuilt by the migration: its children's cascades must still hold.
  await deleteRun(1);
  const after = new Database(file, { readonly: true });
  for (const table of ["Window", "Job", "ThresholdPreset"]) {
    assert.equal((after.prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE "runId" = 1`).get() as { n: number }).n, 0, `${table} rows go with the run`);
  }
  after.close();
  process.env.DATABASE_URL = tmp.url;
});

test("an upgraded database has exactly the schema of a new one", async () => {
  const file = join(tmp.dir, "upgraded.db");
  await previousReleaseDatabase(file);
  await ensureDatabase({ url: `file:${file}` });
  const fresh = await ensureDatabase({ url: `file:${join(tmp.dir, "fresh.db")}` });
  assert.deepEqual(fresh.applied, names);
  assert.deepEqual(describeSchema(file), describeSchema(fresh.file));
});

test("the latest migration upgrades a database of the previous release with empty account tables and keeps every row", async () => {
  const file = join(tmp.dir, "accounts.db");
  await previousReleaseDatabase(file);
  const upgraded = await ensureDatabase({ url: `file:${file}` });
  assert.deepEqual(upgraded.applied, [latest]);
  const db = new Database(file, { readonly: true });
  try {
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
    for (const table of ["User", "ApiToken", "Session"]) {
      assert.ok(tables.includes(table), `${table} exists`);
      assert.equal((db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n, 0, `${table} starts empty`);
    }
    const columns = (table: string) => (db.pragma(`table_info("${table}")`) as { name: string }[]).map((c) => c.name);
    assert.deepEqual(columns("User"), ["id", "name", "passwordHash", "createdAt"]);
    assert.deepEqual(columns("ApiToken"), ["id", "userId", "tokenHash", "createdAt", "revokedAt", "lastUsedAt"]);
    assert.deepEqual(columns("Session"), ["id", "userId", "tokenHash", "createdAt", "expiresAt"]);
    assert.equal((db.prepare(`SELECT COUNT(*) AS n FROM "Run"`).get() as { n: number }).n, 2, "the runs are kept");
    assert.equal((db.prepare(`SELECT COUNT(*) AS n FROM "Window"`).get() as { n: number }).n, 3, "the windows are kept");
    assert.deepEqual(db.pragma("foreign_key_check"), []);
  } finally {
    db.close();
  }
});
