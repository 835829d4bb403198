import { after, afterEach, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { POST as postUpload } from "@/app/api/uploads/route";
import { GET as listRunsRoute, POST as postRun } from "@/app/api/runs/route";
import { DELETE as deleteRunRoute, GET as getRunRoute } from "@/app/api/runs/[id]/route";
import { POST as cancelRoute } from "@/app/api/runs/[id]/cancel/route";
import { GET as kDistanceRoute } from "@/app/api/runs/[id]/k-distance/route";
import { GET as listPresetsRoute, POST as savePresetRoute } from "@/app/api/runs/[id]/presets/route";
import { GET as windowsRoute } from "@/app/api/runs/[id]/windows/route";
import { GET as windowRoute } from "@/app/api/runs/[id]/windows/[index]/route";
import { GET as csvRoute } from "@/app/api/runs/[id]/windows.csv/route";
import { openDb } from "@/lib/db/client";
import { startJobRunner } from "@/lib/jobs/runner/job-runner";
import { relabelRun } from "@/lib/server/runs/relabel-run";
import { RESULT_COLUMNS } from "@/lib/pipeline/format-results-csv";
import { LINUX_2K, useJobsEnvironment, waitFor } from "../../jobs/job-test-env";
import { get, json, postForm, postJson, routeParams } from "./api-test-env";

const env = useJobsEnvironment("logscope-api-");
after(env.cleanup);
afterEach(() => {
  delete process.env.LOGSCOPE_MAX_UPLOAD_BYTES;
});
before(async () => {
  await startJobRunner({ pollMs: 100 }).ready;
});

// Linux_2k with a junk line inserted after line 5, inside window 1 (lines 4-13 of the original).
const original = readFileSync(LINUX_2K, "utf8").split("\n");
const LOG = new TextEncoder().encode([...original.slice(0, 5), "### operator note: not syslog ###\r", ...original.slice(5)].join("\n"));
const uploadsLeft = () => (existsSync(env.uploadsDir) ? readdirSync(env.uploadsDir).filter((f) => f.endsWith(".log")) : []);
const logFileRows = async () => (await openDb()).logFile.count();
const id = (value: number | string) => routeParams({ id: String(value) });

test("bad uploads are refused with 400, 413 and 415 and leave nothing in the database or under uploads/", async () => {
  const cases: [Uint8Array, number, RegExp][] = [
    [new Uint8Array(0), 400, /empty/],
    [Uint8Array.from([0, 1, 2, 3, 255, 0, 7]), 415, /binary/],
  ];
  for (const [bytes, status, message] of cases) {
    const response = await postUpload(postForm("/api/uploads", {}, { name: "x.log", bytes }));
    assert.equal(response.status, status);
    assert.match(String((await json(response)).error), message);
  }
  process.env.LOGSCOPE_MAX_UPLOAD_BYTES = "4096";
  const tooBig = await postRun(postForm("/api/runs", { year: 2005 }, { name: "big.log", bytes: LOG }));
  assert.equal(tooBig.status, 413);
  assert.match(String((await json(tooBig)).error), /larger than the upload limit of 4 KiB:/);
  delete process.env.LOGSCOPE_MAX_UPLOAD_BYTES;

  const noFile = await postUpload(postForm("/api/uploads", { note: "no file" }));
  assert.equal(noFile.status, 400);
  const notMultipart = await postUpload(postJson("/api/uploads", {}));
  assert.equal(notMultipart.status, 400);
  assert.deepEqual(uploadsLeft(), []);
  assert.equal(await logFileRows(), 0);
});

test("a run with invalid parameters is refused with per-field errors before its upload is stored", async () => {
  const response = await postRun(postForm("/api/runs", { year: 2005, votes: 7, contamination: "lots" }, { name: "linux.log", bytes: LOG }));
  assert.equal(response.status, 400);
  const body = await json(response);
  const contamination = "contamination must be a fraction greater than 0 and at most 0.5, or auto";
  assert.deepEqual(body.errors, { contamination, votes: "votes must be 1, 2 or 3" });
  assert.equal(body.error, "Contamination must be a fraction greater than 0 and at most 0.5, or auto; votes must be 1, 2 or 3.");
  assert.deepEqual(uploadsLeft(), []);
  assert.equal(await logFileRows(), 0);
});

test("a run with an unknown profile or combine mode is refused with 400 and one sentence naming the choices (issue #12)", async () => {
  const response = await postRun(postForm("/api/runs", { year: 2005, profile: "fast", combine: "mean" }, { name: "linux.log", bytes: LOG }));
  assert.equal(response.status, 400);
  const body = await json(response);
  assert.deepEqual(Object.keys(body.errors as Record<string, string>).sort(), ["combine", "profile"]);
  assert.match(String(body.error), /^Profile must be seed or recommended; combine must be vote \(at least votes detectors agree\) or score/);
  assert.deepEqual(uploadsLeft(), []);
});

let runId = 0;

test("POST /api/runs streams the upload, queues the run (201) and GET /api/runs/:id follows it to success", async () => {
  // The contract's profile: the parameters, thresholds and k-distance below are its defaults.
  const response = await postRun(postForm("/api/runs", { profile: "seed", year: 2005, epochs: 3, eps: "", seed: 42 }, { name: "linux-with-note.log", bytes: LOG }));
  assert.equal(response.status, 201);
  const created = await json(response);
  runId = created.id as number;
  assert.ok(Number.isInteger(runId));

  const list = await json(await listRunsRoute(get("/api/runs")));
  assert.deepEqual((list.runs as { id: number }[]).map((r) => r.id), [runId]);

  const current = async () => json(await getRunRoute(get(`/api/runs/${runId}`), id(runId)));
  const view = await waitFor("the run to succeed", async () => {
    const body = await current();
    return body.status === "succeeded" || body.status === "failed" ? body : undefined;
  }, 60_000, current);
  assert.equal(view.status, "succeeded", String(view.error));
  assert.deepEqual(Object.keys(view).sort(), [
    "choices", "counts", "createdAt", "error", "featureNames", "features", "finishedAt", "format", "id", "logFile", "message", "params", "progress", "stageSeconds",
    "status", "thresholds", "truth", "truthScore", "windowCount",
  ]);
  assert.deepEqual(view.logFile, { id: 1, name: "linux-with-note.log", size: LOG.length, lines: 2001, unparsedLines: 1 });
  assert.deepEqual(view.params, { year: 2005, window: 60, eps: 0.5, minSamples: 5, contamination: 0.05, aePercentile: 95, votes: 2, epochs: 3, seed: 42, features: "seed", profile: "seed", combine: "vote", format: "auto" });
  assert.deepEqual(view.format, { requested: "auto", detected: "syslog", tz: null, fields: null, masks: null, timeFormat: null, year: 2005, yearInferred: false });
  assert.equal(view.features, "seed");
  assert.equal((view.featureNames as string[]).length, 8);
  assert.deepEqual((view.choices as { eps: unknown }).eps, { value: 0.5, mode: "given", reason: "eps as given." });
  assert.equal(view.truth, null);
  assert.equal(view.progress, 1);
  assert.equal(view.windowCount, 235);
  assert.equal((view.thresholds as { eps: number }).eps, 0.5);
});

test("windows are paged, filtered and sorted, and thresholds in the URL relabel them without touching the stored labels", async () => {
  const trained = await json(await windowsRoute(get(`/api/runs/${runId}/windows?filter=ensemble&sort=ifScore&pageSize=5`), id(runId)));
  const run = await json(await getRunRoute(get(`/api/runs/${runId}`), id(runId)));
  const counts = run.counts as { ensemble: number };
  assert.equal(trained.total, counts.ensemble);
  assert.equal(trained.trained, true);
  const scores = (trained.windows as { ifScore: number; labels: { ensemble: boolean } }[]).map((w) => w.ifScore);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a));

  const query = "filter=ensemble&sort=aeError&direction=asc&page=2&pageSize=3&votes=1&contamination=0.1&eps=0.8";
  const viewed = await json(await windowsRoute(get(`/api/runs/${runId}/windows?${query}`), id(runId)));
  const expected = await relabelRun(runId, { votes: 1, contamination: 0.1, eps: 0.8 });
  assert.equal(viewed.trained, false);
  assert.deepEqual(viewed.counts, expected.counts);
  assert.equal(viewed.total, expected.counts.ensemble);
  const rows = viewed.windows as { index: number; aeError: number; labels: { ensemble: boolean }; modelVotes: number }[];
  const flagged = [...expected.relabelling.labels.ensemble.keys()].filter((i) => expected.relabelling.labels.ensemble[i] === 1);
  const byError = flagged.sort((a, b) => (expected.scores.autoencoder[a] as number) - (expected.scores.autoencoder[b] as number) || a - b);
  assert.deepEqual(rows.map((w) => w.index), byError.slice(3, 6));
  assert.ok(rows.every((w) => w.labels.ensemble && w.modelVotes >= 1));
  // The stored run is unchanged.
  assert.deepEqual((await json(await getRunRoute(get(`/api/runs/${runId}`), id(runId)))).counts, run.counts);

  const bad = await windowsRoute(get(`/api/runs/${runId}/windows?votes=9&filter=odd`), id(runId));
  assert.equal(bad.status, 400);
  assert.deepEqual(Object.keys((await json(bad)).errors as object).sort(), ["filter", "votes"]);
});

