import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { cancelRun } from "@/app/actions/cancel-run";
import { deleteRun } from "@/app/actions/delete-run";
import { startRun } from "@/app/actions/start-run";
import { resolveStoredPath } from "@/lib/db/database-location";
import { getJob } from "@/lib/db/get-job";
import { getRun } from "@/lib/db/get-run";
import { listJobs } from "@/lib/db/list-jobs";
import { listWindows } from "@/lib/db/list-windows";
import { IDLE_ACTION } from "@/lib/domain/action-state";
import { currentJobRunner, startJobRunner } from "@/lib/jobs/runner/job-runner";
import { getRunView } from "@/lib/server/runs/run-view";
import { runForm, storeLinuxLog, useJobsEnvironment, waitFor, waitForRunToFinish } from "./job-test-env";

const env = useJobsEnvironment();
after(env.cleanup);

let logFileId = 0;
before(async () => {
  logFileId = await storeLinuxLog();
  await startJobRunner({ pollMs: 100, concurrency: 1 }).ready;
});

const start = async (epochs: number, eps = "") => {
  const state = await startRun(IDLE_ACTION, runForm({ logFileId, year: 2005, epochs, eps }));
  assert.ok(state.status === "ok" && state.runId !== undefined, JSON.stringify(state));
  return state.runId;
};
const jobOf = async (runId: number) => {
  const [job] = await listJobs({ runId, limit: 1 });
  assert.ok(job);
  return job;
};
const modelEntries = () => readdirSync(env.modelsDir);

let first = 0;
let second = 0;

test("two runs started together queue with concurrency 1: the second waits until the first has finished", async () => {
  [first, second] = (await Promise.all([start(3), start(3, "auto")])).sort((a, b) => a - b);
  await waitFor("the first run to start", async () => (await getRunView(first)).status === "running");
  assert.equal((await getRunView(second)).status, "queued");
  assert.equal((await waitForRunToFinish(first)).status, "succeeded");
  assert.equal((await waitForRunToFinish(second)).status, "succeeded");
  const [a, b] = [await jobOf(first), await jobOf(second)];
  assert.ok(a.finishedAt && b.startedAt && b.startedAt.getTime() >= a.finishedAt.getTime(), "no overlap");
  // One of the two chose eps from the k-distance curve; the run records the eps it chose.
  const views = [await getRunView(first), await getRunView(second)];
  const auto = views.find((v) => v.params.eps === "auto");
  assert.ok(auto?.thresholds && auto.thresholds.eps > 0 && auto.thresholds.eps !== 0.5);
});

test("cancelling a queued run means it never starts; cancelling a running one kills its worker and removes what it wrote", async () => {
  const slow = await start(1000);
  const queued = await start(3);
  await waitFor("the slow run to train", async () => /^Epoch \d+\/1000/.test((await getRunView(slow)).message ?? ""));
  assert.equal((await getRunView(queued)).status, "queued");

  const cancelledQueued = await cancelRun(IDLE_ACTION, runForm({ runId: queued }));
  assert.equal(cancelledQueued.status, "ok", JSON.stringify(cancelledQueued));
  assert.equal((await getRunView(queued)).status, "cancelled");

  const cancelledRunning = await cancelRun(IDLE_ACTION, runForm({ runId: slow }));
  assert.equal(cancelledRunning.status, "ok", JSON.stringify(cancelledRunning));
  await waitFor("the worker to be gone", async () => currentJobRunner()?.runningJobIds().length === 0, 20_000);
  // The runner settles the job right after the worker exits.
  await waitFor("the slow run's files to be removed", async () => !modelEntries().some((e) => e.includes(`run-${slow}-`)), 10_000);

  const slowRun = await getRun(slow);
  assert.equal(slowRun?.status, "cancelled");
  assert.equal(slowRun?.modelDir, null);
  assert.equal((await listWindows({ runId: slow })).total, 0);
  assert.equal((await jobOf(slow)).status, "cancelled");
  const queuedJob = await getJob((await jobOf(queued)).id);
  assert.equal(queuedJob?.status, "cancelled");
  assert.equal(queuedJob?.startedAt, null, "the queued job never ran");

  const again = await cancelRun(IDLE_ACTION, runForm({ runId: first }));
  assert.ok(again.status === "error", JSON.stringify(again));
  assert.match(again.message, /already succeeded/);
});

test("deleting a run removes its windows and model files and nothing of another run; the upload goes with the last run", async () => {
  const a = await getRun(first);
  const b = await getRun(second);
  assert.ok(a?.modelDir && b?.modelDir && existsSync(a.modelDir) && existsSync(b.modelDir));
  const upload = resolveStoredPath(a.logFile.storedPath);

  const deleted = await deleteRun(IDLE_ACTION, runForm({ runId: first }));
  assert.equal(deleted.status, "ok", JSON.stringify(deleted));
  assert.equal(await getRun(first), null);
  assert.equal((await listWindows({ runId: first })).total, 0);
  assert.equal(existsSync(a.modelDir), false);
  assert.equal(existsSync(b.modelDir), true);
  assert.equal((await listWindows({ runId: second })).total, 235);
  assert.equal(existsSync(upload), true, "other runs still use the upload");

  const missing = await deleteRun(IDLE_ACTION, runForm({ runId: first }));
  assert.deepEqual(missing, { status: "error", message: `There is no run ${first}.`, errors: {} });

  const others = (await listJobs({ limit: 500 })).map((j) => j.runId as number).filter((id) => id !== first);
  for (const runId of new Set(others)) assert.equal((await deleteRun(IDLE_ACTION, runForm({ runId }))).status, "ok");
  assert.equal(existsSync(upload), false, "no run uses the upload any more");
  assert.deepEqual(modelEntries(), []);
});
