import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startRun } from "@/app/actions/start-run";
import { openDb } from "@/lib/db/client";
import { getRun } from "@/lib/db/get-run";
import { listWindows } from "@/lib/db/list-windows";
import { getRunTemplates } from "@/lib/db/run-templates";
import { IDLE_ACTION } from "@/lib/domain/action-state";
import { startJobRunner } from "@/lib/jobs/runner/job-runner";
import { streamResultsCsv } from "@/lib/server/runs/results-csv";
import { getRunWindow } from "@/lib/server/runs/run-windows";
import { explainRunWindow } from "@/lib/server/runs/window-explanation";
import { formatResultsCsv } from "@/lib/pipeline/format-results-csv";
import { checkDetectParams } from "@/lib/pipeline/params";
import { readLabelsFile } from "@/lib/pipeline/read-labels";
import { runDetection } from "@/lib/pipeline/run-detection";
import { LINUX_2K, runForm, storeLinuxLog, useJobsEnvironment, waitForRunToFinish } from "./job-test-env";

const env = useJobsEnvironment("logscope-extended-");
after(env.cleanup);

// Window 0 is 2005-06-14 15:16 (lines 1-3 of the file), window 1 is 2005-06-15 02:04 (lines 4-13).
const LABELS = "window_start,kind\n2005-06-15T02:04:00Z,burst\n2005-06-14T15:16:00Z,auth\n";
const FIELDS = { profile: "seed", year: 2005, epochs: 3, features: "extended", contamination: "auto", aePercentile: "auto" };

let logFileId = 0;
let runId = 0;

before(async () => {
  logFileId = await storeLinuxLog();
  await startJobRunner({ pollMs: 100 }).ready;
});

const withLabels = (fields: Record<string, string | number>, text: string, name: string) => {
  const form = runForm(fields);
  form.set("labels", new File([text], name));
  return form;
};
const incomingLabels = () => {
  const dir = join(env.dir, "labels", ".incoming");
  return existsSync(dir) ? readdirSync(dir) : [];
};

