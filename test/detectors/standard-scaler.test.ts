import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { toMatrix, toRows } from "../../lib/detectors/matrix";
import { StandardScaler, type StandardScalerJSON } from "../../lib/detectors/standard-scaler";
import { GOLDEN_SETS, loadGolden } from "./golden";

describe("StandardScaler", () => {
  it("centres and divides by the population standard deviation", () => {
    const scaled = new StandardScaler().fitTransform(toMatrix([[1, 10], [3, 10], [5, 10]]));
    // Column 0: mean 3, population std sqrt(8/3); column 1 is constant, so it is only centred.
    const s = Math.sqrt(8 / 3);
    assert.deepEqual(toRows(scaled), [[-2 / s, 0], [0, 0], [2 / s, 0]]);
  });

  it("scales a constant column by 1, as scikit-learn does, even when rounding leaves a tiny variance", () => {
    // The mean of three 0.1s rounds to 0.10000000000000002, so the computed variance is ~1e-34,
    // not 0: without scikit-learn's constant-feature test the column would be blown up.
    const scaler = new StandardScaler().fit(toMatrix([[7, 0.1], [7, 0.1], [7, 0.1]]));
    assert.deepEqual(scaler.scales, [1, 1]);
    assert.equal(scaler.means[0], 7);
    assert.ok(Math.abs((scaler.means[1] ?? 0) - 0.1) < 1e-15);
  });

  it("reuses the fitted mean and scale on new rows", () => {
    const scaler = new StandardScaler().fit(toMatrix([[0], [2]]));
    assert.deepEqual(toRows(scaler.transform(toMatrix([[4], [-1]]))), [[3], [-2]]);
  });

  it("writes into a matrix the caller gives, the same numbers, and refuses one of another shape", () => {
    const x = toMatrix([[1, 2], [3, 5], [4, 9]]);
    const scaler = new StandardScaler().fit(x);
    const out = { rows: 3, cols: 2, data: new Float64Array(6) };
    assert.equal(scaler.transform(x, out), out);
    assert.deepEqual(out.data, scaler.transform(x).data);
    assert.throws(() => scaler.transform(x, { rows: 2, cols: 2, data: new Float64Array(4) }), /must be 3 × 2/);
  });

  it("rejects rows of another width than it was fitted on", () => {
    const scaler = new StandardScaler().fit(toMatrix([[0, 1], [2, 3]]));
    assert.throws(() => scaler.transform(toMatrix([[1, 2, 3]])), /2 features/);
  });

  it("scales identically after a JSON round trip", () => {
    const x = toMatrix([[1, 2], [3, 5], [4, 9]]);
    const scaler = new StandardScaler().fit(x);
    const loaded = StandardScaler.load(JSON.parse(JSON.stringify(scaler)) as StandardScalerJSON);
    assert.deepEqual(loaded.transform(x).data, scaler.transform(x).data);
  });

  for (const name of GOLDEN_SETS) {
    it(`matches scikit-learn's scaled columns of ${name} within 1e-9`, () => {
      const golden = loadGolden(name);
      const scaled = new StandardScaler().fitTransform(golden.features);
      assert.equal(scaled.rows, golden.scaled.rows);
      for (let k = 0; k < scaled.data.length; k++) {
        const diff = Math.abs((scaled.data[k] as number) - (golden.scaled.data[k] as number));
        assert.ok(diff <= 1e-9, `cell ${k}: ${scaled.data[k]} vs ${golden.scaled.data[k]}`);
      }
    });
  }
});
