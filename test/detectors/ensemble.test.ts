import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { ensembleLabels } from "../../lib/detectors/ensemble";

describe("ensembleLabels", () => {
  const votes = [
    Uint8Array.of(1, 0, 1, 0, 1),
    Uint8Array.of(1, 1, 0, 0, 1),
    Uint8Array.of(0, 1, 1, 0, 1),
  ];

  it("flags a window when at least two detectors do by default", () => {
    assert.deepEqual(Array.from(ensembleLabels(votes)), [1, 1, 1, 0, 1]);
  });

  it("honours a custom number of votes", () => {
    assert.deepEqual(Array.from(ensembleLabels(votes, 3)), [0, 0, 0, 0, 1]);
    assert.deepEqual(Array.from(ensembleLabels(votes, 1)), [1, 1, 1, 0, 1]);
  });

  it("accepts plain number arrays", () => {
    assert.deepEqual(Array.from(ensembleLabels([[1, 0], [1, 0]])), [1, 0]);
  });

  it("refuses label arrays of different lengths", () => {
    assert.throws(() => ensembleLabels([[1, 0], [1]]), /length/);
  });

  it("returns an empty array for no detectors", () => {
    assert.equal(ensembleLabels([]).length, 0);
  });
});
