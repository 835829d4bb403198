import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { getJob } from "@/lib/db/get-job";
import { getRun } from "@/lib/db/get-run";
import { listJobs } from "@/lib/db/list-jobs";
import { listWindows } from "@/lib/db/list-windows";
import { closeJobQueue, jobQueue } from "@/lib/jobs/queue/job-queue";
import { queueJobId } from "@/lib/jobs/queue/queue-connection";
import { HANDED_BACK, STOPPED_TWICE } from "@/lib/jobs/queue/queue-messages";
import { checkDetectParams } from "@/lib/pipeline/params";
import { cancelRun, queueRun } from "@/lib/server/runs/run-commands";
import { storeLinuxLog, useJobsEnvironment, waitForRunToFinish } from "../job-test-env";
import { jobProcesses, requireWorkerBuild, openTestRedis, waitUntil, WorkerProcess } from "./queue-test-env";

// `npm run worker` processes (dist/worker-pool.cjs) on a real Redis take the runs this process (the
// web server's side: queueRun, cancelRun) queues; the server runs no jobs itself.
requireWorkerBuild();
const env = useJobsEnvironment("logscope-queue-");
const LEASE_SECONDS = 5;
let redis: { url: string; cleanup: () => Promise<void> };
const workers: WorkerProcess[] = [];

const workerEnv = () => ({
  DATA_DIR: env.dir,
  DATABASE_URL: env.url,
  MODELS_DIR: env.modelsDir,
  LOGSCOPE_QUEUE_URL: redis.url,
  LOGSCOPE_JOB_LEASE_SECONDS: String(LEASE_SECONDS),
  LOGSCOPE_JOB_RUNNER: "off",
});

async function startWorkers(count: number): Promise<WorkerProcess[]> {
  const started = Array.from({ length: count }, () => new WorkerProcess(workerEnv()));
  workers.push(...started);
  await Promise.all(started.map((w) => w.ready()));
  return started;
}

/** Starts workers until `count` are alive (each test can run alone, --test-name-pattern). */
async function ensureWorkers(count: number): Promise<void> {
  const missing = count - live().length;
  if (missing > 0) await startWorkers(missing);
}

const live = () => workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
const holderOf = (jobId: number) => live().find((w) => w.took().at(-1) === jobId);
const allOutput = () => workers.map((w) => `--- worker ${w.pid}\n${w.output}`).join("\n");

let logFileId = 0;
before(async () => {
  redis = await openTestRedis(3);
  process.env.LOGSCOPE_QUEUE_URL = redis.url;
  process.env.LOGSCOPE_JOB_LEASE_SECONDS = String(LEASE_SECONDS);
  process.env.LOGSCOPE_JOB_RUNNER = "off";
  logFileId = await storeLinuxLog();
});

after(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await closeJobQueue();
  await env.cleanup();
  await redis.cleanup();
});

async function queue(epochs: number): Promise<{ runId: number; jobId: number }> {
  const check = checkDetectParams({ year: 2005, epochs });
  assert.ok(check.params);
  const run = await queueRun({ logFileId, params: check.params });
  const [job] = await listJobs({ runId: run.id, limit: 1 });
  assert.ok(job);
  return { runId: run.id, jobId: job.id };
}

const queueState = (jobId: number) => jobQueue(redis.url).getJobState(queueJobId(jobId));
const isTraining = async (jobId: number) => /^Epoch \d+\//.test((await getJob(jobId))?.message ?? "");

test("a queued run is trained by an `npm run worker` process while the server runs no jobs", async () => {
  await ensureWorkers(1);
  const { runId, jobId } = await queue(3);
  const view = await waitForRunToFinish(runId, 60_000);
  assert.equal(view.status, "succeeded", allOutput());
  assert.ok((await listWindows({ runId })).total > 0);
  assert.deepEqual(workers.flatMap((w) => w.took()), [jobId]);
  // Done and gone from the queue (the DB job is the record); the worker removes it right after the job process exits.
  await waitUntil("the queue to let go of it", async () => (await queueState(jobId)) === "unknown", 5_000);
});

test("three workers drain ten runs, each job claimed exactly once", async () => {
  await ensureWorkers(3);
  const queued: { runId: number; jobId: number }[] = [];
  for (let i = 0; i < 10; i += 1) queued.push(await queue(2));
  for (const { runId } of queued) assert.equal((await waitForRunToFinish(runId, 120_000)).status, "succeeded", allOutput());
  const claims = live().flatMap((w) => w.took()).filter((id) => queued.some((q) => q.jobId === id));
  assert.deepEqual([...claims].sort((a, b) => a - b), queued.map((q) => q.jobId).sort((a, b) => a - b), allOutput());
  assert.ok(live().filter((w) => w.took().some((id) => queued.some((q) => q.jobId === id))).length >= 2, "the work was shared");
});

