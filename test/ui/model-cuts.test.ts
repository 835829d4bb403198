import { test } from "node:test";
import assert from "node:assert/strict";
import { relabelWindows } from "@/lib/pipeline/relabel-windows";
import { computeLabelsWithCuts, modelCutsFor, NO_MODEL_CUTS, withModelCuts } from "@/lib/ui/model-cuts";
import { flagAboveCut } from "@/lib/ui/relabel-client";
import { computeClientLabels } from "@/lib/ui/relabel-client";

const own = { contamination: 0.05, aePercentile: 95 };
const cuts = { ifThreshold: 0.6, aeThreshold: 2 };

test("a stream's run at its own thresholds keeps its model's cuts, and a moved slider gives its detector back to the quantile rule", () => {
  assert.deepEqual(modelCutsFor(true, cuts, own, own), { isolationForest: 0.6, autoencoder: 2 });
  assert.deepEqual(modelCutsFor(true, cuts, { contamination: 0.1, aePercentile: 95 }, own), { isolationForest: null, autoencoder: 2 });
  assert.deepEqual(modelCutsFor(true, cuts, { contamination: 0.05, aePercentile: 90 }, own), { isolationForest: 0.6, autoencoder: null });
});

test("a trained run has no fixed cuts: its labels are quantiles of its own scores", () => {
  assert.deepEqual(modelCutsFor(false, cuts, own, own), NO_MODEL_CUTS);
});

test("a cut flags the scores strictly above it, as the detectors do", () => {
  const flagged = flagAboveCut([0.5, 0.6, 0.61, 0.9], 0.6);
  assert.deepEqual([...flagged.flags], [0, 0, 1, 1]);
  assert.equal(flagged.count, 2);
  assert.equal(flagged.threshold, 0.6);
});

test("the model's cuts replace the quantile labels and the ensemble is voted again on them", () => {
  // Four windows, none of them unusual for the model: quantiles of so few windows would still flag the highest.
  const scores = { isolationForest: [0.40, 0.41, 0.42, 0.43], autoencoder: [0.1, 0.2, 0.3, 0.4] };
  const stored = {
    scaled: { rows: 4, cols: 1, data: new Float64Array([0, 0, 0, 0]) },
    ...scores,
    dbscan: { eps: 0.5, minSamples: 5, labels: Uint8Array.from([0, 0, 0, 1]), distances: new Float64Array(4) },
  };
  const settings = { contamination: 0.25, aePercentile: 75, eps: 0.5, minSamples: 5, votes: 2 };
  const byQuantile = relabelWindows(stored, settings);
  assert.equal(byQuantile.labels.ensemble[3], 1, "the quantile rule flags the highest window");
  const byModel = withModelCuts(byQuantile, scores, { isolationForest: 0.6, autoencoder: 2 }, settings.votes, null);
  assert.deepEqual([...byModel.labels.isolationForest], [0, 0, 0, 0]);
  assert.deepEqual([...byModel.labels.autoencoder], [0, 0, 0, 0]);
  assert.deepEqual([...byModel.labels.ensemble], [0, 0, 0, 0]);
  assert.equal(byModel.thresholds.isolationForest, 0.6);
  assert.equal(byModel.thresholds.autoencoder, 2);
  assert.equal(withModelCuts(byQuantile, scores, NO_MODEL_CUTS, 2, null), byQuantile, "no cuts: the relabelling as it was");
});

test("the pages' labels of a stream's run follow the model's cuts, and without cuts they are computeClientLabels'", () => {
  const scores = { isolationForest: [0.4, 0.7, 0.42, 0.43], autoencoder: [0.1, 2.5, 0.3, 0.4] };
  const dbscan = Uint8Array.from([0, 0, 0, 1]);
  const settings = { contamination: 0.25, aePercentile: 75, votes: 2 };
  const withCuts = computeLabelsWithCuts(scores, dbscan, settings, { isolationForest: 0.6, autoencoder: 2 });
  assert.deepEqual([...withCuts.ensemble], [0, 1, 0, 0]);
  assert.equal(withCuts.ifThreshold, 0.6);
  assert.deepEqual(computeLabelsWithCuts(scores, dbscan, settings, NO_MODEL_CUTS), computeClientLabels(scores, dbscan, settings));
});
