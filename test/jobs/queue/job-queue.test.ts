import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { Queue, Worker } from "bullmq";
import { closeJobQueue, enqueueJob, jobQueue } from "@/lib/jobs/queue/job-queue";
import { QUEUE_NAME, queueConnection, queueJobId } from "@/lib/jobs/queue/queue-connection";
import { openTestRedis, waitUntil } from "./queue-test-env";

let redis: { url: string; cleanup: () => Promise<void> };
before(async () => {
  redis = await openTestRedis(5);
});
after(async () => {
  await closeJobQueue();
  await redis.cleanup();
});

test("queueing a job twice adds it once", async () => {
  await enqueueJob(7, redis.url);
  await enqueueJob(7, redis.url);
  assert.equal(await jobQueue(redis.url).getJobCountByTypes("waiting"), 1);
  assert.equal(await jobQueue(redis.url).getJobState(queueJobId(7)), "waiting");
});

test("a failed queue job left by an earlier store does not swallow a new job with the same id", async () => {
  // An earlier database's job 1 failed (BullMQ keeps failed jobs a week); the new database's job 1 must still run.
  const old = new Queue(QUEUE_NAME, { connection: queueConnection(redis.url) });
  await old.add("detect", { jobId: 1 }, { jobId: queueJobId(1), attempts: 1, removeOnFail: false });
  const failing = new Worker(QUEUE_NAME, () => Promise.reject(new Error("the old store's job failed")), { connection: queueConnection(redis.url) });
  await waitUntil("the old job to fail", async () => (await old.getJobState(queueJobId(1))) === "failed", 10_000);
  await failing.close();
  await old.close();
  await enqueueJob(1, redis.url);
  assert.equal(await jobQueue(redis.url).getJobState(queueJobId(1)), "waiting");
});