test("the CSV follows docs/pipeline.md §6 and relabels with the thresholds in its URL", async () => {
  const response = await csvRoute(get(`/api/runs/${runId}/windows.csv`), id(runId));
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type") ?? "", /^text\/csv/);
  const lines = (await response.text()).trimEnd().split("\n");
  assert.equal(lines.length, 236);
  assert.equal(lines[0]?.split(",").slice(0, RESULT_COLUMNS.length).join(","), RESULT_COLUMNS.join(","));

  const relabelled = (await (await csvRoute(get(`/api/runs/${runId}/windows.csv?contamination=0.2`), id(runId))).text()).trimEnd().split("\n");
  const ifColumn = RESULT_COLUMNS.indexOf("isolation_forest_label");
  const flagged = relabelled.slice(1).filter((line) => line.split(",")[ifColumn] === "1").length;
  assert.equal(flagged, (await relabelRun(runId, { contamination: 0.2 })).counts.isolationForest);
});

test("a window's detail has its raw lines, with the unparsed line inside it marked", async () => {
  const response = await windowRoute(get(`/api/runs/${runId}/windows/1`), routeParams({ id: String(runId), index: "1" }));
  assert.equal(response.status, 200);
  const body = await json(response);
  const lines = body.lines as { line: number; text: string; unparsed: boolean }[];
  assert.deepEqual(lines.map((l) => l.line), [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  assert.deepEqual(lines.filter((l) => l.unparsed), [{ line: 6, text: "### operator note: not syslog ###", unparsed: true }]);
  assert.equal((body.window as { lineCount: number }).lineCount, 10);
  assert.equal(body.truncated, false);
});

test("the k-distance curve has at most 500 ascending points for the run's or the given min samples", async () => {
  const body = await json(await kDistanceRoute(get(`/api/runs/${runId}/k-distance`), id(runId)));
  const points = body.points as { index: number; distance: number }[];
  assert.equal(body.minSamples, 5);
  assert.equal(body.eps, 0.5);
  assert.ok(points.length <= 500 && points.length === body.windows);
  assert.ok(points.every((p, i) => i === 0 || p.distance >= (points[i - 1] as { distance: number }).distance));
  assert.equal((await json(await kDistanceRoute(get(`/api/runs/${runId}/k-distance?minSamples=3`), id(runId)))).minSamples, 3);
  assert.equal((await kDistanceRoute(get(`/api/runs/${runId}/k-distance?minSamples=0`), id(runId))).status, 400);
});

test("presets are saved by name (409 for a name in use) and listed", async () => {
  const saved = await savePresetRoute(postJson(`/api/runs/${runId}/presets`, { name: "loose", votes: 1, contamination: 0.1 }), id(runId));
  assert.equal(saved.status, 201);
  const preset = (await json(saved)).preset as Record<string, unknown>;
  assert.deepEqual({ ...preset, id: 0, createdAt: "" }, { id: 0, name: "loose", eps: 0.5, minSamples: 5, contamination: 0.1, aePercentile: 95, votes: 1, createdAt: "" });
  const duplicate = await savePresetRoute(postJson(`/api/runs/${runId}/presets`, { name: "loose" }), id(runId));
  assert.equal(duplicate.status, 409);
  assert.equal((await json(duplicate)).error, 'This run already has a preset named "loose".');
  const listed = await json(await listPresetsRoute(get(`/api/runs/${runId}/presets`), id(runId)));
  assert.deepEqual((listed.presets as { name: string }[]).map((p) => p.name), ["loose"]);
});

test("unknown runs and windows are 404, cancelling a finished run is 409, and a deleted run is gone", async () => {
  assert.equal((await getRunRoute(get("/api/runs/999"), id(999))).status, 404);
  assert.equal((await getRunRoute(get("/api/runs/abc"), id("abc"))).status, 404);
  assert.deepEqual(await json(await getRunRoute(get("/api/runs/999"), id(999))), { error: "There is no run 999." });
  const noWindow = await windowRoute(get(`/api/runs/${runId}/windows/235`), routeParams({ id: String(runId), index: "235" }));
  assert.equal(noWindow.status, 404);
  assert.equal((await windowsRoute(get("/api/runs/999/windows"), id(999))).status, 404);
  const unknownLog = await postRun(postJson("/api/runs", { logFileId: 999, year: 2005 }));
  assert.equal(unknownLog.status, 404);
  assert.deepEqual(await json(unknownLog), {
    error: "There is no stored log with id 999: upload the log again.",
    errors: { logFileId: "There is no stored log with id 999: upload the log again." },
  });
  assert.equal((await cancelRoute(new Request(`http://localhost/api/runs/${runId}/cancel`, { method: "POST" }), id(runId))).status, 409);

  const deleted = await deleteRunRoute(new Request(`http://localhost/api/runs/${runId}`, { method: "DELETE" }), id(runId));
  assert.equal(deleted.status, 200);
  assert.equal((await getRunRoute(get(`/api/runs/${runId}`), id(runId))).status, 404);
  assert.equal((await deleteRunRoute(new Request(`http://localhost/api/runs/${runId}`, { method: "DELETE" }), id(runId))).status, 404);
  assert.deepEqual(uploadsLeft(), [], "the upload went with its only run");
  assert.deepEqual(readdirSync(join(env.modelsDir)), []);
});
