import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createRun } from "@/lib/db/create-run";
import { DatabaseError } from "@/lib/db/errors";
import { getRun } from "@/lib/db/get-run";
import { getRunFeatures } from "@/lib/db/get-run-features";
import { getRunScores } from "@/lib/db/get-run-scores";
import { getRunWindowColumns } from "@/lib/db/get-run-windows-columns";
import { getRunWindowSpans } from "@/lib/db/get-run-window-spans";
import { getWindowsByIndex } from "@/lib/db/get-windows-by-index";
import { insertWindows } from "@/lib/db/insert-windows";
import { deleteRun } from "@/lib/db/delete-run";
import { countRunTemplates, deleteRunTemplates, getRunTemplates, insertRunTemplates } from "@/lib/db/run-templates";
import { updateRun } from "@/lib/db/update-run";
import { EXTENDED_FEATURE_NAMES } from "@/lib/db/window-columns";
import { FEATURE_NAMES } from "@/lib/logs/types";
import { createExtendedRun, makeExtendedWindows, makeWindows, PARAMS } from "./fixtures";
import { useTempDatabase } from "./temp-database";

const tmp = useTempDatabase();
after(tmp.cleanup);

const N = 30;
let logFileId = 0;
let runId = 0;

before(async () => {
  ({ logFileId, runId } = await createExtendedRun("x.log", 21, N));
});

test("a thirteen-feature window comes back with its template features, template counts and autoencoder errors", async () => {
  const [w5, w6] = await getWindowsByIndex(runId, [5, 6]);
  assert.ok(w5 && w6);
  assert.deepEqual(w5.featureNames, EXTENDED_FEATURE_NAMES);
  // Window 5: seed features as makeWindows, then 1 + 5 % 2, 5 % 3, 0, 5 % 4, 5 % 5.
  assert.deepEqual(w5.features, [6, 5, 1, 2, 40.5, 2, 0, 1.5, 2, 2, 0, 1, 0]);
  assert.deepEqual(w5.scaled.slice(8), [15, 15, 15, 15, 15]);
  assert.equal(w6.features[12], 1);
  assert.deepEqual(w5.templateCounts, [[0, 4], [7, 2]]);
  assert.deepEqual(w6.templateCounts, [[0, 7]]);
  // (f + 1) / 64 + 5 is exact in float32.
  assert.deepEqual(w5.aeFeatureErrors, Array.from({ length: 13 }, (_, f) => (f + 1) / 64 + 5));
});

test("a seed window stored with autoencoder errors has eight features and no templates", async () => {
  const seedRun = (await createRun({ logFileId, params: PARAMS })).id;
  const windows = makeWindows(seedRun, 3);
  await insertWindows({ ...windows, aeFeatureErrors: { rows: 3, cols: 8, data: new Float64Array(24).fill(0.25) } });
  const [w] = await getWindowsByIndex(seedRun, [2]);
  assert.deepEqual(w?.featureNames, FEATURE_NAMES);
  assert.equal(w?.features.length, 8);
  assert.equal(w?.templateCounts, null);
  assert.deepEqual(w?.aeFeatureErrors, new Array(8).fill(0.25));
  const [old] = await getWindowsByIndex((await createRunWith(makeWindows)).id, [0]);
  assert.equal(old?.aeFeatureErrors, null, "windows stored without errors read as null");
});

async function createRunWith(make: typeof makeWindows) {
  const run = await createRun({ logFileId, params: PARAMS });
  await insertWindows(make(run.id, 2));
  return run;
}

test("an extended run's scores and columns carry all thirteen features, in model order", async () => {
  const scores = await getRunScores(runId);
  assert.deepEqual(scores?.featureNames, EXTENDED_FEATURE_NAMES);
  assert.equal(scores?.scaled.cols, 13);
  assert.deepEqual(Array.from(scores?.scaled.data.slice(13 * 3, 13 * 4) ?? []), Array.from(makeExtendedWindows(runId, N).scaled.data).slice(39, 52));
  const columns = await getRunWindowColumns(runId);
  assert.deepEqual(columns.featureNames, EXTENDED_FEATURE_NAMES);
  assert.equal(columns.features.length, N * 13);
  assert.deepEqual(Array.from(columns.features.slice(13 * 5 + 8, 13 * 6)), [2, 2, 0, 1, 0]);
  const features = await getRunFeatures(runId);
  assert.equal(features?.cols, 13);
  assert.equal(features?.data[13 * 5 + 4], 40.5);
  const spans = await getRunWindowSpans(runId);
  assert.equal(spans.length, N);
  assert.deepEqual(spans[3]?.lineRanges, [{ firstLine: 7, lineCount: 2, offset: 300, length: 99 }]);
});

