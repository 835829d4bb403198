import { test } from "node:test";
import assert from "node:assert/strict";
import { evaluateRun } from "@/lib/pipeline/evaluate-run";

// Six windows, two labelled anomalous (0 and 2). Scores are chosen so each curve is hand-checkable:
// the forest ranks both anomalies on top, the autoencoder ranks them at the bottom, DBSCAN's
// distances tie (Infinity twice, 0.1 twice).
const truth = Uint8Array.from([1, 0, 1, 0, 0, 0]);
const windows = [0, 1, 2, 3, 4, 5].map((i) => ({ start: 60 * i, end: 60 * i + 60, values: [] }));
const results = {
  windows,
  scores: {
    isolationForest: Float64Array.from([0.9, 0.1, 0.8, 0.2, 0.3, 0.4]),
    dbscanDistance: Float64Array.from([Infinity, 0.1, 0.2, 0.15, Infinity, 0.1]),
    autoencoder: Float64Array.from([0.1, 0.5, 0.2, 0.6, 0.7, 0.8]),
    dbscanCluster: Int32Array.from([-1, 0, 0, 0, -1, 0]),
  },
  labels: {
    isolationForest: Uint8Array.from([1, 0, 0, 0, 0, 1]),
    dbscan: Uint8Array.from([1, 0, 0, 0, 1, 0]),
    autoencoder: Uint8Array.from([0, 1, 0, 1, 1, 1]),
    ensemble: Uint8Array.from([1, 0, 0, 0, 1, 1]),
  },
};
const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} != ${expected}`);

test("precision, recall, F1, flagged and missed windows come from each model's labels", () => {
  const evaluation = evaluateRun(results, truth, "window starts (2 windows)");
  assert.equal(evaluation.windows, 6);
  assert.equal(evaluation.labelled, 2);
  assert.equal(evaluation.source, "window starts (2 windows)");
  const summary = Object.fromEntries(
    Object.entries(evaluation.models).map(([key, m]) => [key, [m.flagged, m.truePositives, m.falsePositives, m.falseNegatives, m.missed]]),
  );
  assert.deepEqual(summary, {
    isolationForest: [2, 1, 1, 1, [2]],
    dbscan: [2, 1, 1, 1, [2]],
    autoencoder: [4, 0, 4, 2, [0, 2]],
    ensemble: [3, 1, 2, 1, [2]],
  });
  const { isolationForest, autoencoder, ensemble } = evaluation.models;
  assert.deepEqual([isolationForest.precision, isolationForest.recall, isolationForest.f1], [0.5, 0.5, 0.5]);
  assert.deepEqual([autoencoder.precision, autoencoder.recall, autoencoder.f1], [0, 0, 0]);
  close(ensemble.precision, 1 / 3);
  close(ensemble.f1, 0.4);
});

test("ROC AUC and average precision come from the scores, ties counting one half", () => {
  const { models } = evaluateRun(results, truth, "labels");
  assert.equal(models.isolationForest.roc.auc, 1);
  assert.equal(models.isolationForest.pr.averagePrecision, 1);
  assert.equal(models.autoencoder.roc.auc, 0);
  // Anomalies at ranks 5 and 6 of 6: precision 1/5 at recall 1/2, 2/6 at recall 1.
  close(models.autoencoder.pr.averagePrecision, 0.5 / 5 + 0.5 / 3);
  // Anomaly scores Infinity and 0.2 against 0.1, 0.15, Infinity, 0.1: 3.5 + 3 of 8 pairs.
  close(models.dbscan.roc.auc, 6.5 / 8);
  assert.ok(models.dbscan.roc.points.length > 2);
});

test("the ensemble's curves rank windows by the mean percentile rank of the three scores", () => {
  // Rank sums (DBSCAN's ties averaged): 12.5, 5.5, 11, 9, 13.5, 11.5; the anomalies 12.5 and 11 win 3 and 2 of 8 pairs.
  const { models } = evaluateRun(results, truth, "labels");
  close(models.ensemble.roc.auc, 5 / 8);
  const last = models.ensemble.roc.points.at(-1);
  assert.deepEqual([last?.fpr, last?.tpr, last?.threshold], [1, 1, -Infinity]);
});

test("ground truth of another length than the windows is refused", () => {
  assert.throws(() => evaluateRun(results, Uint8Array.from([1, 0]), "labels"), RangeError);
});
