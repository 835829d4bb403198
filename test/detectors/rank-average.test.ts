import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { percentileRanks, rankAverage } from "../../lib/detectors/rank-average";

describe("percentileRanks", () => {
  it("gives rank / n with tied values sharing their mean rank", () => {
    assert.deepEqual(Array.from(percentileRanks([10, 30, 20])), [1 / 3, 1, 2 / 3]);
    // 5 and 5 take ranks 2 and 3: both 2.5 / 3.
    assert.deepEqual(Array.from(percentileRanks([5, 1, 5])), [2.5 / 3, 1 / 3, 2.5 / 3]);
    assert.deepEqual(Array.from(percentileRanks([Infinity, 0, Infinity, 0])), [0.875, 0.375, 0.875, 0.375]);
  });
});

describe("rankAverage", () => {
  it("averages each row's percentile ranks over the columns", () => {
    // Ranks: column 1 [1/3, 2/3, 1], column 2 [1, 1/3, 2/3].
    const combined = rankAverage([[0.1, 0.5, 0.9], Float64Array.from([300, 1, 2])]);
    const expected = [2 / 3, 1 / 2, 5 / 6];
    combined.forEach((v, i) => assert.ok(Math.abs(v - (expected[i] as number)) < 1e-15));
  });

  it("does not let one column's scale or heavy tail dominate", () => {
    const combined = rankAverage([
      [1, 2, 3, 4],
      [1e-3, 1e9, 2e-3, 3e-3],
    ]);
    // Row 3 is top in column 1 and second in column 2; row 1 has the huge value but ranks 2nd in column 1.
    assert.deepEqual(Array.from(combined), [0.25, 0.75, 0.625, 0.875]);
  });

  it("returns the single column's ranks, an empty array for no columns, and rejects bad input", () => {
    assert.deepEqual(Array.from(rankAverage([[3, 1, 2]])), Array.from(percentileRanks([3, 1, 2])));
    assert.deepEqual(rankAverage([]), new Float64Array(0));
    assert.throws(() => rankAverage([[1, 2], [1]]), /differ in length/);
    assert.throws(() => rankAverage([[1, NaN]]), /NaN/);
  });
});

it("rows whose rank sums are equal get exactly equal combined scores", () => {
  // Row 0 ranks 1 and 3, row 2 ranks 3 and 1 (of 3): both sum to 4 and must tie exactly.
  const combined = rankAverage([[1, 2, 3], [3, 2, 1]]);
  assert.equal(combined[0], combined[2]);
  assert.equal(combined[0], combined[1]);
});
