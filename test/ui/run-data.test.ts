import { test } from "node:test";
import assert from "node:assert/strict";
import { requestedParams } from "@/lib/domain/run-params";
import { checkDetectParams } from "@/lib/pipeline/params";
import { relabelWindows } from "@/lib/pipeline/relabel-windows";
import { compareFlags, compareParams } from "@/lib/ui/compare-runs";
import { addLossPoint, parseEpochMessage } from "@/lib/ui/loss-history";
import { initialParamValues, PARAM_FIELDS } from "@/lib/ui/param-fields";
import { computeClientLabels, labelsFromIndices } from "@/lib/ui/relabel-client";

test("browser relabelling gives the same labels as the pipeline's relabelling", () => {
  const n = 200;
  const isolationForest = Float64Array.from({ length: n }, (_, i) => 0.4 + ((i * 37) % 101) / 500);
  const autoencoder = Float64Array.from({ length: n }, (_, i) => ((i * 53) % 97) / 1000);
  const dbscan = labelsFromIndices(n, [3, 50, 51, 199]);
  const scaled = { rows: n, cols: 1, data: new Float64Array(n) };
  const settings = { contamination: 0.07, aePercentile: 91, votes: 2, eps: 0.5, minSamples: 5 };
  const pipeline = relabelWindows(
    { scaled, isolationForest, autoencoder, dbscan: { eps: 0.5, minSamples: 5, labels: dbscan, distances: new Float64Array(n) } },
    settings,
  );
  const client = computeClientLabels({ isolationForest, autoencoder }, dbscan, settings);
  assert.deepEqual(client.isolationForest, pipeline.labels.isolationForest);
  assert.deepEqual(client.autoencoder, pipeline.labels.autoencoder);
  assert.deepEqual(client.ensemble, pipeline.labels.ensemble);
  assert.equal(client.ifThreshold, pipeline.thresholds.isolationForest);
  assert.equal(client.aeThreshold, pipeline.thresholds.autoencoder);
  assert.equal(client.counts.dbscan, 4);
  assert.equal(client.counts.anyModel, client.anyModel.reduce((s, v) => s + v, 0));
});

test("epoch messages become one loss point per epoch in epoch order", () => {
  assert.deepEqual(parseEpochMessage("Training the autoencoder: Epoch 12/40, loss 0.4213"), { epoch: 12, epochs: 40, loss: 0.4213 });
  assert.deepEqual(parseEpochMessage("epoch 3/20 loss=1.5e-2"), { epoch: 3, epochs: 20, loss: 0.015 });
  assert.equal(parseEpochMessage("Parsing Linux_2k.log"), null);
  assert.equal(parseEpochMessage(null), null);
  let history = addLossPoint([], { epoch: 2, epochs: 5, loss: 0.5 });
  history = addLossPoint(history, { epoch: 1, epochs: 5, loss: 0.9 });
  history = addLossPoint(history, { epoch: 2, epochs: 5, loss: 0.4 });
  assert.deepEqual(history.map((p) => [p.epoch, p.loss]), [[1, 0.9], [2, 0.4]]);
  assert.equal(addLossPoint(history, null), history);
});

test("the form's defaults are the pipeline's defaults", () => {
  const defaults = checkDetectParams({}).params;
  assert.ok(defaults);
  // Without a year the pipeline infers one from the log; the form leaves it blank, which means the same.
  assert.equal(defaults.year, undefined);
  const values = initialParamValues(null);
  for (const field of PARAM_FIELDS) {
    assert.equal(values[field.name], String(defaults[field.name] ?? ""), field.name);
  }
  assert.equal(values.year, "");
  const rerun = initialParamValues({ window: 300, eps: "auto", year: 2005 });
  assert.deepEqual([rerun.window, rerun.eps, rerun.year, rerun.votes], ["300", "auto", "2005", "2"]);
});

test("re-running a run keeps its year only when it was given", () => {
  const stored = {
    year: 2005, window: 60, eps: 0.5, epsAuto: false, minSamples: 5, contamination: 0.05, contaminationAuto: false,
    aePercentile: 95, aePercentileAuto: false, votes: 2, epochs: 20, seed: 42, features: "seed" as const, profile: "seed" as const, combine: "vote" as const,
    format: "auto", detectedFormat: "syslog", formatOptions: { masks: [{ pattern: "blk_-?\\d+", name: "BLOCK" }, { pattern: "id=\\d+" }] },
  };
  // Inferred (2005 is what training chose): blank again, so the re-run infers it too.
  const inferred = initialParamValues(requestedParams({ ...stored, yearAuto: true, yearInferred: true }));
  assert.equal(inferred.year, "");
  // Given: kept. The masks come back one per line, as the textarea takes them.
  const given = initialParamValues(requestedParams({ ...stored, yearAuto: false, yearInferred: false }));
  assert.deepEqual([given.year, given.format, given.masks], ["2005", "auto", "blk_-?\\d+=BLOCK\nid=\\d+"]);
});

test("comparing runs lists every parameter and marks the ones that differ", () => {
  const a = {
    year: 2005, window: 60, eps: 0.5, epsAuto: false, minSamples: 5, contamination: 0.05, contaminationAuto: false,
    aePercentile: 95, aePercentileAuto: false, votes: 2, epochs: 20, seed: 42, features: "seed" as const, profile: "seed" as const, combine: "vote" as const,
  };
  const rows = compareParams(a, { ...a, contamination: 0.1, votes: 3 });
  assert.deepEqual(rows.filter((r) => r.differs).map((r) => r.key), ["contamination", "votes"]);
});

