import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureDatabase } from "@/lib/db/ensure-database";
import { runNode } from "../../run-process";
import { useTempDatabase } from "../../db/temp-database";
import { freePort, requireWorkerBuild, openTestRedis, WORKER_POOL } from "./queue-test-env";

// `npm run worker` checks its configuration, the queue and the store before taking a job, and
// stops with exit code 2 and one sentence naming what to fix.
requireWorkerBuild();
const db = useTempDatabase("logscope-worker-refusals-");
let redis: { url: string; cleanup: () => Promise<void> };

before(async () => {
  redis = await openTestRedis(4);
  await ensureDatabase(); // the web server's first start: the store now has this code's schema
});
after(async () => {
  await db.cleanup();
  await redis.cleanup();
});

const worker = (env: Record<string, string>) =>
  runNode(["--conditions=react-server", WORKER_POOL], { DATA_DIR: db.dir, DATABASE_URL: db.url, LOGSCOPE_QUEUE_URL: redis.url, ...env });

const refusal = (sentence: string) => `Logscope worker cannot start: ${sentence}\n`;

test("a worker whose Redis does not answer stops with one sentence naming LOGSCOPE_QUEUE_URL", async () => {
  const port = await freePort();
  const outcome = await worker({ LOGSCOPE_QUEUE_URL: `redis://127.0.0.1:${port}` });
  assert.equal(outcome.code, 2);
  assert.equal(
    outcome.stderr,
    refusal(`Cannot reach the job queue at redis://127.0.0.1:${port} (connection refused); check LOGSCOPE_QUEUE_URL and that Redis is running.`),
  );
});

test("a worker without LOGSCOPE_QUEUE_URL, or with a bad variable, stops with one sentence", async () => {
  const unset = await worker({ LOGSCOPE_QUEUE_URL: "" });
  assert.equal(unset.code, 2);
  assert.equal(
    unset.stderr,
    refusal("LOGSCOPE_QUEUE_URL is not set: a worker takes its jobs from the Redis queue the server puts them on, such as redis://127.0.0.1:6379."),
  );
  const lease = await worker({ LOGSCOPE_JOB_LEASE_SECONDS: "2" });
  assert.equal(lease.code, 2);
  assert.equal(lease.stderr, refusal('LOGSCOPE_JOB_LEASE_SECONDS must be a whole number of seconds from 5 to 3600; got "2".'));
});

test("a worker pointed at a store with another schema version stops with one sentence", async () => {
  // This worker's code knows one migration fewer than the store has applied: an older version.
  // LOGSCOPE_MIGRATIONS_DIR names the SQLite folder; PostgreSQL's is postgresql/migrations beside it.
  const root = mkdtempSync(join(tmpdir(), "logscope-older-migrations-"));
  const older = join(root, "migrations");
  cpSync("prisma/migrations", older, { recursive: true });
  cpSync("prisma/postgresql/migrations", join(root, "postgresql", "migrations"), { recursive: true });
  const latest = readdirSync(older).filter((name) => /^\d+_/.test(name)).sort().at(-1);
  assert.ok(latest);
  rmSync(join(older, latest), { recursive: true });
  rmSync(join(root, "postgresql", "migrations", latest), { recursive: true });
  try {
    const outcome = await worker({ LOGSCOPE_MIGRATIONS_DIR: older });
    assert.equal(outcome.code, 2);
    assert.match(outcome.stderr, /^Logscope worker cannot start: [^\n]*schema[^\n]*\.\n$/);
    assert.ok(outcome.stderr.includes(latest), outcome.stderr);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("a worker whose models folder is not there (a shared mount missing) stops with one sentence naming MODELS_DIR", async () => {
  mkdirSync(join(db.dir, "uploads"), { recursive: true });
  const outcome = await worker({ MODELS_DIR: join(db.dir, "not-mounted") });
  assert.equal(outcome.code, 2);
  assert.match(outcome.stderr, /^Logscope worker cannot start: [^\n]*MODELS_DIR[^\n]*\n$/);
});
