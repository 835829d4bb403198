import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { calibrateFeature, FeatureTails, type FeatureTailsJSON } from "../../lib/detectors/feature-tails";
import { toMatrix } from "../../lib/detectors/matrix";
import { withFeatureTails } from "../../lib/detectors/score-ensemble";

describe("calibrateFeature", () => {
  it("takes the median and 1.4826 times the median absolute deviation when that is above sqrt(mean + 1)", () => {
    // Median 20; deviations 10, 10, 0, 10, 10 -> MAD 10, scale 14.826; mean 20 -> floor sqrt(21) = 4.58.
    const c = calibrateFeature([10, 30, 20, 10, 30]);
    assert.equal(c.median, 20);
    assert.ok(Math.abs(c.scale - 14.826) < 1e-12);
  });

  it("never lets a count that is 0 in most windows have a scale below sqrt(mean + 1)", () => {
    // Median 0 and MAD 0; mean 8 / 8 = 1 -> scale sqrt(2): 8 stray lines in one window are 5.7 sigma, not infinite.
    const c = calibrateFeature([0, 0, 0, 0, 0, 0, 0, 8]);
    assert.equal(c.median, 0);
    assert.ok(Math.abs(c.scale - Math.SQRT2) < 1e-12);
  });
});

describe("FeatureTails", () => {
  // One feature, 11 windows at 0 but for window 5. Median 0, MAD 0, mean 1 -> scale sqrt(2).
  const spike = toMatrix([0, 0, 0, 0, 0, 11, 0, 0, 0, 0, 0].map((v) => [v]));

  it("scores a spike by its own robust z and leaves its neighbours ordinary", () => {
    const { scores } = new FeatureTails().fit(spike).score(spike);
    assert.ok(Math.abs((scores[5] as number) - 11 / Math.SQRT2) < 1e-9);
    // The centred median of 5 ignores one spike: windows 3, 4, 6 and 7 stay at 0.
    for (const i of [3, 4, 6, 7]) assert.equal(scores[i], 0);
  });

  it("finds a sustained shift that no single window shows, through the centred median of 5", () => {
    // 30 windows cycling 8..12 and windows 20..29 at 18. Median 11 (the 20th and 21st of 40 sorted);
    // deviations 3, 2, 1, 0, 1 (6 each) and 7 (10) -> MAD 2, 2.965; mean 12 -> floor sqrt(13) = 3.606.
    // Each shifted window alone: (18 - 11) / 3.606 = 1.94 sigma; the median of 5: 1.94 / 0.5359 = 3.62.
    const values = Array.from({ length: 40 }, (_, i) => (i >= 20 && i < 30 ? 18 : 8 + (i % 5)));
    const x = toMatrix(values.map((v) => [v]));
    const model = new FeatureTails().fit(x);
    const { scores } = model.score(x);
    assert.deepEqual(model.fitted[0], { median: 11, scale: Math.sqrt(13) });
    const alone = 7 / Math.sqrt(13);
    assert.ok(Math.abs((scores[25] as number) - alone / 0.5359) < 1e-9, `window 25: ${scores[25]}`);
    const { scores: single } = new FeatureTails({ span: 1 }).fit(x).score(x);
    assert.ok(Math.abs((single[25] as number) - alone) < 1e-9);
  });

  it("counts falls as well as rises, and names the feature that gave the score", () => {
    // Feature 0 steady at 100 +/- 2 but 0 at window 6 (a service falls silent); feature 1 always 0.
    const rows = Array.from({ length: 12 }, (_, i) => [i === 6 ? 0 : 98 + (i % 5), 0]);
    const { scores, features } = new FeatureTails({ span: 1 }).fit(toMatrix(rows)).score(toMatrix(rows));
    assert.ok((scores[6] as number) > 5, `window 6: ${scores[6]}`);
    assert.equal(features[6], 0);
  });

  it("scores new windows against its training windows and round-trips through toJSON and load", () => {
    const model = new FeatureTails().fit(spike);
    const loaded = FeatureTails.load(JSON.parse(JSON.stringify(model.toJSON())) as FeatureTailsJSON);
    assert.deepEqual(Array.from(loaded.score(spike).scores), Array.from(model.score(spike).scores));
    // A window scored alone is its own median: 4 / sqrt(2).
    assert.ok(Math.abs((model.score(toMatrix([[4]])).scores[0] as number) - 4 / Math.SQRT2) < 1e-9);
  });

  it("refuses an even span and a feature count it was not fitted on", () => {
    assert.throws(() => new FeatureTails({ span: 4 }), /span/);
    assert.throws(() => new FeatureTails().fit(spike).score(toMatrix([[1, 2]])), /fitted on 1 features/);
  });
});

describe("withFeatureTails", () => {
  it("takes per window the larger of the tails and the weighted median z", () => {
    assert.deepEqual(Array.from(withFeatureTails(Float64Array.from([40, 8, -3]), Float64Array.from([2, 9, 0]), 0.25)), [10, 9, 0]);
  });
});
