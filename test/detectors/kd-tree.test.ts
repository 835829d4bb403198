import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { KdTree } from "../../lib/detectors/kd-tree";
import { findNearest } from "../../lib/detectors/kd-tree-search";
import { squaredDistance } from "../../lib/detectors/matrix";
import { makeClusteredData } from "./brute-force";

describe("KdTree", () => {
  const x = makeClusteredData(800, 3, 4);
  const weights = Float64Array.from({ length: x.rows }, (_, i) => 1 + (i % 3));
  const tree = new KdTree(x.data, x.cols, weights);
  const queries = makeClusteredData(60, 3, 5);

  it("keeps every point exactly once", () => {
    assert.deepEqual(Array.from(tree.originalIndex).sort((a, b) => a - b), Array.from({ length: x.rows }, (_, i) => i));
  });

  it("counts weighted points within a radius like a full scan", () => {
    for (let q = 0; q < queries.rows; q++) {
      for (const r2 of [0, 0.09, 1, 25]) {
        let expected = 0;
        for (let i = 0; i < x.rows; i++) {
          if (squaredDistance(queries.data, q, x.data, i, x.cols) <= r2) expected += weights[i] as number;
        }
        assert.equal(tree.countWithin(queries.data, q * x.cols, r2), expected);
        // With a limit it may stop early but never undercounts below the limit.
        const limited = tree.countWithin(queries.data, q * x.cols, r2, 5);
        assert.ok(expected >= 5 ? limited >= 5 : limited === expected);
      }
    }
  });

  it("notes the points a count finds, at most the slots given, and leaves every other slot as it was", () => {
    for (let q = 0; q < queries.rows; q++) {
      for (const r2 of [0.09, 1, 25]) {
        const within = Array.from({ length: x.rows }, (_, i) => i).filter((i) => squaredDistance(queries.data, q, x.data, i, x.cols) <= r2);
        const positions = new Int32Array(12).fill(-7);
        tree.countWithin(queries.data, q * x.cols, r2, Infinity, { positions, at: 2, slots: 6 });
        const noted = Array.from(positions.subarray(2, 8)).filter((p) => p !== -7);
        // Without a limit the count sees every point within, so it fills as many slots as it can.
        assert.equal(noted.length, Math.min(6, within.length));
        assert.equal(new Set(noted).size, noted.length);
        for (const p of noted) assert.ok(within.includes(tree.originalIndex[p] as number), `position ${p} is within ${r2}`);
        assert.deepEqual(Array.from(positions.subarray(0, 2)), [-7, -7]);
        assert.deepEqual(Array.from(positions.subarray(8)), [-7, -7, -7, -7]);
      }
    }
  });

  // The k nearest (findKNearestTurned) are checked through the k-distance curve (k-distance.test.ts).
  it("finds the nearest point like a full scan", () => {
    for (let q = 0; q < queries.rows; q++) {
      const all = Array.from({ length: x.rows }, (_, i) => squaredDistance(queries.data, q, x.data, i, x.cols)).sort((a, b) => a - b);
      assert.equal(findNearest(tree, queries.data, q * x.cols).rdist, all[0]);
    }
  });

  it("handles an empty tree", () => {
    const empty = new KdTree(new Float64Array(0), 2);
    assert.equal(empty.countWithin(Float64Array.of(0, 0), 0, 1), 0);
    assert.equal(findNearest(empty, Float64Array.of(0, 0), 0).position, -1);
  });
});
