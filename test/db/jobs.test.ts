import { after, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { claimNextJob } from "@/lib/db/claim-next-job";
import { openDb } from "@/lib/db/client";
import { createJob } from "@/lib/db/create-job";
import { createLogFile } from "@/lib/db/create-log-file";
import { createRun } from "@/lib/db/create-run";
import { failStaleJobs, STALE_JOB_MESSAGE } from "@/lib/db/fail-stale-jobs";
import { getJob } from "@/lib/db/get-job";
import { getRun } from "@/lib/db/get-run";
import { updateJob } from "@/lib/db/update-job";
import { PARAMS, sha } from "./fixtures";
import { spawnLineChild } from "./line-child";
import { useTempDatabase } from "./temp-database";

const tmp = useTempDatabase();
after(tmp.cleanup);

// Each test starts from an empty queue.
beforeEach(async () => {
  const db = await openDb();
  await db.job.deleteMany({});
});

const queue = async (n: number, kind = "detect") => {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push((await createJob({ kind, payload: { i } })).id);
  return ids;
};

test("jobs are claimed oldest first, stamped as started, until the queue is empty", async () => {
  const ids = await queue(3);
  const first = await claimNextJob();
  assert.equal(first?.id, ids[0]);
  assert.equal(first?.status, "running");
  assert.ok(first?.startedAt instanceof Date && first.heartbeatAt instanceof Date);
  assert.deepEqual(first?.payload, { i: 0 });
  assert.equal((await claimNextJob())?.id, ids[1]);
  assert.equal((await claimNextJob())?.id, ids[2]);
  assert.equal(await claimNextJob(), null);
});

test("a claim can be limited to some kinds and to N running jobs", async () => {
  const [detect] = await queue(1, "detect");
  const [relabel] = await queue(1, "relabel");
  assert.equal((await claimNextJob({ kinds: ["relabel"] }))?.id, relabel);
  assert.equal(await claimNextJob({ maxRunning: 1 }), null, "one is running already");
  assert.equal((await claimNextJob({ maxRunning: 2 }))?.id, detect);
});

test("concurrent claims in one process never hand out a job twice", async () => {
  const ids = await queue(20);
  const claims = await Promise.all(Array.from({ length: 30 }, () => claimNextJob()));
  const claimed = claims.flatMap((job) => (job ? [job.id] : []));
  assert.deepEqual([...claimed].sort((a, b) => a - b), ids);
});

/**
 * Three worker processes race for one queue. Each opens its connection and says "ready"; only then
 * do all get "go" together and claim until the queue is empty, reporting which jobs they got. A
 * round in which one worker drained the queue alone proved nothing about races, so it is run
 * again, at most ROUNDS times: the test fails unless some round had two or more workers claiming
 * at once, and every round must hand out each job exactly once.
 */
test("workers in separate processes racing for the queue never claim the same job", { timeout: 180_000 }, async () => {
  const WORKERS = 3;
  const JOBS = 150;
  const ROUNDS = 5;
  const script = resolve("test/db/claim-jobs-child.ts");
  const workers = Array.from({ length: WORKERS }, () => spawnLineChild(script, { DATABASE_URL: tmp.url }));
  try {
    for (const worker of workers) assert.equal(await worker.nextLine(), "ready");
    const rounds: number[][] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const db = await openDb();
      await db.job.deleteMany({});
      await db.job.createMany({ data: Array.from({ length: JOBS }, (_, i) => ({ kind: "detect", payload: JSON.stringify({ i }) })) });
      const ids = (await db.job.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((j) => j.id);

      for (const worker of workers) worker.send("go");
      const perWorker = await Promise.all(workers.map(async (w) => JSON.parse(await w.nextLine()) as number[]));
      const claimed = perWorker.flat();
      assert.equal(new Set(claimed).size, claimed.length, `no job claimed twice (round ${round + 1})`);
      assert.deepEqual([...claimed].sort((a, b) => a - b), ids, "every job claimed");
      assert.equal(await db.job.count({ where: { status: "running" } }), JOBS);
      rounds.push(perWorker.map((list) => list.length));
      if (perWorker.filter((list) => list.length > 0).length >= 2) break;
    }
    const raced = rounds.some((counts) => counts.filter((n) => n > 0).length >= 2);
    assert.ok(raced, `no round had two workers claiming (jobs per worker in each round: ${JSON.stringify(rounds)})`);
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
});

test("progress updates stamp the heartbeat, and stop applying once the job was cancelled", async () => {
  await queue(1);
  const job = await claimNextJob();
  assert.ok(job);
  const updated = await updateJob(job.id, { progress: 1.7, message: "Training" }, { onlyIf: "running" });
  assert.equal(updated?.progress, 1);
  assert.equal(updated?.message, "Training");
  assert.ok((updated?.heartbeatAt?.getTime() ?? 0) >= (job.heartbeatAt?.getTime() ?? Infinity));

  const cancelled = await updateJob(job.id, { status: "cancelled" });
  assert.ok(cancelled?.finishedAt instanceof Date);
  assert.equal(await updateJob(job.id, { progress: 0.5 }, { onlyIf: "running" }), null);
  assert.equal((await getJob(job.id))?.status, "cancelled");
  assert.equal(await updateJob(987_654, { progress: 0.5 }), null);
});

test("at restart, running jobs and their runs are failed with a clear message; queued and finished jobs are left alone", async () => {
  const { logFile } = await createLogFile({ originalName: "a.log", sha256: sha(9), size: 1, lines: 1, unparsedLines: 0 });
  const run = await createRun({ logFileId: logFile.id, params: PARAMS, status: "running" });
  const running = await createJob({ kind: "detect", runId: run.id });
  await claimNextJob();
  const done = (await queue(1))[0] as number;
  await claimNextJob();
  await updateJob(done, { status: "succeeded" });
  const waiting = (await queue(1))[0] as number;

  const failed = await failStaleJobs();
  assert.deepEqual(failed, { jobIds: [running.id], runIds: [run.id] });
  const job = await getJob(running.id);
  assert.equal(job?.status, "failed");
  assert.equal(job?.error, STALE_JOB_MESSAGE);
  assert.ok(job?.finishedAt instanceof Date);
  const failedRun = await getRun(run.id);
  assert.equal(failedRun?.status, "failed");
  assert.equal(failedRun?.error, STALE_JOB_MESSAGE);
  assert.equal((await getJob(done))?.status, "succeeded");
  assert.equal((await getJob(waiting))?.status, "queued");
  assert.deepEqual(await failStaleJobs(), { jobIds: [], runIds: [] });
});

test("with a heartbeat cutoff only silent jobs are failed", async () => {
  await queue(2);
  const silent = await claimNextJob();
  const alive = await claimNextJob();
  assert.ok(silent && alive);
  const db = await openDb();
  await db.job.update({ where: { id: silent.id }, data: { heartbeatAt: new Date(Date.now() - 10 * 60_000) } });
  const failed = await failStaleJobs({ heartbeatBefore: new Date(Date.now() - 60_000) });
  assert.deepEqual(failed.jobIds, [silent.id]);
  assert.equal((await getJob(alive.id))?.status, "running");
});
