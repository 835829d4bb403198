import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { claimNextJob } from "@/lib/db/claim-next-job";
import { createJob } from "@/lib/db/create-job";
import { createRun } from "@/lib/db/create-run";
import { getJob } from "@/lib/db/get-job";
import type { JobRecord } from "@/lib/db/types";
import { RESTART_MESSAGE } from "@/lib/jobs/job-messages";
import { anotherServerSentence, INSTANCE_LOCK_FILE, parseHolders, systemLock } from "@/lib/ops/instance-lock";
import { checkDetectParams } from "@/lib/pipeline/params";
import { storeLinuxLog, useJobsEnvironment, waitFor } from "../jobs/job-test-env";
import { runStart, serverEnv, spawnStart, type StartedServer } from "./start-process";

// npm start as real processes serving the production build: run by `npm run test:browser`, after
// `next build` (the `.built.test.ts` suffix keeps it out of test:unit, which runs before the build).
// dist/start.cjs needs `npm run -s build:node` first. This process
// shares their database, to put jobs in it and read what became of them.
const env = useJobsEnvironment("logscope-start-lock-");
const lockFile = join(env.dir, INSTANCE_LOCK_FILE);
const servers: StartedServer[] = [];
let runId = 0;

before(async () => {
  const params = checkDetectParams({ year: 2005, epochs: 3 }).params;
  assert.ok(params);
  // A run in the database: no server queues the example run (which it would train).
  runId = (await createRun({ logFileId: await storeLinuxLog(), params })).id;
});
after(async () => {
  for (const server of servers) server.killGroup("SIGKILL");
  await Promise.all(servers.map((server) => server.exited));
  await env.cleanup();
});

/** A job of a kind no runner claims, claimed here: a job some server's worker is running. */
async function runningJob(): Promise<JobRecord> {
  const job = await createJob({ kind: "held-by-test", runId: null });
  assert.equal((await claimNextJob({ kinds: ["held-by-test"] }))?.id, job.id);
  return job;
}

const thisServerEnv = () => serverEnv(env.dir, env.url, env.modelsDir);

test(
  "with real servers: the second is refused and the first's job survives; after kill -9 a new one takes the lock over, fails that job as interrupted, and removes the lock when stopped",
  { timeout: 180_000 },
  async () => {
    // A job the previous server left running: the first server fails it at its start, which also says its runner is up.
    const staleJob = await createJob({ kind: "detect", runId });
    assert.equal((await claimNextJob())?.id, staleJob.id);
    const first = spawnStart(await thisServerEnv());
    servers.push(first);
    const state = async () => ({ job: await getJob(staleJob.id), output: first.output() });
    await waitFor("the first server to recover the stale job", async () => (await getJob(staleJob.id))?.status === "failed", 90_000, state);

    const job = await runningJob();
    const second = await runStart(await thisServerEnv());
    assert.equal(second.code, 2, second.stdout + second.stderr);
    assert.equal(second.stderr, `Error: ${anotherServerSentence(first.pid, env.dir)}\n`);
    assert.equal((await getJob(job.id))?.status, "running");

    first.killGroup("SIGKILL");
    await first.exited;
    assert.ok(existsSync(lockFile), "kill -9 leaves the lock behind");
    // Its pipes close a moment before the kernel is done with its next start: wait for both to be gone.
    const holders = parseHolders(readFileSync(lockFile, "utf8"));
    assert.equal(holders[0]?.pid, first.pid);
    await waitFor("the killed server's processes to be gone", async () => !holders.some((holder) => systemLock().isAlive(holder)), 10_000, async () => holders);

    const third = spawnStart(await thisServerEnv());
    servers.push(third);
    const failed = await waitFor(
      "the new server to fail the interrupted job",
      async () => {
        const now = await getJob(job.id);
        return now?.status === "failed" ? now : undefined;
      },
      90_000,
      async () => ({ job: await getJob(job.id), output: third.output() }),
    );
    assert.equal(failed.error, RESTART_MESSAGE);
    assert.equal(readFileSync(lockFile, "utf8").split(" ")[0], String(third.pid), "the stale lock now names the new server");

    third.child.kill("SIGTERM");
    await third.exited;
    assert.equal(existsSync(lockFile), false, "a server stopped with SIGTERM removes its lock");
  },
);
