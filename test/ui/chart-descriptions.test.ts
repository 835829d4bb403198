import { test } from "node:test";
import assert from "node:assert/strict";
import { countAbove, describeEvaluationCurves, describeKDistance, describeLoss, describeScores, describeZBars, scoreRange } from "@/lib/ui/chart-descriptions";
import type { RunCurves } from "@/lib/ui/evaluate-run-labels";

test("a score histogram is described by its range, its threshold and the windows above it, rounded", () => {
  const values = [0.3123, 0.5, 0.61, 0.7791, NaN, 0.64];
  const range = scoreRange(values);
  assert.equal(range.count, 5);
  assert.equal(countAbove(values, 0.6234), 2);
  assert.equal(describeScores("Isolation Forest scores", range, 0.6234, 2), "Isolation Forest scores 0.31–0.78 over 5 windows; threshold 0.62; 2 windows above it.");
  assert.equal(describeScores("Autoencoder reconstruction errors", scoreRange([]), 1, 0), "Autoencoder reconstruction errors: no scores yet.");
});

test("the k-distance curve is described by its span, knee, eps and the windows beyond eps", () => {
  const curve = { minSamples: 5, windows: 235, points: [{ x: 0, y: 0.1234 }, { x: 1, y: 0.9 }, { x: 2, y: 4.321 }, { x: 3, y: Infinity }], knee: { x: 1, y: 0.8512 } };
  assert.equal(describeKDistance(curve, 5, 0.5, 39), "Sorted 5-distance of 235 windows, 0.12 to 4.3; knee at 0.85; eps 0.5; 39 windows beyond eps.");
  assert.equal(describeKDistance(null, 5, 0.5, null), "Sorted 5-distance curve, not loaded yet; eps 0.5.");
});

test("the loss chart is described by its first, last and lowest loss", () => {
  const history = [{ epoch: 1, epochs: 40, loss: 0.5234 }, { epoch: 2, epochs: 40, loss: 0.0291 }, { epoch: 3, epochs: 40, loss: 0.0312 }];
  assert.equal(describeLoss(history, 40), "Autoencoder loss over 3 of 40 epochs: 0.52 at epoch 1, 0.031 at epoch 3, lowest 0.029.");
  assert.equal(describeLoss([], null), "Autoencoder loss per epoch: no epoch finished yet.");
});

test("the z-chart is described largest first with the true value of a bar beyond the axis", () => {
  const text = describeZBars([{ label: "Events", z: 3.21 }, { label: "Failed logins", z: 146.3 }, { label: "Hosts", z: -0.5 }]);
  assert.equal(text, "Robust z-scores against the run's median, largest first: Failed logins 146 (beyond the ±10 axis), Events 3.21, Hosts -0.5; 1 feature beyond ±3.5.");
});

test("evaluation curves are described by each model's area and the selected model's operating point", () => {
  const model = (auc: number, ap: number) => ({ roc: { auc, points: [] }, pr: { averagePrecision: ap, points: [] } });
  const curves: RunCurves = {
    windows: 10, labelled: 2, prevalence: 0.2, ensembleFrom: ["isolationForest", "autoencoder"],
    models: { isolationForest: model(0.912, 0.5), dbscan: null, autoencoder: model(0.88, 0.61), ensemble: model(0.934, 0.72) },
  };
  const points = { isolationForest: null, dbscan: null, autoencoder: null, ensemble: { x: 0.0412, y: 0.8 } };
  assert.equal(
    describeEvaluationCurves("roc", curves, points),
    "ROC AUC: Isolation Forest 0.91, DBSCAN —, Autoencoder 0.88, Ensemble 0.93. Ensemble at the current thresholds: false positive rate 0.041, recall 0.8.",
  );
  assert.equal(describeEvaluationCurves("pr", null, null), "Average precision: the scores are loading.");
});