test("a worker killed with kill -9 mid-job: its job process dies with it, and another worker trains the job again and finishes it", async () => {
  await ensureWorkers(3);
  // Long enough that an epoch's progress is written (at most one write a second) before training ends.
  const { runId, jobId } = await queue(1000);
  await waitUntil("the job to train", () => isTraining(jobId), 60_000);
  const holder = holderOf(jobId);
  assert.ok(holder, allOutput());
  const [jobProcess] = jobProcesses(jobId, env.dir);
  assert.ok(jobProcess, "the holder runs the job in a worker-main process");
  const killedAt = Date.now();
  holder.kill9();
  await waitUntil("the orphaned job process to exit", () => !jobProcesses(jobId, env.dir).includes(jobProcess), 3_000);
  await waitUntil("another worker to take the job", () => live().some((w) => w.took().includes(jobId)), (LEASE_SECONDS + 3) * 1000, allOutput);
  const takenAfter = (Date.now() - killedAt) / 1000;
  assert.ok(takenAfter <= LEASE_SECONDS + 2, `taken over after ${takenAfter} s`);
  const view = await waitForRunToFinish(runId, 120_000);
  assert.equal(view.status, "succeeded", allOutput());
  assert.match(allOutput(), new RegExp(`took job ${jobId} \\(run ${runId}\\), attempt 2, after its previous worker stopped`));
  // One model directory: the dead attempt's was removed before the second one trained.
  assert.deepEqual(readdirSync(env.modelsDir).filter((e) => e.includes(`run-${runId}-`)), [`run-${runId}-job-${jobId}`]);
});

test("a job whose worker is killed twice ends failed with a sentence saying so, never stuck running", async () => {
  await ensureWorkers(3);
  const { runId, jobId } = await queue(1000);
  for (let kill = 1; kill <= 2; kill += 1) {
    await waitUntil(`the job to train (attempt ${kill})`, async () => (await isTraining(jobId)) && holderOf(jobId) !== undefined, 60_000, allOutput);
    const holder = holderOf(jobId);
    holder?.kill9();
    await holder?.exited;
  }
  const run = await waitForRunToFinish(runId, (LEASE_SECONDS + 5) * 1000);
  assert.equal(run.status, "failed");
  assert.equal((await getRun(runId))?.error, STOPPED_TWICE);
  const job = await getJob(jobId);
  assert.equal(job?.status, "failed");
  assert.equal(job?.error, "The worker running this job stopped (killed or lost) twice; start the run again.");
  await waitUntil("the model files to go", () => !readdirSync(env.modelsDir).some((e) => e.includes(`run-${runId}-`)), 5_000);
});

test("cancel reaches the worker holding the job within two seconds; a queued job leaves the queue", async () => {
  await ensureWorkers(1);
  const running = await queue(1000);
  await waitUntil("the job to train", () => isTraining(running.jobId), 60_000, allOutput);
  // Every live worker is busy with one job, so this one waits in the queue.
  const busy = live().length;
  const fillers: { runId: number; jobId: number }[] = [];
  for (let i = 1; i < busy; i += 1) fillers.push(await queue(1000));
  const waiting = await queue(3);
  await waitUntil("the filler jobs to start", async () => (await Promise.all(fillers.map((f) => isTraining(f.jobId)))).every(Boolean), 60_000);
  assert.equal(await queueState(waiting.jobId), "waiting");

  await cancelRun(waiting.runId);
  assert.equal(await queueState(waiting.jobId), "unknown");

  const cancelledAt = Date.now();
  await cancelRun(running.runId);
  await waitUntil("the job process to exit", () => jobProcesses(running.jobId, env.dir).length === 0, 3_000);
  const stoppedAfter = (Date.now() - cancelledAt) / 1000;
  assert.ok(stoppedAfter <= 2.5, `stopped after ${stoppedAfter} s`);
  await waitUntil("the queue to let go of it", async () => (await queueState(running.jobId)) === "unknown", 5_000);
  assert.equal((await getRun(running.runId))?.status, "cancelled");
  assert.equal((await getJob(waiting.jobId))?.startedAt, null, "the queued job never ran");
  assert.ok(!readdirSync(env.modelsDir).some((e) => e.includes(`run-${running.runId}-`)));
  for (const filler of fillers) await cancelRun(filler.runId);
});

test("a worker stopped with SIGTERM hands its job back to the queue, and another worker trains it", async () => {
  await ensureWorkers(2);
  const { runId, jobId } = await queue(300);
  await waitUntil("the job to train", () => isTraining(jobId), 60_000, allOutput);
  const holder = holderOf(jobId);
  assert.ok(holder);
  holder.child.kill("SIGTERM");
  assert.equal(await holder.exited, 0);
  assert.match(holder.output, new RegExp(`handed job ${jobId} back to the queue`));
  assert.ok((await getJob(jobId))?.message === HANDED_BACK || (await getJob(jobId))?.status !== "queued");
  assert.equal((await waitForRunToFinish(runId, 120_000)).status, "succeeded", allOutput());
});
