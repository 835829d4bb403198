import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { estimateThreshold } from "../../lib/detectors/estimate-threshold";
import { IsolationForest } from "../../lib/detectors/isolation-forest";
import { percentile, quantile } from "../../lib/detectors/quantile";
import { Random } from "../../lib/detectors/random";

const ONE_TO_TEN = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

function countAbove(scores: ArrayLike<number>, threshold: number): number {
  return Array.from(scores).filter((s) => s > threshold).length;
}

describe("estimateThreshold", () => {
  it("cuts at median + 3 x 1.4826 MAD: only 100 stands out of 1..9, 100", () => {
    // median 5.5, MAD 2.5, cut 5.5 + 3 * 1.4826 * 2.5 = 16.6195.
    const estimate = estimateThreshold([1, 2, 3, 4, 5, 6, 7, 8, 9, 100]);
    assert.ok(Math.abs(estimate.threshold - 16.6195) < 1e-9);
    assert.equal(estimate.fraction, 0.1);
    assert.equal(estimate.method, "mad");
    assert.equal(estimate.reason, "10% of windows (1 of 10) score above 16.6, the median + 3 × 1.4826 MAD of the scores above the median.");
  });

  it("measures the spread above the median only, so a cluster of idle low scores does not widen the cut", () => {
    const scores = [0, 0, 0, 0, 0, 10, 11, 12, 13, 14, 30, 100];
    // Median 10.5. Above it: 11, 12, 13, 14, 30, 100, deviations 0.5 1.5 2.5 3.5 19.5 89.5, MAD 3:
    // cut 10.5 + 3 * 1.4826 * 3 = 23.8434, so 30 and 100 stand out.
    const upper = estimateThreshold(scores);
    assert.ok(Math.abs(upper.threshold - 23.8434) < 1e-9);
    assert.equal(countAbove(scores, upper.threshold), 2);
    // All deviations: five 10.5s from the zeros make the MAD 10.5: cut 57.20, only 100 stands out.
    const both = estimateThreshold(scores, { side: "both" });
    assert.ok(Math.abs(both.threshold - (10.5 + 3 * 1.4826 * 10.5)) < 1e-9);
    assert.equal(countAbove(scores, both.threshold), 1);
    assert.equal(both.reason, "8.3% of windows (1 of 12) score above 57.2, the median + 3 × 1.4826 MAD of the scores.");
  });

  it("falls back to the mean absolute deviation when most scores tie and MAD is 0", () => {
    // median 0, MAD 0, mean |deviation| 13/9, cut 3 * 1.2533 * 13/9 = 5.4310.
    const estimate = estimateThreshold([0, 0, 0, 0, 0, 0, 1, 2, 10]);
    assert.equal(estimate.method, "mean-ad");
    assert.ok(Math.abs(estimate.threshold - (3 * 1.2533 * 13) / 9) < 1e-12);
    assert.equal(estimate.fraction, 1 / 9);
    assert.match(estimate.reason, /mean absolute deviation .*MAD is 0/);
  });

  it("flags nothing for constant scores and for fewer than three scores", () => {
    assert.deepEqual(estimateThreshold([2, 2, 2, 2]), {
      threshold: 2,
      fraction: 0,
      method: "constant",
      reason: "All 4 scores equal 2: none stands out.",
    });
    assert.equal(estimateThreshold([1, 9]).method, "too-few");
    assert.equal(estimateThreshold([1, 9]).fraction, 0);
    assert.equal(estimateThreshold([1, 9]).threshold, 9);
    assert.deepEqual(estimateThreshold([]), {
      threshold: Infinity,
      fraction: 0,
      method: "none",
      reason: "Only 0 scores: too few to estimate a threshold, nothing is flagged.",
    });
  });

  it("caps the share at maxFraction by cutting at a data value", () => {
    // k = 0 would flag 6..10 (50%); maxFraction 0.3 keeps 8, 9, 10.
    const estimate = estimateThreshold(ONE_TO_TEN, { k: 0, maxFraction: 0.3 });
    assert.equal(estimate.method, "max-fraction");
    assert.equal(estimate.threshold, 7);
    assert.equal(estimate.fraction, 0.3);
    assert.match(estimate.reason, /would flag 50% of windows \(5 of 10\), capped at maxFraction 30%/);
  });

  it("raises the share to minFraction, whole windows rounded up, ties flagged together", () => {
    // 1..10: the rule's cut 16.6 flags nothing; minFraction 0.2 means at least 2 windows.
    const two = estimateThreshold(ONE_TO_TEN, { minFraction: 0.2 });
    assert.deepEqual([two.method, two.threshold, two.fraction], ["min-fraction", 8, 0.2]);
    // The default 0.1% still means at least one window of ten.
    assert.deepEqual([estimateThreshold(ONE_TO_TEN).threshold, estimateThreshold(ONE_TO_TEN).fraction], [9, 0.1]);
    // The two highest tie, so one window cannot be flagged alone.
    const tied = estimateThreshold([0, 1, 2, 3, 4, 5, 6, 7, 8, 8], { minFraction: 0.1 });
    assert.deepEqual([tied.threshold, tied.fraction], [7, 0.2]);
    assert.equal(estimateThreshold(ONE_TO_TEN, { minFraction: 0 }).fraction, 0);
  });

  it("lets maxFraction win when ties make minFraction unreachable without breaking it", () => {
    const estimate = estimateThreshold([0, 0, 0, 0, 0, 0, 0, 0, 1, 1], { minFraction: 0.1, maxFraction: 0.1, k: 100 });
    assert.equal(estimate.fraction, 0);
    assert.notEqual(estimate.method, "min-fraction");
  });

  it("on log scores flags only the one heavy-tail value that the linear rule drowns in its tail", () => {
    const scores = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 30].map(Math.exp);
    // Symmetric MAD. log: median 5, MAD 3, cut exp(5 + 3 * 1.4826 * 3); linear: median e^5 + 3 sigma = 804 flags e^7 and up.
    const logged = estimateThreshold(scores, { log: true, side: "both" });
    assert.ok(Math.abs(logged.threshold - Math.exp(5 + 3 * 1.4826 * 3)) < 1e-6);
    assert.equal(countAbove(scores, logged.threshold), 1);
    assert.match(logged.reason, /of the log scores\.$/);
    assert.equal(countAbove(scores, estimateThreshold(scores, { side: "both" }).threshold), 4);
    // Upper MAD on the logs: deviations of 5..9, 30 from 5 are 0 1 2 3 4 25, MAD 2.5.
    const upper = estimateThreshold(scores, { log: true });
    assert.ok(Math.abs(upper.threshold - Math.exp(5 + 3 * 1.4826 * 2.5)) < 1e-6);
    assert.match(upper.reason, /of the log scores above the median\.$/);
  });

  it("treats zero scores on the log scale as the smallest positive score", () => {
    const estimate = estimateThreshold([0, 0, 0.5, 1, 1, 1, 2, 1000], { log: true });
    assert.ok(Number.isFinite(estimate.threshold));
    assert.equal(countAbove([0, 0, 0.5, 1, 1, 1, 2, 1000], estimate.threshold), 1);
  });

  it("flags infinite scores but keeps a finite cut while most scores are finite", () => {
    const scores = [0.1, 0.2, 0.15, 0.12, 0.18, 0.11, 0.16, Infinity, Infinity];
    const estimate = estimateThreshold(scores);
    assert.ok(Number.isFinite(estimate.threshold));
    assert.equal(estimate.fraction, 2 / 9);
  });

  it("returns a fraction that, as contamination or percentile, reproduces the same flags", () => {
    const random = new Random(4);
    const scores = Array.from({ length: 500 }, (_, i) => (i < 480 ? 0.4 + 0.03 * random.nextGaussian() : 0.7 + 0.05 * random.nextFloat()));
    const estimate = estimateThreshold(scores);
    const flagged = countAbove(scores, estimate.threshold);
    assert.equal(estimate.fraction, flagged / 500);
    assert.ok(flagged >= 20, `flags ${flagged}`);
    // IsolationForest: threshold = quantile(training scores, 1 - contamination), label = score > threshold.
    const forestLabels = new IsolationForest().label(scores, quantile(scores, 1 - estimate.fraction));
    assert.equal(forestLabels.reduce((a, b) => a + b, 0), flagged);
    assert.equal(countAbove(scores, percentile(scores, 100 * (1 - estimate.fraction))), flagged);
  });

  it("rejects NaN scores and impossible options", () => {
    assert.throws(() => estimateThreshold([1, NaN, 2]), /NaN/);
    assert.throws(() => estimateThreshold(ONE_TO_TEN, { k: -1 }), RangeError);
    assert.throws(() => estimateThreshold(ONE_TO_TEN, { minFraction: 0.6, maxFraction: 0.5 }), RangeError);
    assert.throws(() => estimateThreshold([-1, -2, -3], { log: true }), /positive/);
  });
});
