import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { POST as postRun } from "@/app/api/runs/route";
import { GET as getRunRoute } from "@/app/api/runs/[id]/route";
import { DELETE as deleteLabelsRoute, PUT as putLabelsRoute } from "@/app/api/runs/[id]/labels/route";
import { GET as explanationRoute } from "@/app/api/runs/[id]/windows/[index]/explanation/route";
import { GET as seriesRoute } from "@/app/api/runs/[id]/series/route";
import { listWindows } from "@/lib/db/list-windows";
import { decodeFeaturePart } from "@/lib/ui/series-binary";
import { openDb } from "@/lib/db/client";
import { getRunWindowSpans } from "@/lib/db/get-run-window-spans";
import { startJobRunner } from "@/lib/jobs/runner/job-runner";
import { LINUX_2K, useJobsEnvironment, waitFor } from "../../jobs/job-test-env";
import { BASE, get, json, routeParams } from "./api-test-env";

const env = useJobsEnvironment("logscope-labels-api-");
after(env.cleanup);
before(async () => {
  await startJobRunner({ pollMs: 100 }).ready;
});

const LOG = readFileSync(LINUX_2K);
const id = (value: number | string) => routeParams({ id: String(value) });
const uploadsLeft = () => (existsSync(env.uploadsDir) ? readdirSync(env.uploadsDir).filter((f) => f.endsWith(".log")) : []);
const labelsLeft = () => {
  const dir = join(env.dir, "labels");
  return existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).filter((p) => p !== ".incoming") : [];
};

/** A multipart POST /api/runs with the log and, when given, a labels file. */
function startForm(fields: Record<string, string | number>, labels?: { name: string; text: string }): Request {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, String(value));
  form.set("file", new Blob([LOG]), "Linux_2k.log");
  if (labels) form.set("labels", new Blob([labels.text]), labels.name);
  return new Request(`${BASE}/api/runs`, { method: "POST", body: form });
}

const putLabels = (runId: number, body: BodyInit, init: { multipartName?: string; query?: string } = {}) => {
  if (init.multipartName) {
    const form = new FormData();
    form.set("labels", new Blob([body as string]), init.multipartName);
    body = form;
  }
  return putLabelsRoute(new Request(`${BASE}/api/runs/${runId}/labels${init.query ?? ""}`, { method: "PUT", body }), id(runId));
};

/** One label per line of Linux_2k (2000 lines): "-" except the alert lines given (1-based). */
const perLine = (alerts: number[], lines = 2000) =>
  Array.from({ length: lines }, (_, i) => (alerts.includes(i + 1) ? `ALERT line ${i + 1}` : "- ok")).join("\n") + "\n";

test("a run with contamination=auto and a labels file that is not labels is refused before anything is stored", async () => {
  const response = await postRun(startForm({ year: 2005, contamination: "auto", features: "extended" }, { name: "labels.bin", text: "\u0000\u0001\u0002 binary" }));
  assert.equal(response.status, 400);
  const body = await json(response);
  assert.match(String(body.error), /^labels\.bin looks like a binary file, not a labels file/);
  assert.deepEqual(Object.keys(body.errors as object), ["labels"]);
  const db = await openDb();
  assert.deepEqual([await db.run.count(), await db.job.count(), await db.logFile.count()], [0, 0, 0]);
  assert.deepEqual(uploadsLeft(), []);
  assert.deepEqual(labelsLeft(), []);
});

let runId = 0;

test("an extended run with auto thresholds started through the API succeeds and shows what auto chose", async () => {
  const response = await postRun(startForm({ year: 2005, epochs: 3, features: "extended", contamination: "auto", aePercentile: "auto" }));
  assert.equal(response.status, 201, JSON.stringify(await response.clone().json()));
  runId = (await json(response)).id as number;
  const current = async () => json(await getRunRoute(get(`/api/runs/${runId}`), id(runId)));
  const view = await waitFor("the run to finish", async () => {
    const body = await current();
    return body.status === "succeeded" || body.status === "failed" ? body : undefined;
  }, 120_000, current);
  assert.equal(view.status, "succeeded", String(view.error));
  assert.equal(view.features, "extended");
  assert.deepEqual((view.params as { contamination: unknown }).contamination, "auto");
  const choices = view.choices as { contamination: { mode: string; value: number } };
  assert.equal(choices.contamination.mode, "auto");
  assert.equal((view.thresholds as { contamination: number }).contamination, choices.contamination.value);
  assert.equal(view.truth, null);
});

