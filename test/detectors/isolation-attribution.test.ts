import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { recoverNodeSizes } from "../../lib/detectors/isolation-attribution";
import { IsolationForest, type IsolationForestJSON } from "../../lib/detectors/isolation-forest";
import { createMatrix, matrixRow, toMatrix } from "../../lib/detectors/matrix";
import { Random } from "../../lib/detectors/random";
import type { Matrix } from "../../lib/detectors/types";

/** `rows` standard gaussian rows of `cols` features; the last row gets `extreme` in feature `column`. */
function gaussianWithOutlier(rows: number, cols: number, column: number, extreme: number, seed: number): Matrix {
  const random = new Random(seed);
  const x = createMatrix(rows, cols);
  for (let i = 0; i < x.data.length; i++) x.data[i] = random.nextGaussian();
  x.data[(rows - 1) * cols + column] = extreme;
  return x;
}

function argmax(values: Float64Array): number {
  let best = 0;
  values.forEach((v, j) => {
    if (v > (values[best] as number)) best = j;
  });
  return best;
}

function sum(values: Float64Array): number {
  return values.reduce((a, b) => a + b, 0);
}

describe("IsolationForest.attribute", () => {
  const x = gaussianWithOutlier(300, 3, 2, 9, 1);
  const outlier = matrixRow(x, 299);

  it("names feature 2 as the main reason for a training row extreme only in feature 2", () => {
    const weights = new IsolationForest({ seed: 3 }).fit(x).attribute(outlier);
    assert.equal(weights.length, 3);
    assert.equal(argmax(weights), 2);
    assert.ok((weights[2] as number) > 0.6, `feature 2 gets ${weights[2]}`);
  });

  it("names the extreme feature for a new row the forest never saw, among 8 features", () => {
    const training = gaussianWithOutlier(500, 8, 0, 0, 2);
    const forest = new IsolationForest({ seed: 5 }).fit(training);
    for (const column of [0, 5, 7]) {
      const row = new Float64Array(8);
      row[column] = 6;
      assert.equal(argmax(forest.attribute(row)), column);
    }
  });

  it("returns non-negative weights summing to 1 for outliers and ordinary rows alike", () => {
    const forest = new IsolationForest({ seed: 4 }).fit(x);
    for (const i of [0, 17, 150, 299]) {
      const weights = forest.attribute(matrixRow(x, i));
      assert.ok(weights.every((w) => w >= 0));
      assert.ok(Math.abs(sum(weights) - 1) < 1e-12);
    }
  });

  it("is deterministic for a seed and survives toJSON and load through JSON text", () => {
    const a = new IsolationForest({ seed: 7 }).fit(x);
    const b = new IsolationForest({ seed: 7 }).fit(x);
    const loaded = IsolationForest.load(JSON.parse(JSON.stringify(a)) as IsolationForestJSON);
    assert.deepEqual(a.attribute(outlier), b.attribute(outlier));
    assert.deepEqual(a.attribute(outlier), a.attribute(outlier));
    assert.deepEqual(loaded.attribute(outlier), a.attribute(outlier));
  });

  it("forgets the old trees' node sizes when fitted again", () => {
    const other = gaussianWithOutlier(200, 3, 0, 9, 8);
    const refitted = new IsolationForest({ seed: 2 }).fit(x);
    refitted.attribute(outlier);
    refitted.fit(other);
    const fresh = new IsolationForest({ seed: 2 }).fit(other);
    assert.deepEqual(refitted.attribute(matrixRow(other, 199)), fresh.attribute(matrixRow(other, 199)));
  });

  it("gives all zeros when no tree could split and rejects rows of the wrong width", () => {
    const forest = new IsolationForest({ seed: 1 }).fit(toMatrix([[1, 2]]));
    assert.deepEqual(Array.from(forest.attribute([5, 5])), [0, 0]);
    assert.throws(() => forest.attribute([1, 2, 3]), /2 features/);
    assert.throws(() => new IsolationForest().attribute([1]), /not fitted/);
  });
});

describe("recoverNodeSizes", () => {
  it("recovers from the saved arrays how many training rows reached every node", () => {
    // maxSamples >= rows: every tree is grown on all 40 rows, so counting is possible here.
    const x = gaussianWithOutlier(40, 3, 1, 5, 6);
    const json = new IsolationForest({ nEstimators: 5, maxSamples: 64, seed: 9 }).fit(x).toJSON();
    const forest = {
      feature: Int32Array.from(json.feature),
      value: Float64Array.from(json.value),
      right: Int32Array.from(json.right),
      roots: Int32Array.from(json.roots),
    };
    const counted = new Int32Array(json.feature.length);
    for (let i = 0; i < x.rows; i++) {
      for (const root of json.roots) {
        let node = root;
        counted[node] = (counted[node] as number) + 1;
        while ((json.feature[node] as number) >= 0) {
          const f = json.feature[node] as number;
          node = (x.data[i * 3 + f] as number) <= (json.value[node] as number) ? node + 1 : (json.right[node] as number);
          counted[node] = (counted[node] as number) + 1;
        }
      }
    }
    assert.deepEqual(recoverNodeSizes(forest, json.subsample), counted);
  });

  it("refuses leaf values that are not depth + c(size)", () => {
    const forest = { feature: Int32Array.from([-1]), value: Float64Array.from([0.5]), right: Int32Array.from([-1]), roots: Int32Array.from([0]) };
    assert.throws(() => recoverNodeSizes(forest, 10), /not depth \+ c\(size\)/);
  });
});
