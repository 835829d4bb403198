import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { startRun } from "@/app/actions/start-run";
import { claimNextJob } from "@/lib/db/claim-next-job";
import { createJob } from "@/lib/db/create-job";
import { createRun } from "@/lib/db/create-run";
import { getJob } from "@/lib/db/get-job";
import { getRun } from "@/lib/db/get-run";
import { listWindows } from "@/lib/db/list-windows";
import { IDLE_ACTION } from "@/lib/domain/action-state";
import { startJobRunner } from "@/lib/jobs/runner/job-runner";
import { RESTART_MESSAGE } from "@/lib/jobs/job-messages";
import { relabelRun } from "@/lib/server/runs/relabel-run";
import { streamResultsCsv } from "@/lib/server/runs/results-csv";
import { getRunWindow } from "@/lib/server/runs/run-windows";
import { storeUpload } from "@/lib/server/uploads/store-upload";
import { formatResultsCsv } from "@/lib/pipeline/format-results-csv";
import { checkDetectParams, type DetectParams } from "@/lib/pipeline/params";
import { runDetection } from "@/lib/pipeline/run-detection";
import { LINUX_2K, runForm, storeLinuxLog, useJobsEnvironment, waitForRunToFinish } from "../job-test-env";

const env = useJobsEnvironment();
after(env.cleanup);

const params = (input: Record<string, unknown>): DetectParams => {
  const check = checkDetectParams({ profile: "seed", ...input });
  assert.ok(check.params, JSON.stringify(check.errors));
  return check.params;
};

/** The same training in this process, as the CLI does it. */
const freshRun = (input: Record<string, unknown>) =>
  runDetection({ logPath: LINUX_2K, params: params(input), modelsDir: `${env.dir}/fresh-models` });

let logFileId = 0;
let staleRunId = 0;
let staleJobId = 0;

before(async () => {
  logFileId = await storeLinuxLog();
  // A job the previous server left running: claimed, never finished.
  const run = await createRun({ logFileId, params: params({ year: 2005, epochs: 3 }) });
  staleRunId = run.id;
  staleJobId = (await createJob({ kind: "detect", runId: run.id })).id;
  assert.equal((await claimNextJob())?.id, staleJobId);
  await startJobRunner({ pollMs: 100 }).ready;
});

test("a job left running by a previous server is failed with a restart message when the runner starts", async () => {
  const job = await getJob(staleJobId);
  assert.equal(job?.status, "failed");
  assert.equal(job?.error, RESTART_MESSAGE);
  const run = await getRun(staleRunId);
  assert.equal(run?.status, "failed");
  assert.equal(run?.error, "The server restarted while this run was in progress; start it again.");
});

let runId = 0;

test("a run started by the action trains in a worker process and stores 235 windows with line ranges and the CLI's counts", async () => {
  const state = await startRun(IDLE_ACTION, runForm({ logFileId, year: 2005, epochs: 3, eps: "", seed: "" }));
  assert.ok(state.status === "ok" && state.runId !== undefined, JSON.stringify(state));
  runId = state.runId;

  const view = await waitForRunToFinish(runId);
  assert.equal(view.status, "succeeded", view.error ?? "");
  assert.equal(view.progress, 1);
  assert.equal(view.windowCount, 235);
  assert.deepEqual(view.logFile, { id: logFileId, name: "Linux_2k.log", size: 216485, lines: 2000, unparsedLines: 0 });

  const page = await listWindows({ runId, pageSize: 1000 });
  assert.equal(page.total, 235);
  const lines = page.windows.reduce((sum, w) => sum + w.lineRanges.reduce((s, r) => s + r.lineCount, 0), 0);
  assert.equal(lines, 2000, "every parsed line belongs to exactly one window's ranges");
  assert.ok(page.windows.every((w) => w.lineRanges.length >= 1));

  const fresh = await freshRun({ year: 2005, epochs: 3 });
  assert.deepEqual(view.counts, fresh.summary.anomalies);
  const run = await getRun(runId);
  assert.ok(run?.modelDir && existsSync(`${run.modelDir}/meta.json`), "the models are saved");
  assert.ok(run.modelDir.startsWith(env.modelsDir));
  // The stored run's CSV is the CLI's CSV, byte for byte.
  assert.equal(await new Response(await streamResultsCsv(runId)).text(), formatResultsCsv(fresh.results));
  fresh.models.autoencoder.dispose();
});

test("relabelling a run through the service equals a fresh run with the same thresholds", async () => {
  const thresholds = { eps: 0.8, minSamples: 3, contamination: 0.1, aePercentile: 90, votes: 1 };
  const relabelled = await relabelRun(runId, thresholds);
  const fresh = await freshRun({ year: 2005, epochs: 3, ...thresholds });
  assert.equal(relabelled.stored, false);
  for (const model of ["isolationForest", "dbscan", "autoencoder", "ensemble"] as const) {
    assert.deepEqual([...relabelled.relabelling.labels[model]], [...fresh.results.labels[model]], model);
  }
  assert.deepEqual(relabelled.counts, fresh.summary.anomalies);
  fresh.models.autoencoder.dispose();
  // Viewing other thresholds leaves the trained labels alone.
  const run = await getRun(runId);
  assert.equal(run?.labelSettings, null);
  assert.deepEqual(run?.counts, (await relabelRun(runId)).counts);
});

test("a window's drill-down returns its raw lines from the stored upload", async () => {
  const file = readFileSync(LINUX_2K, "utf8").split(/\r?\n/);
  // By hand: window 1 is 2005-06-15 02:04, the ten lines 4-13 of the file (CRLF line ends, dropped).
  const detail = await getRunWindow(runId, 1);
  assert.equal(detail.window.startIso, "2005-06-15T02:04:00Z");
  assert.equal(detail.truncated, false);
  assert.deepEqual(detail.lines.map((l) => l.line), [4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  assert.deepEqual(detail.lines.map((l) => l.text), file.slice(3, 13));
  assert.ok(detail.lines.every((l) => !l.unparsed));
  const first = await getRunWindow(runId, 0);
  assert.deepEqual(first.lines.map((l) => l.text), file.slice(0, 3));
  assert.equal(first.lines[0]?.text.startsWith("Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure;"), true);
});

test("a run the pipeline refuses fails with the pipeline's sentence, naming the log by its upload name", async () => {
  const lines = "Jun 14 15:16:01 combo sshd[1]: one\nJun 14 15:16:30 combo sshd[1]: two\n";
  const { logFile } = await storeUpload([new TextEncoder().encode(lines)], { originalName: "tiny.log" });
  const state = await startRun(IDLE_ACTION, runForm({ logFileId: logFile.id, year: 2005, epochs: 3 }));
  assert.ok(state.status === "ok" && state.runId !== undefined, JSON.stringify(state));
  const view = await waitForRunToFinish(state.runId);
  assert.equal(view.status, "failed");
  assert.match(view.error ?? "", /^tiny\.log holds only 1 window of 60 s: the detectors need at least 2/);
  assert.equal(view.counts, null);
  assert.deepEqual(readdirSync(env.modelsDir).filter((e) => e.includes(`run-${state.runId}-`)), []);
});
