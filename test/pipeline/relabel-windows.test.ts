import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { checkDetectParams, type DetectParams } from "@/lib/pipeline/params";
import { relabelWindows } from "@/lib/pipeline/relabel-windows";
import { runDetection, type DetectionRun } from "@/lib/pipeline/run-detection";

const LOG = resolve("logs/Linux_2k.log");
let dir = "";

const params = (overrides: Record<string, unknown>): DetectParams => {
  const check = checkDetectParams({ profile: "seed", year: 2005, epochs: 5, ...overrides });
  assert.ok(check.params, JSON.stringify(check.errors));
  return check.params;
};

const detect = (overrides: Record<string, unknown>): Promise<DetectionRun> =>
  runDetection({ logPath: LOG, params: params(overrides), modelsDir: dir });

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "logscope-relabel-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("relabelling a run with new thresholds gives exactly the labels of a fresh run with them", async () => {
  const original = await detect({});
  const changed = { contamination: 0.1, aePercentile: 90, eps: 1, minSamples: 3, votes: 1 };
  const fresh = await detect(changed);
  const { scaled, scores } = original.results;
  const relabelled = relabelWindows(
    { scaled, isolationForest: scores.isolationForest, autoencoder: scores.autoencoder },
    changed,
  );
  assert.deepEqual(relabelled.labels, fresh.results.labels);
  assert.equal(relabelled.thresholds.isolationForest, fresh.results.thresholds.isolationForest);
  assert.equal(relabelled.thresholds.autoencoder, fresh.results.thresholds.autoencoder);
  assert.notDeepEqual(relabelled.labels.ensemble, original.results.labels.ensemble);
  original.models.autoencoder.dispose();
  fresh.models.autoencoder.dispose();
});

test("relabelling with the run's own thresholds reproduces its labels and reuses its DBSCAN result", async () => {
  const run = await detect({});
  const { scaled, scores, labels, thresholds } = run.results;
  const relabelled = relabelWindows(
    {
      scaled,
      isolationForest: scores.isolationForest,
      autoencoder: scores.autoencoder,
      dbscan: { eps: thresholds.eps, minSamples: thresholds.minSamples, labels: labels.dbscan, distances: scores.dbscanDistance },
    },
    thresholds,
  );
  assert.deepEqual(relabelled.labels, labels);
  assert.equal(relabelled.labels.dbscan, labels.dbscan);
  run.models.autoencoder.dispose();
});
