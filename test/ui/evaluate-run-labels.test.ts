import { test } from "node:test";
import assert from "node:assert/strict";
import { evaluateRun } from "@/lib/pipeline/evaluate-run";
import { computeRunCurves, evaluateRunLabels, normalizeTruth, stepRunCurves, truthMask } from "@/lib/ui/evaluate-run-labels";

// Six windows; windows 1 and 4 are labelled anomalous (4 normal windows).
//                 0    1    2    3    4    5
const TRUTH = [1, 4];
const LABELS = {
  isolationForest: [0, 1, 0, 1, 0, 0], // TP {1}, FP {3}
  dbscan: [0, 0, 0, 0, 1, 0], // TP {4}
  autoencoder: [0, 0, 0, 0, 0, 0], // flags nothing
  ensemble: [1, 1, 1, 1, 1, 1], // flags everything
};
const SCORES = {
  isolationForest: [0.1, 0.9, 0.3, 0.8, 0.7, 0.2],
  autoencoder: [1, 2, 3, 4, 5, 6],
  dbscanDistance: [0.2, 0.5, 0.1, 0.3, Infinity, 0.2],
};

test("a model with one hit and one false alarm scores one half everywhere", () => {
  const { models, labelled, windows } = evaluateRunLabels(TRUTH, 6, LABELS);
  assert.equal(windows, 6);
  assert.equal(labelled, 2);
  assert.deepEqual(models.isolationForest, {
    flagged: 2,
    truePositives: 1,
    falsePositives: 1,
    precision: 0.5,
    recall: 0.5,
    f1: 0.5,
    falsePositiveRate: 1 / 4,
    missed: [4],
  });
});

test("a precise model that finds half the labels has F1 two thirds", () => {
  const { dbscan } = evaluateRunLabels(TRUTH, 6, LABELS).models;
  assert.equal(dbscan.precision, 1);
  assert.equal(dbscan.recall, 0.5);
  assert.equal(dbscan.f1, 2 / 3);
  assert.equal(dbscan.falsePositiveRate, 0);
  assert.deepEqual(dbscan.missed, [1]);
});

test("a silent model scores zero rather than a perfect precision, and misses every label", () => {
  const { autoencoder } = evaluateRunLabels(TRUTH, 6, LABELS).models;
  assert.deepEqual([autoencoder.flagged, autoencoder.precision, autoencoder.recall, autoencoder.f1], [0, 0, 0, 0]);
  assert.deepEqual(autoencoder.missed, [1, 4]);
});

test("flagging every window gives full recall at the labels' prevalence as precision", () => {
  const { ensemble } = evaluateRunLabels(TRUTH, 6, LABELS).models;
  assert.equal(ensemble.flagged, 6);
  assert.equal(ensemble.precision, 1 / 3);
  assert.equal(ensemble.recall, 1);
  assert.equal(ensemble.f1, 0.5);
  assert.equal(ensemble.falsePositiveRate, 1);
  assert.deepEqual(ensemble.missed, []);
});

test("duplicate, unordered and out-of-range truth indices are counted once or dropped", () => {
  assert.deepEqual(normalizeTruth([4, 1, 4, 9, -1, 2.5], 6), [1, 4]);
  assert.deepEqual([...truthMask([4, 1, 4, 9], 6)], [0, 1, 0, 0, 1, 0]);
  const clean = [1, 4];
  assert.equal(normalizeTruth(clean, 6), clean, "already clean truth is returned as is");
  const messy = evaluateRunLabels([4, 1, 1, 7], 6, LABELS);
  assert.equal(messy.labelled, 2);
  assert.deepEqual(messy.models.isolationForest, evaluateRunLabels(TRUTH, 6, LABELS).models.isolationForest);
});

test("labels of another length than the run are refused", () => {
  assert.throws(() => evaluateRunLabels(TRUTH, 6, { ...LABELS, dbscan: new Uint8Array(0) }), RangeError);
});

test("without labelled windows recall is zero and every flag is a false alarm", () => {
  const { models, labelled } = evaluateRunLabels([], 6, LABELS);
  assert.equal(labelled, 0);
  assert.equal(models.isolationForest.recall, 0);
  assert.equal(models.isolationForest.falsePositives, 2);
  assert.equal(models.isolationForest.falsePositiveRate, 2 / 6);
});

test("each detector's curves rank its own scores against the labels", () => {
  const curves = computeRunCurves(TRUTH, SCORES);
  assert.equal(curves.windows, 6);
  assert.equal(curves.labelled, 2);
  assert.equal(curves.prevalence, 1 / 3);
  // IF: anomaly 0.9 outscores all 4 normal windows, 0.7 outscores 3 of them: 7 / 8.
  assert.equal(curves.models.isolationForest?.roc.auc, 7 / 8);
  // Cuts: (R 1/2, P 1), (1/2, 1/2), (1, 2/3): AP = 1/2 * 1 + 1/2 * 2/3.
  assert.equal(curves.models.isolationForest?.pr.averagePrecision, 0.5 + 1 / 3);
  // DBSCAN's infinite distance is simply the highest score; both anomalies lead.
  assert.equal(curves.models.dbscan?.roc.auc, 1);
  assert.equal(curves.models.dbscan?.pr.averagePrecision, 1);
  // AE: 5 outscores 3 normal windows, 2 outscores 1: 4 / 8; AP = 1/2 * 1/2 + 1/2 * 2/5.
  assert.equal(curves.models.autoencoder?.roc.auc, 0.5);
  assert.ok(Math.abs((curves.models.autoencoder?.pr.averagePrecision ?? NaN) - 0.45) < 1e-12);
});

