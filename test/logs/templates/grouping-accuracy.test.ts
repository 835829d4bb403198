import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { groupingAccuracy } from "../../../lib/logs/templates/grouping-accuracy";

describe("groupingAccuracy", () => {
  it("counts a line only when its predicted group holds exactly the lines of its true event", () => {
    // Truth: A = {0, 1}, B = {2, 3}, C = {4}, D = {5}.
    // Predicted 7 = {0, 1}: exactly A -> 2 lines correct.
    // Predicted 8 = {2}: only part of B -> wrong; predicted 9 = {3, 4}: mixes B and C -> wrong.
    // Predicted 10 = {5}: exactly D -> 1 line correct. 3 of 6.
    assert.equal(groupingAccuracy([7, 7, 8, 9, 9, 10], ["A", "A", "B", "B", "C", "D"]), 0.5);
  });

  it("ignores what the labels are called, only how they group lines, and accepts string labels", () => {
    assert.equal(groupingAccuracy(["x", "x", "y"], ["E1", "E1", "E2"]), 1);
    assert.equal(groupingAccuracy(new Int32Array([0, 0, 0]), ["E1", "E1", "E2"]), 0);
  });

  it("is 1 for no lines and refuses arrays of different lengths", () => {
    assert.equal(groupingAccuracy([], []), 1);
    assert.throws(() => groupingAccuracy([1], []), RangeError);
  });
});
