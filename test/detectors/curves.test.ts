import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { prCurve, rocCurve } from "../../lib/detectors/curves";
import { decimateCurve } from "../../lib/detectors/decimate-curve";
import { evaluateLabels } from "../../lib/detectors/evaluate-labels";
import { Random } from "../../lib/detectors/random";

const labels = (values: number[]) => Uint8Array.from(values);
// scikit-learn's documentation example for roc_curve, roc_auc_score and average_precision_score.
const DOC_SCORES = [0.1, 0.4, 0.35, 0.8];
const DOC_TRUTH = labels([0, 0, 1, 1]);

/** P(anomaly outscores normal) + P(tie) / 2 over all pairs: the AUC by definition. */
function pairwiseAuc(scores: number[], truth: Uint8Array): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((a, i) => {
    if (truth[i] !== 1) return;
    scores.forEach((b, j) => {
      if (truth[j] === 1) return;
      pairs++;
      wins += a > b ? 1 : a === b ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

/** Average precision by its definition: sum over distinct thresholds of (recall gain) x precision at score >= t. */
function definitionAveragePrecision(scores: number[], truth: Uint8Array): number {
  const thresholds = [...new Set(scores)].sort((a, b) => b - a);
  let previousRecall = 0;
  let ap = 0;
  for (const t of thresholds) {
    const score = evaluateLabels(Uint8Array.from(scores, (s) => (s >= t ? 1 : 0)), truth);
    ap += (score.recall - previousRecall) * score.precision;
    previousRecall = score.recall;
  }
  return ap;
}

function noisyScores(n: number, seed: number, levels = 0): { scores: number[]; truth: Uint8Array } {
  const random = new Random(seed);
  const truth = Uint8Array.from({ length: n }, () => (random.nextFloat() < 0.2 ? 1 : 0));
  const scores = Array.from(truth, (t) => {
    const s = random.nextGaussian() + 1.2 * t;
    return levels > 0 ? Math.round(s * levels) / levels : s;
  });
  return { scores, truth };
}

describe("rocCurve", () => {
  it("reproduces scikit-learn's documented example: AUC 0.75 and its four steps", () => {
    const roc = rocCurve(DOC_SCORES, DOC_TRUTH);
    assert.equal(roc.auc, 0.75);
    // roc_curve gives fpr [0, 0, .5, .5, 1], tpr [0, .5, .5, 1, 1] at thresholds [inf, .8, .4, .35, .1] with >=;
    // here each threshold is the highest unflagged score, for the strict > rule.
    assert.deepEqual(roc.points, [
      { fpr: 0, tpr: 0, threshold: 0.8 },
      { fpr: 0, tpr: 0.5, threshold: 0.4 },
      { fpr: 0.5, tpr: 0.5, threshold: 0.35 },
      { fpr: 0.5, tpr: 1, threshold: 0.1 },
      { fpr: 1, tpr: 1, threshold: -Infinity },
    ]);
  });

  it("counts ties as a trapezoid, i.e. half a win, like roc_auc_score", () => {
    assert.equal(rocCurve([1, 1, 1, 1], labels([0, 1, 0, 1])).auc, 0.5);
    // Pairs (anomaly, normal): (2,1) win, (2,2) tie, (3,1) win, (3,2) win: 3.5 / 4.
    assert.equal(rocCurve([1, 2, 2, 3], labels([0, 0, 1, 1])).auc, 0.875);
    for (let seed = 1; seed <= 5; seed++) {
      const { scores, truth } = noisyScores(300, seed, 4);
      assert.ok(Math.abs(rocCurve(scores, truth).auc - pairwiseAuc(scores, truth)) < 1e-12);
    }
  });

  it("gives each point the rates of flagging score > threshold", () => {
    const { scores, truth } = noisyScores(150, 7, 3);
    const negatives = truth.length - truth.reduce((a, b) => a + b, 0);
    for (const point of rocCurve(scores, truth).points) {
      const score = evaluateLabels(Uint8Array.from(scores, (s) => (s > point.threshold ? 1 : 0)), truth);
      assert.equal(point.tpr, score.recall);
      assert.equal(point.fpr, score.falsePositives / negatives);
    }
  });

  it("decimates long curves to maxPoints, keeping both ends, the shape and the exact AUC", () => {
    const { scores, truth } = noisyScores(5000, 3);
    const full = rocCurve(scores, truth, 10_000);
    const roc = rocCurve(scores, truth);
    assert.equal(full.points.length, 5001);
    assert.equal(roc.points.length, 200);
    assert.equal(roc.auc, full.auc);
    assert.deepEqual(roc.points[0], full.points[0]);
    assert.deepEqual(roc.points.at(-1), { fpr: 1, tpr: 1, threshold: -Infinity });
    // Every dropped point lies within 0.01 (in rate units) of the kept polyline.
    const xs = roc.points.map((p) => p.fpr);
    const ys = roc.points.map((p) => p.tpr);
    for (const p of full.points) assert.ok(distanceToPolyline(xs, ys, p.fpr, p.tpr) < 0.01);
    assert.equal(rocCurve(scores, truth, 2).points.length, 2);
  });

  it("accepts infinite scores and returns NaN with no points when a class is missing", () => {
    const roc = rocCurve([Infinity, Infinity, 1, 0], labels([1, 0, 1, 0]));
    assert.equal(roc.auc, 0.625);
    assert.equal(roc.points[0]?.threshold, Infinity);
    assert.deepEqual(rocCurve([1, 2], labels([1, 1])), { auc: NaN, points: [] });
    assert.deepEqual(rocCurve([], labels([])), { auc: NaN, points: [] });
    assert.throws(() => rocCurve([1, NaN], labels([0, 1])), /NaN/);
    assert.throws(() => rocCurve([1, 2], labels([0, 1]), 1), /maxPoints/);
  });
});

describe("prCurve", () => {
  it("reproduces scikit-learn's documented example: average precision 0.8333", () => {
    const pr = prCurve(DOC_SCORES, DOC_TRUTH);
    assert.ok(Math.abs(pr.averagePrecision - 5 / 6) < 1e-15);
    // precision_recall_curve, reversed: precision [1, 1, .5, 2/3, .5], recall [0, .5, .5, 1, 1].
    assert.deepEqual(pr.points, [
      { recall: 0, precision: 1, threshold: 0.8 },
      { recall: 0.5, precision: 1, threshold: 0.4 },
      { recall: 0.5, precision: 0.5, threshold: 0.35 },
      { recall: 1, precision: 2 / 3, threshold: 0.1 },
      { recall: 1, precision: 0.5, threshold: -Infinity },
    ]);
  });

  it("matches the definition of average precision on tied and untied scores", () => {
    for (const levels of [0, 2, 10]) {
      const { scores, truth } = noisyScores(400, 11 + levels, levels);
      const pr = prCurve(scores, truth);
      assert.ok(Math.abs(pr.averagePrecision - definitionAveragePrecision(scores, truth)) < 1e-12);
    }
  });

  it("keeps the start point and full recall when decimating, with AP from all cuts", () => {
    const { scores, truth } = noisyScores(3000, 9);
    const full = prCurve(scores, truth, 10_000);
    const pr = prCurve(scores, truth, 50);
    assert.equal(pr.points.length, 50);
    assert.equal(pr.averagePrecision, full.averagePrecision);
    assert.deepEqual(pr.points[0], full.points[0]);
    assert.deepEqual(pr.points.at(-1), full.points.at(-1));
    assert.ok(pr.points.every((p, k) => k === 0 || p.recall >= (pr.points[k - 1] as { recall: number }).recall));
  });

  it("returns NaN and no points without anomalies, precision 1 everywhere without normal windows", () => {
    assert.deepEqual(prCurve([1, 2], labels([0, 0])), { averagePrecision: NaN, points: [] });
    const allAnomalous = prCurve([1, 2, Infinity], labels([1, 1, 1]));
    assert.equal(allAnomalous.averagePrecision, 1);
    assert.ok(allAnomalous.points.every((p) => p.precision === 1));
  });
});

describe("decimateCurve", () => {
  it("keeps the corner of an L and drops the points on its straight legs", () => {
    const xs = [0, 0, 0, 0.5, 1];
    const ys = [0, 0.5, 1, 1, 1];
    assert.deepEqual(Array.from(decimateCurve(xs, ys, 3)), [0, 2, 4]);
    // Budget to spare: collinear points are still not worth keeping.
    assert.deepEqual(Array.from(decimateCurve([0, 1, 2, 3, 4], [0, 1, 2, 3, 4], 4)), [0, 4]);
    assert.deepEqual(Array.from(decimateCurve([0, 1], [0, 1], 200)), [0, 1]);
  });
});

function distanceToPolyline(xs: number[], ys: number[], px: number, py: number): number {
  let best = Infinity;
  for (let k = 0; k + 1 < xs.length; k++) {
    const ax = xs[k] as number;
    const ay = ys[k] as number;
    const dx = (xs[k + 1] as number) - ax;
    const dy = (ys[k + 1] as number) - ay;
    const length2 = dx * dx + dy * dy;
    const t = length2 > 0 ? Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / length2)) : 0;
    best = Math.min(best, Math.hypot(px - ax - t * dx, py - ay - t * dy));
  }
  return best;
}