test("a model's labels under a score cut lie on its ROC curve", () => {
  const curves = computeRunCurves(TRUTH, SCORES);
  const { isolationForest } = evaluateRunLabels(TRUTH, 6, LABELS).models;
  const onCurve = curves.models.isolationForest?.roc.points.some((p) => p.fpr === isolationForest.falsePositiveRate && p.tpr === isolationForest.recall);
  assert.ok(onCurve);
});

test("the ensemble's curves rank the mean percentile rank of the three detectors", () => {
  const curves = computeRunCurves(TRUTH, SCORES);
  assert.deepEqual(curves.ensembleFrom, ["isolationForest", "dbscan", "autoencoder"]);
  // Rank sums: [4.5, 13, 7, 13, 15, 10.5]; window 1 (anomalous) ties window 3 (normal).
  // Window 4 outscores all 4 normal windows, window 1 ties one and outscores 3: 7.5 / 8.
  assert.equal(curves.models.ensemble?.roc.auc, 7.5 / 8);
  // Cuts: (R 1/2, P 1), then the tie enters together (R 1, P 2/3).
  assert.equal(curves.models.ensemble?.pr.averagePrecision, 0.5 + 1 / 3);
});

test("a run that combines by score has its ensemble's curves rank that combined score", () => {
  // The anomalies (windows 1 and 4) get the two highest combined scores: a perfect ranking.
  const curves = computeRunCurves(TRUTH, { ...SCORES, combined: [0, 9, 1, 2, 8, 3] });
  assert.deepEqual(curves.ensembleFrom, []);
  assert.equal(curves.models.ensemble?.roc.auc, 1);
  assert.equal(curves.models.isolationForest?.roc.auc, 7 / 8, "the detectors' own curves are unchanged");
});

test("without DBSCAN distances the ensemble ranks the other two detectors and DBSCAN has no curve", () => {
  const curves = computeRunCurves(TRUTH, { isolationForest: SCORES.isolationForest, autoencoder: SCORES.autoencoder });
  assert.equal(curves.models.dbscan, null);
  assert.deepEqual(curves.ensembleFrom, ["isolationForest", "autoencoder"]);
  // Rank sums [2, 8, 6, 9, 9, 8]: window 4 ties window 3 (1/2) and beats 3; window 1 ties window 5 (1/2) and beats 2: 6 / 8.
  assert.equal(curves.models.ensemble?.roc.auc, 0.75);
});

test("scores with NaN or of the wrong length give that model no curve instead of throwing", () => {
  const curves = computeRunCurves(TRUTH, { ...SCORES, autoencoder: [1, 2, NaN, 4, 5, 6], dbscanDistance: [1, 2] });
  assert.equal(curves.models.autoencoder, null);
  assert.equal(curves.models.dbscan, null);
  assert.deepEqual(curves.ensembleFrom, ["isolationForest"]);
  assert.equal(curves.models.ensemble?.roc.auc, 7 / 8);
});

test("with a single class the curves are empty and their areas undefined", () => {
  const curves = computeRunCurves([], SCORES);
  assert.ok(Number.isNaN(curves.models.isolationForest?.roc.auc));
  assert.deepEqual(curves.models.isolationForest?.roc.points, []);
  assert.ok(Number.isNaN(curves.models.isolationForest?.pr.averagePrecision));
  assert.equal(curves.prevalence, 0);
});

test("curves are decimated to the requested number of points", () => {
  const n = 500;
  const scores = Array.from({ length: n }, (_, i) => (i * 7919) % n);
  const truth = Array.from({ length: 50 }, (_, i) => i * 10);
  const curves = computeRunCurves(truth, { isolationForest: scores, autoencoder: scores }, { maxPoints: 40 });
  const roc = curves.models.isolationForest?.roc.points ?? [];
  assert.ok(roc.length <= 40 && roc.length >= 2);
  assert.deepEqual([roc[0]?.fpr, roc[0]?.tpr, roc.at(-1)?.fpr, roc.at(-1)?.tpr], [0, 0, 1, 1]);
});

test("the page's numbers equal the pipeline's evaluation of the same run", () => {
  const u8 = (a: number[]) => Uint8Array.from(a);
  const f64 = (a: number[]) => Float64Array.from(a);
  const results = {
    windows: new Array(6).fill(null) as never[],
    scores: { isolationForest: f64(SCORES.isolationForest), autoencoder: f64(SCORES.autoencoder), dbscanDistance: f64(SCORES.dbscanDistance), dbscanCluster: new Int32Array(6) },
    labels: { isolationForest: u8(LABELS.isolationForest), dbscan: u8(LABELS.dbscan), autoencoder: u8(LABELS.autoencoder), ensemble: u8(LABELS.ensemble) },
  };
  const pipeline = evaluateRun(results, truthMask(TRUTH, 6), "fixture");
  const labels = evaluateRunLabels(TRUTH, 6, LABELS);
  const curves = computeRunCurves(TRUTH, SCORES);
  for (const key of ["isolationForest", "dbscan", "autoencoder", "ensemble"] as const) {
    const p = pipeline.models[key];
    const l = labels.models[key];
    assert.deepEqual([l.flagged, l.precision, l.recall, l.f1, l.missed], [p.flagged, p.precision, p.recall, p.f1, p.missed], key);
    assert.equal(curves.models[key]?.roc.auc, p.roc.auc, key);
    assert.equal(curves.models[key]?.pr.averagePrecision, p.pr.averagePrecision, key);
  }
});

test("stepping through the curves one slice at a time gives the same result", () => {
  const steps = stepRunCurves(TRUTH, SCORES);
  let slices = 0;
  let step = steps.next();
  while (!step.done) {
    slices++;
    step = steps.next();
  }
  // One slice per detector and one for the ensemble's ranks before its curves.
  assert.equal(slices, 4);
  assert.deepEqual(step.value, computeRunCurves(TRUTH, SCORES));
});
