import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { Autoencoder } from "../../lib/detectors/autoencoder";
import { findBestF1Threshold } from "../../lib/detectors/best-f1-threshold";
import { evaluateLabels } from "../../lib/detectors/evaluate-labels";
import { IsolationForest } from "../../lib/detectors/isolation-forest";
import { Random } from "../../lib/detectors/random";

const labels = (values: number[]) => Uint8Array.from(values);

/** F1 of every candidate threshold (each score and -Infinity), the O(n^2) way. */
function bruteForceBestF1(scores: number[], truth: Uint8Array): number {
  let best = 0;
  for (const threshold of [...scores, -Infinity]) {
    const predicted = Uint8Array.from(scores, (s) => (s > threshold ? 1 : 0));
    best = Math.max(best, evaluateLabels(predicted, truth).f1);
  }
  return best;
}

describe("findBestF1Threshold", () => {
  it("finds the cut that flags both anomalies and one false alarm on a hand example", () => {
    // Descending: 0.9 (1), 0.8 (0), 0.7 (1), 0.2 (0), 0.1 (0). Flag top 3: P 2/3, R 1, F1 0.8.
    const best = findBestF1Threshold([0.1, 0.9, 0.2, 0.7, 0.8], labels([0, 1, 0, 1, 0]));
    assert.deepEqual(best, { threshold: 0.2, f1: 0.8, precision: 2 / 3, recall: 1, flagged: 3 });
  });

  it("uses the detectors' strict score > threshold rule, so their label() reproduces the result", () => {
    const random = new Random(2);
    const scores = Array.from({ length: 300 }, () => Math.round(random.nextFloat() * 50) / 50);
    const truth = Uint8Array.from(scores, (s) => (s + 0.3 * random.nextFloat() > 0.9 ? 1 : 0));
    const best = findBestF1Threshold(scores, truth);
    for (const predicted of [new IsolationForest().label(scores, best.threshold), new Autoencoder().label(scores, best.threshold)]) {
      const score = evaluateLabels(predicted, truth);
      assert.equal(predicted.reduce((a, b) => a + b, 0), best.flagged);
      assert.equal(score.f1, best.f1);
      assert.equal(score.precision, best.precision);
      assert.equal(score.recall, best.recall);
    }
  });

  it("never splits tied scores and matches a brute-force search over every cut", () => {
    const random = new Random(5);
    for (let trial = 0; trial < 20; trial++) {
      const scores = Array.from({ length: 60 }, () => random.nextInt(8));
      const truth = Uint8Array.from(scores, (s) => (random.nextFloat() < s / 10 ? 1 : 0));
      const best = findBestF1Threshold(scores, truth);
      assert.ok(Math.abs(best.f1 - bruteForceBestF1(scores, truth)) < 1e-12);
      assert.ok(best.threshold === -Infinity || scores.includes(best.threshold));
    }
    // Three tied scores, one anomalous: the only cuts flag all three or none.
    assert.deepEqual(findBestF1Threshold([5, 5, 5], labels([0, 1, 0])), { threshold: -Infinity, f1: 0.5, precision: 1 / 3, recall: 1, flagged: 3 });
  });

  it("prefers the higher threshold when two cuts give the same F1", () => {
    // Flag {4}: F1 = 2*1 / (1 + 2) = 2/3. Flag all four: 2*2 / (4 + 2) = 2/3 as well.
    const best = findBestF1Threshold([4, 3, 2, 1], labels([1, 0, 0, 1]));
    assert.equal(best.threshold, 3);
    assert.equal(best.flagged, 1);
  });

  it("flags nothing when the truth holds no anomaly, and handles infinite scores", () => {
    assert.deepEqual(findBestF1Threshold([0.3, 0.9], labels([0, 0])), { threshold: 0.9, f1: 0, precision: 0, recall: 0, flagged: 0 });
    assert.deepEqual(findBestF1Threshold([], labels([])), { threshold: Infinity, f1: 0, precision: 0, recall: 0, flagged: 0 });
    const best = findBestF1Threshold([Infinity, 0, Infinity, 1], labels([1, 0, 1, 0]));
    assert.deepEqual(best, { threshold: 1, f1: 1, precision: 1, recall: 1, flagged: 2 });
  });

  it("rejects NaN scores and mismatched lengths", () => {
    assert.throws(() => findBestF1Threshold([NaN], labels([1])), /NaN/);
    assert.throws(() => findBestF1Threshold([1, 2], labels([1])), RangeError);
  });
});
