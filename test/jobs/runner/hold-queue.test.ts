import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { claimNextJob } from "@/lib/db/claim-next-job";
import { createJob } from "@/lib/db/create-job";
import { createRun } from "@/lib/db/create-run";
import { getJob } from "@/lib/db/get-job";
import { RESTART_MESSAGE } from "@/lib/jobs/job-messages";
import { startJobRunner, stopJobRunner } from "@/lib/jobs/runner/job-runner";
import { INSTANCE_LOCK_FILE, jobsLeftToSentence } from "@/lib/ops/instance-lock";
import { checkDetectParams } from "@/lib/pipeline/params";
import { storeLinuxLog, useJobsEnvironment } from "../job-test-env";
import { deadPid, startSleeper, writeLock, type Sleeper } from "../lock-holders";

// A runner started without npm start (next start, next dev) takes DATA_DIR's lock itself.
const env = useJobsEnvironment("logscope-hold-queue-");
const lockFile = join(env.dir, INSTANCE_LOCK_FILE);
let otherServer: Sleeper;
let jobId = 0;

before(async () => {
  otherServer = startSleeper();
  const params = checkDetectParams({ year: 2005, epochs: 3 }).params;
  assert.ok(params);
  const run = await createRun({ logFileId: await storeLinuxLog(), params });
  jobId = (await createJob({ kind: "detect", runId: run.id })).id;
  // The other server's runner claimed it; its worker is training.
  assert.equal((await claimNextJob())?.id, jobId);
});
after(async () => {
  await otherServer.stop();
  await env.cleanup();
});

/** Starts this process's runner, collecting what it prints on stderr. */
async function startRunner(): Promise<string[]> {
  const said: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void said.push(args.map(String).join(" "));
  try {
    await startJobRunner({ pollMs: 100 }).ready;
  } finally {
    console.error = original;
  }
  return said;
}

test("a runner on a DATA_DIR another live server holds leaves that server's running job alone and says why it runs nothing", async () => {
  writeLock(env.dir, [otherServer.pid]);
  const said = await startRunner();
  assert.deepEqual(said, [jobsLeftToSentence(otherServer.pid, env.dir)]);
  const job = await getJob(jobId);
  assert.equal(job?.status, "running");
  assert.equal(job?.error, null);
  assert.equal(readFileSync(lockFile, "utf8"), `${otherServer.pid}\n`, "the lock stays the other server's");
  await stopJobRunner();
  assert.ok(existsSync(lockFile), "stopping a runner that held nothing releases nothing");
});

test("after that server died with -9, a runner takes its stale lock over and fails the interrupted job with the restart message", async () => {
  writeLock(env.dir, [await deadPid()]);
  await startRunner();
  const job = await getJob(jobId);
  assert.equal(job?.status, "failed");
  assert.equal(job?.error, RESTART_MESSAGE);
  assert.match(readFileSync(lockFile, "utf8"), new RegExp(`^${process.pid}( \\d+)?\\n$`));
  await stopJobRunner();
  assert.equal(existsSync(lockFile), false, "the stopped runner released the lock");
});
