import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { claimNextJob } from "@/lib/db/claim-next-job";
import { createJob } from "@/lib/db/create-job";
import { getJob } from "@/lib/db/get-job";
import type { JobRecord } from "@/lib/db/types";
import { anotherServerSentence, INSTANCE_LOCK_FILE } from "@/lib/ops/instance-lock";
import { useJobsEnvironment } from "../jobs/job-test-env";
import { startSleeper, writeLock, type Sleeper } from "../jobs/lock-holders";
import { runStart, serverEnv } from "./start-process";

// npm start as real processes (dist/start.cjs: run `npm run -s build:node` first). This process
// shares their database, to put jobs in it and read what became of them.
const env = useJobsEnvironment("logscope-start-lock-");
const lockFile = join(env.dir, INSTANCE_LOCK_FILE);
const spare = mkdtempSync(join(tmpdir(), "logscope-start-lock-empty-"));
let otherServer: Sleeper | undefined;

after(async () => {
  await otherServer?.stop();
  rmSync(spare, { recursive: true, force: true });
  await env.cleanup();
});

/** A job of a kind no runner claims, claimed here: a job some server's worker is running. */
async function runningJob(): Promise<JobRecord> {
  const job = await createJob({ kind: "held-by-test", runId: null });
  assert.equal((await claimNextJob({ kinds: ["held-by-test"] }))?.id, job.id);
  return job;
}

const thisServerEnv = () => serverEnv(env.dir, env.url, env.modelsDir);

test("npm start on a DATA_DIR that a live server holds refuses in one sentence naming its pid, exits with code 2 and creates nothing", async (t) => {
  otherServer = startSleeper();
  const dataDir = join(spare, "data");
  writeLock(dataDir, [otherServer.pid]);
  const outcome = await runStart(await serverEnv(dataDir, `file:${join(dataDir, "logscope.db")}`, join(spare, "models")));
  t.after(() => otherServer?.stop());
  assert.equal(outcome.code, 2, outcome.stdout + outcome.stderr);
  assert.equal(outcome.stderr, `Error: ${anotherServerSentence(otherServer.pid, dataDir)}\n`);
  assert.equal(outcome.stdout, "");
  assert.deepEqual(readdirSync(dataDir), [INSTANCE_LOCK_FILE], "no database was created or migrated");
  assert.equal(readFileSync(join(dataDir, INSTANCE_LOCK_FILE), "utf8"), `${otherServer.pid}\n`);
});

test("a refused second npm start leaves the first server's running job running", async () => {
  const first = startSleeper();
  try {
    writeLock(env.dir, [first.pid]);
    const job = await runningJob();
    const outcome = await runStart(await thisServerEnv());
    assert.equal(outcome.code, 2, outcome.stdout + outcome.stderr);
    assert.equal(outcome.stderr, `Error: ${anotherServerSentence(first.pid, env.dir)}\n`);
    const after = await getJob(job.id);
    assert.equal(after?.status, "running");
    assert.equal(after?.error, null);
  } finally {
    await first.stop();
    rmSync(lockFile, { force: true });
  }
});
