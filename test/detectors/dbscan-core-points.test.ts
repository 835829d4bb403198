import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { Dbscan } from "../../lib/detectors/dbscan";
import { findDbscanNoise } from "../../lib/detectors/dbscan-noise";
import { findCorePoints } from "../../lib/detectors/dbscan-core-points";
import { findNeighbourhoods, NEAREST_KEPT } from "../../lib/detectors/k-distance";
import { squaredDistance, toMatrix } from "../../lib/detectors/matrix";
import { bruteDbscan, makeClusteredData } from "./brute-force";

describe("DBSCAN from the neighbourhoods an automatic eps found (findNeighbourhoods)", () => {
  it("has the core points counting finds, and the same fit and relabelling, for any eps and min samples", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 220 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: 0.01, max: 3, noNaN: true }),
        (rows, cols, seed, minSamples, eps) => {
          const x = makeClusteredData(rows, cols, seed);
          const near = findNeighbourhoods(x, minSamples);
          const counted = findCorePoints(x, { eps, minSamples });
          const given = findCorePoints(x, { eps, minSamples }, near.rdists);
          assert.deepEqual(given.isCore, counted.isCore);
          assert.deepEqual(given.coreIds, counted.coreIds);
          // Clusters too: the near pairs joined first change no component.
          const fitted = new Dbscan({ eps, minSamples });
          const plain = new Dbscan({ eps, minSamples });
          assert.deepEqual(fitted.fit(x, near), plain.fit(x));
          assert.deepEqual(fitted.toState(), plain.toState());
          assert.deepEqual(findDbscanNoise(x, { eps, minSamples }, near.rdists), findDbscanNoise(x, { eps, minSamples }));
        },
      ),
      { numRuns: 200, seed: 5 },
    );
  });

  it("at an eps equal to a row's own k-th distance, that row is core, as an all-pairs count says", () => {
    // With min samples 3 a row's 3rd neighbour (itself first): 0 -> 2, 1 -> 0 or 2, 2 -> 0, 10 -> 1.
    const x = toMatrix([[0], [1], [2], [10]]);
    const rdists = findNeighbourhoods(x, 3).rdists;
    assert.deepEqual(Array.from(rdists), [4, 1, 4, 81]);
    const { isCore } = findCorePoints(x, { eps: 2, minSamples: 3 }, rdists);
    assert.deepEqual(Array.from(isCore), bruteDbscan(x, 2, 3).core.map(Number));
  });

  it("find no core point when there are fewer rows than min samples, and refuse distances of another matrix or k", () => {
    const x = toMatrix([[0], [0.1]]);
    assert.deepEqual(Array.from(findCorePoints(x, { eps: 5, minSamples: 3 }, findNeighbourhoods(x, 3).rdists).isCore), [0, 0]);
    assert.throws(() => findCorePoints(x, { eps: 5, minSamples: 3 }, new Float64Array(3)), /expected 2 k-th neighbour distances, got 3/);
    assert.throws(() => new Dbscan({ eps: 5, minSamples: 3 }).fit(x, findNeighbourhoods(x, 2)), /neighbourhoods of 2 rows do not fit min samples 3/);
  });

  it("is not used on rows holding NaN or an infinity, where a count and a search disagree on what is near", () => {
    // A review's case: reused, the NaN rows came out core (their search finds nothing: -1).
    for (const odd of [NaN, Infinity]) {
      const x = toMatrix([[0, 0], [0.1, 0], [5, 5], [odd, 1], [odd, 2]]);
      const near = findNeighbourhoods(x, 3);
      assert.deepEqual(new Dbscan({ eps: 0.5, minSamples: 3 }).fit(x, near), new Dbscan({ eps: 0.5, minSamples: 3 }).fit(x));
      assert.deepEqual(findDbscanNoise(x, { eps: 0.5, minSamples: 3 }, near.rdists), findDbscanNoise(x, { eps: 0.5, minSamples: 3 }));
    }
  });

  it("keeps at most NEAREST_KEPT nearest rows per distinct row, whatever k is", () => {
    const x = makeClusteredData(300, 3, 2);
    const near = findNeighbourhoods(x, 40);
    assert.equal(near.slots, NEAREST_KEPT);
    assert.equal(near.nearest.length % NEAREST_KEPT, 0);
    assert.ok(near.nearest.length <= x.rows * NEAREST_KEPT);
    assert.deepEqual(new Dbscan({ eps: 0.6, minSamples: 40 }).fit(x, near), new Dbscan({ eps: 0.6, minSamples: 40 }).fit(x));
  });

  it("notes, when counting, the distinct rows each count found within eps, and only when asked", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 160 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 1, max: 24 }),
        fc.double({ min: 0.05, max: 2, noNaN: true }),
        (rows, cols, seed, minSamples, eps) => {
          const x = makeClusteredData(rows, cols, seed);
          assert.equal(findCorePoints(x, { eps, minSamples }).near, undefined);
          assert.equal(findCorePoints(x, { eps, minSamples }, findNeighbourhoods(x, minSamples).rdists, true).near, undefined);
          const { rows: distinct, isCore, near } = findCorePoints(x, { eps, minSamples }, undefined, true);
          assert.ok(near !== undefined);
          const slots = Math.min(minSamples, NEAREST_KEPT, distinct.count);
          assert.equal(near.slots, slots);
          assert.equal(near.nearest.length, distinct.count * slots);
          for (let u = 0; u < distinct.count; u++) {
            const noted: number[] = Array.from(near.nearest.subarray(u * slots, (u + 1) * slots)).filter((v) => v >= 0);
            const within = Array.from({ length: distinct.count }, (_, v) => v).filter((v) => squaredDistance(distinct.unique, u, distinct.unique, v, cols) <= eps * eps);
            assert.equal(new Set(noted).size, noted.length);
            for (const v of noted) assert.ok(within.includes(v), `row ${v} is within eps of row ${u}`);
            // A row with minSamples copies of itself is core uncounted; a row that is not core was
            // counted to the end, so it noted as many of the rows within as it had slots for.
            if ((distinct.weights[u] as number) >= minSamples) assert.equal(noted.length, 0);
            else if (!isCore[u]) assert.equal(noted.length, Math.min(slots, within.length));
          }
        },
      ),
      { numRuns: 150, seed: 9 },
    );
  });

  it("lists each distinct row's nearest distinct rows, itself first", () => {
    // k = 2 over [0], [0], [1], [5]: the two zeros are one distinct row of weight 2 (not searched).
    const near = findNeighbourhoods(toMatrix([[0], [0], [1], [5]]), 2);
    assert.equal(near.slots, 2);
    assert.deepEqual(Array.from(near.nearest), [-1, -1, 1, 0, 2, 1]);
    assert.deepEqual(Array.from(near.rdists), [0, 0, 1, 16]);
  });
});
