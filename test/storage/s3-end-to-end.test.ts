import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { startRun } from "@/app/actions/start-run";
import { getRun } from "@/lib/db/get-run";
import { IDLE_ACTION } from "@/lib/domain/action-state";
import { startJobRunner } from "@/lib/jobs/runner/job-runner";
import { removeRun } from "@/lib/server/runs/run-commands";
import { getRunWindow } from "@/lib/server/runs/run-windows";
import { storedUploadBytes } from "@/lib/server/uploads/storage-quota";
import { openStorage } from "@/lib/storage/open-storage";
import { LINUX_2K, runForm, storeLinuxLog, useJobsEnvironment, waitForRunToFinish } from "../jobs/job-test-env";
import { startTestS3, useS3Storage, type TestS3 } from "./s3-test-server";

// The variables first: the job runner's worker processes inherit them.
const env = useJobsEnvironment("logscope-s3-e2e-");
let s3: TestS3;
let logFileId = 0;

before(async () => {
  s3 = await startTestS3();
  useS3Storage(s3, "e2e");
  assert.equal(await openStorage().check({ createFolders: true }), null);
  logFileId = await storeLinuxLog();
  await startJobRunner({ pollMs: 100, concurrency: 1 }).ready;
});
after(async () => {
  await env.cleanup();
  await s3.stop();
});

const keys = async (prefix: string) => (await openStorage().list(prefix)).map((object) => object.key);
const LABELS = "window_start,kind\n2005-06-15T02:04:00Z,burst\n";

test("a run on a server whose storage is a bucket trains, its raw lines read back, and deleting it empties the bucket", async () => {
  const [upload] = await keys("uploads/");
  assert.match(upload ?? "", /^uploads\/[0-9a-f]{64}\.log$/, "the upload is in the bucket");
  assert.deepEqual(readdirSync(env.uploadsDir).filter((name) => !name.startsWith(".")), [], "and not in DATA_DIR/uploads");
  assert.equal(await storedUploadBytes(), readFileSync(LINUX_2K).length, "the quota counts the bucket");

  const form = runForm({ logFileId, year: 2005, epochs: 3 });
  form.set("labels", new File([LABELS], "truth.csv"));
  const state = await startRun(IDLE_ACTION, form);
  assert.ok(state.status === "ok" && state.runId !== undefined, JSON.stringify(state));
  const runId = state.runId;
  assert.deepEqual(await keys(`labels/run-${runId}/`), [`labels/run-${runId}/truth.csv`]);

  const view = await waitForRunToFinish(runId, 120_000);
  assert.equal(view.status, "succeeded", view.error ?? "");
  assert.equal(view.truth?.source, "truth.csv: window starts (1 window)", "the worker read the labels from the bucket");
  const run = await getRun(runId);
  assert.ok(run?.modelDir);
  const modelKeys = await keys(`models/run-${runId}-job-`);
  assert.ok(modelKeys.some((key) => key.endsWith("/meta.json")) && modelKeys.some((key) => key.endsWith("/autoencoder/weights.bin")), modelKeys.join());
  assert.equal(existsSync(run.modelDir), false, "the worker's local model directory is gone");

  // A server that never saw the log (no cached copy) reads a window's raw lines from the bucket.
  rmSync(join(env.dir, "cache"), { recursive: true, force: true });
  const window = await getRunWindow(runId, 0);
  const lines = readFileSync(LINUX_2K, "utf8").split(/\r?\n/);
  assert.ok(window.lines.length > 0);
  assert.deepEqual(
    window.lines.map((line) => line.text),
    lines.slice(0, window.lines.length),
  );

  await removeRun(runId);
  assert.deepEqual(await keys("models/"), []);
  assert.deepEqual(await keys("labels/"), []);
  assert.deepEqual(await keys("uploads/"), [], "the log goes with its last run");
});