test("windows whose features are neither set, or whose error matrix has the wrong shape, are refused and nothing is stored", async () => {
  const other = (await createRun({ logFileId, params: PARAMS })).id;
  const good = makeExtendedWindows(other, 4);
  const refused = (e: unknown) => e instanceof DatabaseError && e.code === "invalid";
  await assert.rejects(insertWindows({ ...good, featureNames: [...EXTENDED_FEATURE_NAMES].reverse() }), refused);
  await assert.rejects(insertWindows({ ...good, featureNames: FEATURE_NAMES }), refused);
  await assert.rejects(insertWindows({ ...good, aeFeatureErrors: { rows: 4, cols: 8, data: new Float64Array(32) } }), refused);
  const fractional = { ...good, windows: good.windows.map((w, i) => (i === 2 ? { ...w, values: [...w.values.slice(0, 11), 0.5, ...w.values.slice(12)] } : w)) };
  await assert.rejects(insertWindows(fractional), /feature error_keyword_lines is not a whole number/);
  assert.deepEqual(await getWindowsByIndex(other, [0, 1, 2, 3]), []);
});

test("a run's templates are stored with their statistics and read back all or by id", async () => {
  const templates = [
    { id: 7, template: "session closed for user <*>", lines: 20, windows: 20, example: "session closed for user root" },
    { id: 0, template: "connection from <*>", lines: 400, windows: 30, example: "connection from 10.0.0.1" },
    { id: 3, template: "kernel: <*>", lines: 1, windows: 1 },
  ];
  const stats = [
    { id: 0, median: 14.5, mean: 14.5, std: 8.6 },
    { id: 7, median: 1, mean: 0.67, std: 0.75 },
  ];
  assert.equal(await insertRunTemplates({ runId, templates, stats }), 3);
  const all = await getRunTemplates(runId);
  assert.deepEqual(all.map((t) => t.id), [0, 3, 7]);
  assert.deepEqual(all[0], { runId, id: 0, template: "connection from <*>", lines: 400, windows: 30, example: "connection from 10.0.0.1", median: 14.5, mean: 14.5, std: 8.6 });
  assert.deepEqual(all[1], { runId, id: 3, template: "kernel: <*>", lines: 1, windows: 1, example: null, median: 0, mean: 0, std: 0 });
  assert.deepEqual((await getRunTemplates(runId, [7, 99, 0])).map((t) => t.id), [0, 7]);
  assert.deepEqual(await getRunTemplates(runId, []), []);
  await assert.rejects(insertRunTemplates({ runId, templates }), (e: unknown) => e instanceof DatabaseError && e.code === "conflict");
  assert.equal(await insertRunTemplates({ runId, templates: templates.slice(0, 1), replace: true }), 1);
  assert.equal(await countRunTemplates(runId), 1);
});

test("chosen thresholds and ground truth are recorded with the run, and truth can be removed", async () => {
  const auto = await createRun({ logFileId, params: { ...PARAMS, contamination: "auto", aePercentile: "auto" } });
  const choices = {
    contamination: { value: 0.031, mode: "auto" as const, reason: "The scores' largest gap puts 3.1% of windows above it." },
    aePercentile: { value: 97.5, mode: "labels" as const, reason: "97.5 gave the best F1 against the labels." },
    eps: { value: 0.5, mode: "given" as const, reason: "As given." },
  };
  const done = await updateRun(auto.id, { contamination: 0.031, aePercentile: 97.5, thresholdChoices: choices, truth: { source: "t.csv: window starts (2 windows)", windows: [9, 2] } });
  assert.equal(done.params.contamination, 0.031);
  assert.equal(done.params.contaminationAuto, true);
  assert.equal(done.params.aePercentile, 97.5);
  assert.deepEqual(done.thresholdChoices, choices);
  assert.deepEqual(done.truth, { source: "t.csv: window starts (2 windows)", windows: [2, 9] });
  assert.deepEqual((await getRun(auto.id))?.truth, done.truth);
  assert.equal((await updateRun(auto.id, { truth: null })).truth, null);
  assert.deepEqual((await getRun(auto.id))?.thresholdChoices, choices, "removing the truth leaves the rest alone");
});

test("deleting a run removes its templates with it", async () => {
  const run = await createRun({ logFileId, params: { ...PARAMS, features: "extended" } });
  await insertWindows(makeExtendedWindows(run.id, 3));
  await insertRunTemplates({ runId: run.id, templates: [{ id: 1, template: "a", lines: 1, windows: 1, example: "a" }] });
  await deleteRun(run.id);
  assert.equal(await countRunTemplates(run.id), 0);
  await deleteRunTemplates(run.id);
});

test("a page of 1000 windows by index comes back whole and in the order asked (more than SQLite binds in one statement)", async () => {
  const big = (await createRun({ logFileId, params: PARAMS })).id;
  await insertWindows(makeWindows(big, 1100));
  const asked = Array.from({ length: 1000 }, (_, k) => 1099 - k);
  const windows = await getWindowsByIndex(big, asked);
  assert.deepEqual(windows.map((w) => w.index), asked);
});
