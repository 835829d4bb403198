import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";

import { Dbscan } from "../../lib/detectors/dbscan";
import { chooseEps, findKnee, kDistanceCurve } from "../../lib/detectors/k-distance";
import { toMatrix } from "../../lib/detectors/matrix";
import { Random } from "../../lib/detectors/random";
import { makeClusteredData, sortedDistancesFrom } from "./brute-force";

describe("kDistanceCurve", () => {
  it("counts the point itself and its duplicates as neighbours", () => {
    // k = 2: the three zeros have a copy at 0, 1 is 1 from a zero, 3 is 2 from 1.
    assert.deepEqual(Array.from(kDistanceCurve(toMatrix([[0], [0], [0], [1], [3]]), 2)), [0, 0, 0, 1, 2]);
  });

  it("uses the farthest point when there are fewer rows than k", () => {
    assert.deepEqual(Array.from(kDistanceCurve(toMatrix([[0], [4]]), 5)), [4, 4]);
  });

  it("matches an all-pairs computation on clustered data", () => {
    const x = makeClusteredData(600, 3, 8);
    const k = 5;
    const expected = Array.from({ length: x.rows }, (_, i) => sortedDistancesFrom(x, i)[k - 1] as number).sort((a, b) => a - b);
    assert.deepEqual(Array.from(kDistanceCurve(x, k)), expected);
  });

  it("matches an all-pairs computation on wide rows of small counts, full of duplicates and ties", () => {
    // Like windows' features: 13 columns of small integers, so many rows repeat and many distances
    // tie, where the bound each search starts from (the row asked before) is tightest.
    const random = new Random(21);
    const rows = Array.from({ length: 900 }, () => Array.from({ length: 13 }, () => Math.floor(random.nextFloat() * random.nextFloat() * 4)));
    const x = toMatrix(rows);
    for (const k of [1, 2, 5, 9]) {
      const expected = Array.from({ length: x.rows }, (_, i) => sortedDistancesFrom(x, i)[k - 1] as number).sort((a, b) => a - b);
      assert.deepEqual(Array.from(kDistanceCurve(x, k)), expected, `k = ${k}`);
    }
  });
});

describe("kDistanceCurve on a tree of turned rows (principal-axes.ts)", () => {
  /**
   * Correlated rows (a few latent values mixed into `cols` columns, as window features are), some
   * repeated exactly and some again with their last bits changed: distances of 1e-16 and less, where
   * a turned box that rounded the wrong way would pass a neighbour over.
   */
  const correlated = fc
    .record({ rows: fc.integer({ min: 1, max: 160 }), cols: fc.integer({ min: 1, max: 13 }), latent: fc.integer({ min: 1, max: 4 }), seed: fc.integer({ min: 0, max: 1e6 }) })
    .map(({ rows, cols, latent, seed }) => {
      const random = new Random(seed);
      const mix = Array.from({ length: latent * cols }, () => random.nextGaussian());
      const data = new Float64Array(rows * cols);
      for (let i = 0; i < rows; i++) {
        const pick = random.nextFloat();
        if (i > 0 && pick < 0.3) {
          const from = random.nextInt(i);
          for (let c = 0; c < cols; c++) {
            const v = data[from * cols + c] as number;
            data[i * cols + c] = pick < 0.15 ? v : v + v * Number.EPSILON * (random.nextInt(5) - 2);
          }
          continue;
        }
        const z = Array.from({ length: latent }, () => random.nextGaussian() * 3);
        for (let c = 0; c < cols; c++) {
          let v = random.nextGaussian() * 0.05;
          for (let l = 0; l < latent; l++) v += (z[l] as number) * (mix[l * cols + c] as number);
          data[i * cols + c] = Math.round(v * 8) / 8 + (pick > 0.9 ? random.nextGaussian() * 20 : 0);
        }
      }
      return { rows, cols, data };
    });

  it("gives an all-pairs computation's curve to the bit, for any k", () => {
    fc.assert(
      fc.property(correlated, fc.integer({ min: 1, max: 12 }), (x, k) => {
        const expected = Array.from({ length: x.rows }, (_, i) => {
          const distances = sortedDistancesFrom(x, i);
          return distances[Math.min(k, x.rows) - 1] as number;
        }).sort((a, b) => a - b);
        assert.deepEqual(Array.from(kDistanceCurve(x, k)), expected);
      }),
      { numRuns: 150, seed: 14 },
    );
  });
});

describe("chooseEps", () => {
  // A chain of 20 points one apart and two far outliers.
  const x = toMatrix([...Array.from({ length: 20 }, (_, i) => [i]), [100], [200]]);

  it("puts eps at the knee where the sorted k-distances shoot up", () => {
    const choice = chooseEps(x, 2);
    assert.equal(choice.kneeIndex, 19);
    assert.equal(choice.eps, 1);
    assert.deepEqual(Array.from(choice.curve.slice(19)), [1, 81, 100]);
  });

  it("yields an eps that makes DBSCAN call exactly the outliers noise", () => {
    const { eps } = chooseEps(x, 2);
    const labels = new Dbscan({ eps, minSamples: 2 }).fit(x).labels;
    assert.deepEqual(Array.from(labels), [...new Array<number>(20).fill(0), 1, 1]);
  });

  it("falls back to the smallest positive distance when the knee sits at 0", () => {
    const duplicated = toMatrix([[0], [0], [0], [0], [0], [0], [3], [5]]);
    const choice = chooseEps(duplicated, 2);
    assert.equal(choice.curve[choice.kneeIndex], 0);
    assert.equal(choice.eps, 2);
  });

  it("finds no knee on a flat or tiny curve", () => {
    assert.equal(findKnee([1, 1, 1, 1]), 3);
    assert.equal(findKnee([0.5]), 0);
  });
});