test("labels attach to a finished run by window start or per log line, and a file that does not fit changes nothing", async () => {
  const starts = await putLabels(runId, "window_start\n2005-06-15T02:04:00Z\n2005-06-14T15:16:00Z\n", { multipartName: "starts.csv" });
  assert.equal(starts.status, 200);
  assert.deepEqual(await json(starts), { runId, truth: { source: "starts.csv: window starts (2 windows)", windows: [0, 1] } });

  // Per-line labels (raw body): lines 4 and 5 are in window 1; line 2000 in whichever window holds it.
  const spans = await getRunWindowSpans(runId);
  const last = spans.findIndex((w) => w.lineRanges.some((r) => r.firstLine <= 2000 && 2000 < r.firstLine + r.lineCount));
  assert.ok(last > 1);
  const lines = await putLabels(runId, perLine([4, 5, 2000]), { query: "?name=alerts.txt" });
  assert.equal(lines.status, 200);
  const truth = { source: "alerts.txt: per-line labels (3 alert lines)", windows: [1, last] };
  assert.deepEqual((await json(lines)).truth, truth);
  assert.deepEqual((await json(await getRunRoute(get(`/api/runs/${runId}`), id(runId)))).truth, truth);

  const refusals: [BodyInit, RegExp][] = [
    [perLine([4], 1999), /^labels\.txt has 1,999 lines but the log has 2,000: per-line labels need exactly one line per log line/],
    ["2024-01-01T00:00:00Z\n", /^None of the 1 window starts in labels\.txt .* falls in one of the run's 235 windows/],
    ["this is\nnot labels\n", /^labels\.txt is not a labels file/],
  ];
  for (const [body, message] of refusals) {
    const refused = await putLabels(runId, body);
    assert.equal(refused.status, 400);
    const error = await json(refused);
    assert.match(String(error.error), message);
    assert.deepEqual(Object.keys(error.errors as object), ["labels"]);
  }
  assert.deepEqual((await json(await getRunRoute(get(`/api/runs/${runId}`), id(runId)))).truth, truth, "refusals leave the truth as it was");
  assert.deepEqual(labelsLeft(), [], "no received file is kept");

  const removed = await deleteLabelsRoute(new Request(`${BASE}/api/runs/${runId}/labels`, { method: "DELETE" }), id(runId));
  assert.deepEqual(await json(removed), { runId, truth: null });
  assert.equal((await json(await getRunRoute(get(`/api/runs/${runId}`), id(runId)))).truth, null);
  assert.equal((await putLabels(999, "window_start\n2005-06-15T02:04:00Z\n")).status, 404);
});

test("a window's explanation has each model's evidence over the thirteen features", async () => {
  const params = (index: string) => routeParams({ id: String(runId), index });
  const response = await explanationRoute(get(`/api/runs/${runId}/windows/1/explanation`), params("1"));
  assert.equal(response.status, 200);
  const body = await json(response);
  assert.deepEqual(Object.keys(body).sort(), [
    "autoencoder", "dbscan", "end", "features", "index", "isolationForest", "runId", "start", "summary", "templates", "thresholds", "topFeatures", "trained",
  ]);
  assert.equal((body.features as unknown[]).length, 13);
  assert.deepEqual(Object.keys(body.isolationForest as object).sort(), ["anomalous", "attribution", "score", "threshold"]);
  assert.deepEqual(Object.keys(body.autoencoder as object).sort(), ["anomalous", "contributions", "error", "threshold"]);
  assert.deepEqual(Object.keys(body.dbscan as object).sort(), ["cluster", "distance", "eps", "noise", "summary"]);
  const relabelled = await json(await explanationRoute(get(`/api/runs/${runId}/windows/1/explanation?votes=1&eps=0.8`), params("1")));
  assert.equal(relabelled.trained, false);
  assert.equal((relabelled.dbscan as { eps: number }).eps, 0.8);
  assert.equal((await explanationRoute(get(`/api/runs/${runId}/windows/999/explanation`), params("999"))).status, 404);
  assert.equal((await explanationRoute(get(`/api/runs/${runId}/windows/1/explanation?contamination=auto`), params("1"))).status, 400);
});

test("the series route serves an extended run's template features to the timeline and refuses columns the run lacks", async () => {
  const response = await seriesRoute(get(`/api/runs/${runId}/series?part=feature&feature=11`), id(runId));
  assert.equal(response.status, 200);
  const part = decodeFeaturePart(await response.arrayBuffer());
  const { windows } = await listWindows({ runId, pageSize: 1000 });
  assert.equal(part.feature, 11);
  assert.deepEqual(Array.from(part.values), windows.map((w) => w.features[11]), "error_keyword_lines of every window, in order");
  assert.ok(windows.some((w) => (w.features[11] ?? 0) > 0), "Linux_2k has windows with error-keyword lines");
  const refused = await seriesRoute(get(`/api/runs/${runId}/series?part=feature&feature=13`), id(runId));
  assert.equal(refused.status, 400);
  assert.match(JSON.stringify(await refused.json()), /from 0 to 12 \(this run has 13 features\)/);
});