test("a file that is not labels refuses the run with the reader's sentence before any run or job exists", async () => {
  const db = await openDb();
  const before = { runs: await db.run.count(), jobs: await db.job.count() };
  const state = await startRun(IDLE_ACTION, withLabels({ logFileId, ...FIELDS }, "a,b\n1,2\n", "notes.csv"));
  assert.ok(state.status === "error", JSON.stringify(state));
  assert.match(state.errors.labels ?? "", /^notes\.csv is not a labels file: expected the generator's "window_start,kind" CSV/);
  assert.equal(state.message, state.errors.labels);
  assert.deepEqual({ runs: await db.run.count(), jobs: await db.job.count() }, before);
  assert.deepEqual(incomingLabels(), []);
});

test("an extended run with auto thresholds and labels stores its choices, truth, templates and per-feature errors", async () => {
  const state = await startRun(IDLE_ACTION, withLabels({ logFileId, ...FIELDS }, LABELS, "truth.csv"));
  assert.ok(state.status === "ok" && state.runId !== undefined, JSON.stringify(state));
  runId = state.runId;
  assert.equal(readFileSync(join(env.dir, "labels", `run-${runId}`, "truth.csv"), "utf8"), LABELS, "the worker reads the file from the run's folder");

  const view = await waitForRunToFinish(runId, 120_000);
  assert.equal(view.status, "succeeded", view.error ?? "");
  assert.equal(view.params.contamination, "auto");
  assert.equal(view.params.aePercentile, "auto");
  assert.equal(view.features, "extended");
  assert.equal(view.featureNames.length, 13);
  assert.deepEqual(view.truth, { source: "truth.csv: window starts (2 windows)", windows: [0, 1] });
  assert.equal(view.choices?.contamination.mode, "labels");
  assert.equal(view.choices?.aePercentile.mode, "labels");
  assert.equal(view.thresholds?.contamination, view.choices?.contamination.value, "the chosen value is the run's contamination");
  assert.equal(view.thresholds?.aePercentile, view.choices?.aePercentile.value);

  // The same training in this process, as the CLI does it: the stored run is that run.
  const params = checkDetectParams(FIELDS).params;
  assert.ok(params);
  const labelsPath = join(env.dir, "fresh-truth.csv");
  writeFileSync(labelsPath, LABELS);
  const fresh = await runDetection({ logPath: LINUX_2K, params, modelsDir: join(env.dir, "fresh-models"), labels: await readLabelsFile(labelsPath) });
  fresh.models.autoencoder.dispose();
  assert.deepEqual(view.counts, fresh.summary.anomalies);
  assert.equal(await new Response(await streamResultsCsv(runId)).text(), formatResultsCsv(fresh.results));

  const templates = await getRunTemplates(runId);
  assert.equal(templates.length, fresh.templates?.entries.length);
  assert.deepEqual(templates.map(({ id, median, mean, std }) => ({ id, median, mean, std })), fresh.templateStats);
  assert.deepEqual(templates[0]?.template, fresh.templates?.entries[0]?.template);

  const { windows } = await listWindows({ runId, pageSize: 1000 });
  assert.equal(windows.length, 235);
  for (const w of windows) {
    assert.equal(w.features.length, 13);
    const lines = (w.templateCounts ?? []).reduce((sum, [, count]) => sum + count, 0);
    assert.equal(lines, w.features[0], `window ${w.index}: its template counts add up to its event count`);
    const errors = w.aeFeatureErrors ?? [];
    assert.equal(errors.length, 13);
    const mean = errors.reduce((a, b) => a + b, 0) / 13;
    assert.ok(Math.abs(mean - w.aeError) <= 1e-6 * Math.max(1, w.aeError), `window ${w.index}: the errors average to aeError`);
  }
  const run = await getRun(runId);
  assert.equal(run?.params.contaminationAuto, true);
  assert.equal(run?.params.contamination, fresh.results.thresholds.contamination);
});

test("a window's explanation weighs all thirteen features in each model's view and shows its templates with a line of its own", async () => {
  const detail = await getRunWindow(runId, 1);
  const explanation = await explainRunWindow(runId, 1);
  assert.equal(explanation.index, 1);
  assert.equal(explanation.trained, true);
  assert.equal(explanation.features.length, 13);
  assert.deepEqual(new Set(explanation.features.map((f) => f.name)), new Set(Object.keys(detail.window.features)));
  const share = (list: { share: number }[]) => list.reduce((sum, s) => sum + s.share, 0);
  assert.equal(explanation.isolationForest.attribution.length, 13, "the saved forest was loaded");
  assert.ok(Math.abs(share(explanation.isolationForest.attribution) - 1) < 1e-9);
  assert.ok(Math.abs(share(explanation.autoencoder.contributions) - 1) < 1e-6);
  assert.equal(explanation.isolationForest.score, detail.window.ifScore);
  assert.equal(explanation.dbscan.eps, 0.5);
  assert.equal(typeof explanation.summary, "string");
  // Every template of the window shown comes with one of the window's own lines.
  const own = new Set(detail.lines.map((l) => l.text));
  for (const t of explanation.templates) assert.ok(t.example && own.has(t.example), `template ${t.id}: ${t.example}`);

  const anomalous = (await listWindows({ runId, filter: "ensemble", sort: "ifScore", pageSize: 1 })).windows[0];
  assert.ok(anomalous);
  const flagged = await explainRunWindow(runId, anomalous.index);
  assert.ok(flagged.templates.length > 0, "an anomalous window has at least one unusual template");
  assert.match(flagged.summary, /^Flagged by /);

  const relabelled = await explainRunWindow(runId, 1, { contamination: 0.5 });
  assert.equal(relabelled.trained, false);
  assert.equal(relabelled.thresholds.contamination, 0.5);
  assert.ok(relabelled.isolationForest.threshold < explanation.isolationForest.threshold);
});

test("the action refuses labels of another year beside the labels field before any run or job exists", async () => {
  const db = await openDb();
  const before = { runs: await db.run.count(), jobs: await db.job.count() };
  const labels = "window_start,kind\n1999-03-01T10:00:00Z,burst\n1999-03-01T10:05:00Z,burst\n";
  const state = await startRun(IDLE_ACTION, withLabels({ logFileId, year: 2005, epochs: 3 }, labels, "labels-1999.csv"));
  assert.ok(state.status === "error", JSON.stringify(state));
  assert.match(state.errors.labels ?? "", /^None of the 2 labelled window starts in labels-1999\.csv \(1999-03-01T10:00:00Z \.\. 1999-03-01T10:05:00Z\) falls within the log's time span/);
  assert.deepEqual(Object.keys(state.errors), ["labels"]);
  assert.deepEqual({ runs: await db.run.count(), jobs: await db.job.count() }, before);
  assert.deepEqual(incomingLabels(), []);
});

test("labels within the log's time span that fit no window of it fail the run with the pipeline's sentence", async () => {
  // The log has no record between 2005-06-16 04:16 and 2005-06-17: the start check passes, the worker's fails.
  const state = await startRun(IDLE_ACTION, withLabels({ logFileId, year: 2005, epochs: 3 }, "window_start\n2005-06-16T12:00:00Z\n", "other-log.csv"));
  assert.ok(state.status === "ok" && state.runId !== undefined, JSON.stringify(state));
  const view = await waitForRunToFinish(state.runId);
  assert.equal(view.status, "failed");
  assert.match(view.error ?? "", /^None of the 1 window starts in other-log\.csv \(2005-06-16T12:00:00Z to 2005-06-16T12:00:00Z\) falls in one of the run's 235 windows/);
  assert.equal(view.truth, null);
});
