import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { IsolationForest, type IsolationForestJSON } from "../../lib/detectors/isolation-forest";
import { quantile } from "../../lib/detectors/quantile";
import { averagePathLength } from "../../lib/detectors/isolation-tree";
import { createMatrix } from "../../lib/detectors/matrix";
import { Random } from "../../lib/detectors/random";
import type { Matrix } from "../../lib/detectors/types";

/** `inliers` standard gaussian rows in 3 dimensions, then `outliers` rows around (8, -8, 8). */
function plantedOutliers(inliers: number, outliers: number, seed: number): Matrix {
  const random = new Random(seed);
  const x = createMatrix(inliers + outliers, 3);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < 3; j++) {
      const centre = i < inliers ? 0 : j === 1 ? -8 : 8;
      x.data[i * 3 + j] = centre + random.nextGaussian();
    }
  }
  return x;
}

function topIndices(scores: Float64Array, k: number): number[] {
  return Array.from(scores.keys())
    .sort((a, b) => (scores[b] as number) - (scores[a] as number))
    .slice(0, k)
    .sort((a, b) => a - b);
}

describe("averagePathLength", () => {
  it("follows c(n) = 2H(n-1) - 2(n-1)/n with c(1) = 0", () => {
    assert.equal(averagePathLength(1), 0);
    assert.equal(averagePathLength(256), 2 * (Math.log(255) + 0.5772156649) - (2 * 255) / 256);
  });
});

describe("quantile", () => {
  it("interpolates linearly between order statistics like numpy's percentile", () => {
    assert.equal(quantile([5, 1, 4, 2, 3], 0.5), 3);
    assert.ok(Math.abs(quantile([5, 1, 4, 2, 3], 0.9) - 4.6) < 1e-12);
    assert.equal(quantile([2], 0.95), 2);
  });
});

describe("IsolationForest", () => {
  const x = plantedOutliers(500, 5, 1);

  it("ranks five planted far points above 500 gaussian ones", () => {
    const scores = new IsolationForest({ seed: 3 }).fit(x).score(x);
    assert.deepEqual(topIndices(scores, 5), [500, 501, 502, 503, 504]);
    assert.ok(scores.every((s) => s > 0 && s <= 1));
  });

  it("gives identical scores for the same seed and different ones for another seed", () => {
    const a = new IsolationForest({ seed: 7 }).fit(x).score(x);
    const b = new IsolationForest({ seed: 7 }).fit(x).score(x);
    const c = new IsolationForest({ seed: 8 }).fit(x).score(x);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  });

  it("scores identically after toJSON and load, also through JSON text", () => {
    const forest = new IsolationForest({ seed: 5, contamination: 0.02 }).fit(x);
    const direct = IsolationForest.load(forest.toJSON());
    const viaText = IsolationForest.load(JSON.parse(JSON.stringify(forest)) as IsolationForestJSON);
    const probe = plantedOutliers(50, 3, 99);
    assert.deepEqual(direct.score(probe), forest.score(probe));
    assert.deepEqual(viaText.score(probe), forest.score(probe));
    assert.equal(viaText.threshold, forest.threshold);
    assert.deepEqual(viaText.options, forest.options);
  });

  it("replaces its trees entirely when fitted again", () => {
    const other = plantedOutliers(300, 0, 2);
    const refitted = new IsolationForest({ seed: 4 }).fit(x).fit(other);
    const fresh = new IsolationForest({ seed: 4 }).fit(other);
    assert.deepEqual(refitted.toJSON(), fresh.toJSON());
    assert.deepEqual(refitted.score(x), fresh.score(x));
  });

  it("labels the top contamination fraction of the training windows", () => {
    const training = plantedOutliers(1000, 0, 6);
    const forest = new IsolationForest({ seed: 1, contamination: 0.05 }).fit(training);
    const scores = forest.score(training);
    // Quantile position 0.95 * 999 = 949.05 lies between the 950th and 951st smallest scores.
    assert.deepEqual(forest.trainingScores, scores);
    assert.equal(forest.threshold, quantile(scores, 0.95));
    assert.equal(forest.label(scores).reduce((sum, v) => sum + v, 0), 50);
    assert.equal(forest.label(scores, Infinity).reduce((sum, v) => sum + v, 0), 0);
  });

  it("limits each tree's depth to ceil(log2(subsample))", () => {
    const forest = new IsolationForest({ nEstimators: 3, maxSamples: 16, seed: 2 }).fit(x).toJSON();
    // Full binary trees of depth 4 have at most 31 nodes; leaves at depth 4 carry 4 + c(size).
    assert.equal(forest.subsample, 16);
    assert.ok(forest.feature.length <= 3 * 31);
    const leafValues = forest.value.filter((_, k) => forest.feature[k] === -1);
    assert.ok(leafValues.every((v) => v <= 4 + averagePathLength(16)));
  });

  it("handles fewer rows than the subsample size and constant columns", () => {
    const tiny = createMatrix(4, 2);
    tiny.data.set([1, 0, 1, 0, 1, 0, 1, 9]);
    const forest = new IsolationForest({ seed: 1 }).fit(tiny);
    const scores = forest.score(tiny);
    assert.deepEqual(topIndices(scores, 1), [3]);
    assert.equal(scores[0], scores[1]);
  });

  it("refuses rows of another width than it was fitted on", () => {
    const forest = new IsolationForest({ nEstimators: 2 }).fit(x);
    assert.throws(() => forest.score(createMatrix(1, 2)), /3 features/);
  });
});