test("flagged windows are matched across runs by time overlap, also for different window sizes", () => {
  const w = (index: number, start: number, length: number) => ({ index, start, end: start + length });
  // A: 60 s windows at 0, 120, 600. B: 300 s windows at 0 and 900.
  const result = compareFlags([w(0, 0, 60), w(2, 120, 60), w(10, 600, 60)], [w(0, 0, 300), w(3, 900, 300)]);
  assert.deepEqual(result.bothA.map((x) => x.index), [0, 2]);
  assert.deepEqual(result.onlyA.map((x) => x.index), [10]);
  assert.deepEqual(result.bothB.map((x) => x.index), [0]);
  assert.deepEqual(result.onlyB.map((x) => x.index), [3]);
});

test("a job's stage comes from its message, or from its progress when the message says nothing", async () => {
  const { stageOfJob } = await import("@/lib/ui/job-stages");
  assert.equal(stageOfJob(0.1, "Parsing the log (33%)"), "parse");
  assert.equal(stageOfJob(0.33, "Training Isolation Forest"), "detectors");
  assert.equal(stageOfJob(0.6, "Epoch 12/40, loss 0.421300"), "autoencoder");
  assert.equal(stageOfJob(0.95, "Storing 51,600 windows"), "store");
  assert.equal(stageOfJob(0.5, "Queued"), "autoencoder");
  assert.equal(stageOfJob(0, null), "parse");
});

test("window rows are read from nested or flat API shapes alike", async () => {
  const { readWindowPage, readWindowRow } = await import("@/lib/ui/window-rows");
  const nested = readWindowRow({
    index: 3, start: 120, end: 180, features: [5, 4, 1, 2, 40.5, 0, 0, 2.1], ifScore: 0.61, aeError: 0.02, dbscanDistance: null,
    labels: { isolationForest: true, dbscan: false, autoencoder: true, ensemble: true }, modelVotes: 2,
  });
  assert.equal(nested?.dbscanDistance, Infinity);
  assert.deepEqual(nested?.labels, { isolationForest: true, dbscan: false, autoencoder: true, ensemble: true });
  const flat = readWindowRow({
    index: "4", window_start: "2005-06-14T15:16:00Z", window_end: "2005-06-14T15:17:00Z", event_count: 9, entropyTokens: 3.5,
    ifScore: 0.4, aeError: 0.01, dbscanDistance: 0.3, ifAnomaly: 1, dbscanAnomaly: 0, aeAnomaly: 0, ensembleAnomaly: 0,
  });
  assert.equal(flat?.start, Date.UTC(2005, 5, 14, 15, 16) / 1000);
  assert.equal(flat?.features[0], 9);
  assert.equal(flat?.features[7], 3.5);
  assert.equal(flat?.modelVotes, 1);
  assert.equal(readWindowRow({ start: 1 }), null);
  const page = readWindowPage({ windows: [{ index: 0, start: 0, end: 60 }], total: 41, pageSize: 20 });
  assert.equal(page?.pageCount, 3);
  assert.equal(readWindowPage({ nope: [] }), null);
});

test("run status snapshots and raw log lines are read from API answers, anything else is refused", async () => {
  const { readRunStatus } = await import("@/lib/ui/run-status-snapshot");
  const { readRawLines } = await import("@/lib/ui/raw-lines");
  assert.deepEqual(readRunStatus({ id: 3, status: "running", progress: 0.42, message: "Epoch 3/20, loss 0.1", error: null }), {
    id: 3, status: "running", progress: 0.42, message: "Epoch 3/20, loss 0.1", error: null,
  });
  assert.equal(readRunStatus({ id: 3, status: "exploded" }), null);
  assert.equal(readRunStatus({ error: "There is no run 3." }), null);
  const lines = readRawLines({ lines: [{ line: 7, text: "Jun 14 15:16:01 combo sshd[1]: x", unparsed: false }, { line: 8, text: "garbage", unparsed: true }, { nope: 1 }], truncated: true });
  assert.deepEqual(lines?.lines.map((l) => [l.line, l.unparsed]), [[7, false], [8, true]]);
  assert.equal(lines?.truncated, true);
  assert.equal(readRawLines({ error: "gone" }), null);
});

test("relabelling with pre-sorted scores gives the same thresholds and labels", () => {
  const isolationForest = Float64Array.from({ length: 97 }, (_, i) => ((i * 31) % 89) / 89);
  const autoencoder = Float64Array.from({ length: 97 }, (_, i) => ((i * 17) % 83) / 830);
  const dbscan = labelsFromIndices(97, [1, 2]);
  const settings = { contamination: 0.13, aePercentile: 88.5, votes: 1 };
  const plain = computeClientLabels({ isolationForest, autoencoder }, dbscan, settings);
  const sorted = { isolationForest: Float64Array.from(isolationForest).sort(), autoencoder: Float64Array.from(autoencoder).sort() };
  assert.deepEqual(computeClientLabels({ isolationForest, autoencoder }, dbscan, settings, sorted), plain);
});
