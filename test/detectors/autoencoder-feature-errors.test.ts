import assert from "node:assert/strict";
import { before, describe, test } from "node:test";

import * as tf from "@/lib/detectors/tensorflow";

import { ensureBackend } from "../../lib/detectors/autoencoder-backend";
import { Autoencoder } from "../../lib/detectors/autoencoder";
import { createMatrix, toMatrix } from "../../lib/detectors/matrix";
import { Random } from "../../lib/detectors/random";
import type { Matrix } from "../../lib/detectors/types";

function cluster(rows: number, cols: number, spread: number, seed = 3): Matrix {
  const random = new Random(seed);
  const x = createMatrix(rows, cols);
  for (let i = 0; i < x.data.length; i++) x.data[i] = spread * random.nextGaussian();
  return x;
}

before(async () => {
  await ensureBackend();
});

describe("Autoencoder.featureErrors", () => {
  test("gives one squared error per cell whose row means are exactly errors()", async () => {
    const x = cluster(60, 4, 1);
    const autoencoder = await new Autoencoder({ epochs: 3 }).fit(x);
    const cells = autoencoder.featureErrors(x);
    const errors = autoencoder.errors(x);
    assert.equal(cells.rows, 60);
    assert.equal(cells.cols, 4);
    assert.ok(cells.data.every((v) => v >= 0));
    for (let i = 0; i < x.rows; i++) {
      let total = 0;
      for (let j = 0; j < 4; j++) total += cells.data[i * 4 + j] as number;
      assert.equal(total / 4, errors[i]);
    }
    autoencoder.dispose();
  });

  test("puts the error of a row broken in one feature on that feature", async () => {
    const autoencoder = await new Autoencoder({ epochs: 10 }).fit(cluster(300, 4, 0.1));
    const cells = autoencoder.featureErrors(toMatrix([[0, 0, 6, 0]]));
    const row = Array.from(cells.data);
    assert.equal(row.indexOf(Math.max(...row)), 2);
    autoencoder.dispose();
  });

  test("leaves the tensor count unchanged and handles zero rows", async () => {
    const x = cluster(40, 3, 1);
    const autoencoder = await new Autoencoder({ epochs: 1 }).fit(x);
    const baseline = tf.memory().numTensors;
    for (let k = 0; k < 3; k++) autoencoder.featureErrors(x);
    assert.equal(tf.memory().numTensors, baseline);
    assert.deepEqual(autoencoder.featureErrors(createMatrix(0, 3)), createMatrix(0, 3));
    assert.throws(() => autoencoder.featureErrors(createMatrix(2, 4)), /fitted on 3 features/);
    autoencoder.dispose();
    assert.throws(() => autoencoder.featureErrors(x), /not fitted/);
  });
});
