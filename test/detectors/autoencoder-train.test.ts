import assert from "node:assert/strict";
import { before, describe, test } from "node:test";

import * as tf from "@/lib/detectors/tensorflow";

import { ensureBackend } from "../../lib/detectors/autoencoder-backend";
import { computeGradients, initDenseStack, trainDenseStack, type DenseStack } from "../../lib/detectors/autoencoder-train";
import { Random } from "../../lib/detectors/random";

const SIZES = [3, 5, 2, 5, 3];
const ROWS = 12;

function sampleBatch(seed: number): Float32Array {
  const random = new Random(seed);
  return Float32Array.from({ length: ROWS * 3 }, () => random.nextGaussian());
}

function cloneStack(stack: DenseStack): DenseStack {
  return { sizes: [...stack.sizes], weights: stack.weights.map((w) => w.slice()), biases: stack.biases.map((b) => b.slice()) };
}

/** The same network as tfjs variables, trained the ordinary way (autodiff + tf.train.adam). */
function referenceModel(stack: DenseStack) {
  const vars = stack.weights.flatMap((w, l) => [
    tf.variable(tf.tensor2d(w, [SIZES[l] as number, SIZES[l + 1] as number])),
    tf.variable(tf.tensor1d(stack.biases[l] as Float32Array)),
  ]);
  const loss = (x: tf.Tensor2D) => {
    let h: tf.Tensor = x;
    for (let l = 0; l < stack.weights.length; l++) {
      h = tf.add(tf.matMul(h, vars[2 * l] as tf.Variable), vars[2 * l + 1] as tf.Variable);
      if (l + 1 < stack.weights.length) h = tf.relu(h);
    }
    return tf.losses.meanSquaredError<tf.Tensor, tf.Scalar>(x, h);
  };
  return { vars, loss };
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i] as number;
    const e = expected[i] as number;
    assert.ok(Math.abs(a - e) <= tolerance * (1 + Math.abs(e)), `index ${i}: ${a} vs ${e}`);
  }
}

before(async () => {
  await ensureBackend();
});

describe("autoencoder training loop", () => {
  test("initialises kernels Glorot-uniform within their limit and biases at zero, reproducibly", () => {
    const a = initDenseStack(SIZES, new Random(5));
    const b = initDenseStack(SIZES, new Random(5));
    assert.deepEqual(a, b);
    a.weights.forEach((w, l) => {
      const limit = Math.sqrt(6 / ((SIZES[l] as number) + (SIZES[l + 1] as number)));
      assert.ok(w.every((v) => Math.abs(v) <= limit));
    });
    assert.ok(a.biases.every((b) => b.every((v) => v === 0)));
  });

  test("computes the same gradients as tfjs autodiff", () => {
    const stack = initDenseStack(SIZES, new Random(9));
    const batch = sampleBatch(1);
    const ours = computeGradients(stack, batch, ROWS);
    const { vars, loss } = referenceModel(stack);
    const x = tf.tensor2d(batch, [ROWS, 3]);
    const { value, grads } = tf.variableGrads(() => loss(x), vars);
    vars.forEach((v, k) => {
      const expected = (grads[v.name] as tf.Tensor).dataSync();
      const l = Math.floor(k / 2);
      assertClose(k % 2 === 0 ? (ours.weightGrads[l] as Float32Array) : (ours.biasGrads[l] as Float32Array), expected, 1e-5);
    });
    assertClose([ours.squaredError / (ROWS * 3)], value.dataSync(), 1e-6);
    tf.dispose(value);
    tf.dispose([x, ...Object.values(grads), ...vars]);
  });

  test("takes the same Adam steps as tf.train.adam when each epoch is one full batch", async () => {
    const stack = initDenseStack(SIZES, new Random(4));
    const { vars, loss } = referenceModel(stack);
    const batch = sampleBatch(2);
    const x = tf.tensor2d(batch, [ROWS, 3]);
    const optimizer = tf.train.adam(1e-3);
    for (let step = 0; step < 5; step++) optimizer.minimize(() => loss(x));
    // A full batch makes the seeded shuffle irrelevant: the mean gradient ignores row order.
    const trained = cloneStack(stack);
    await trainDenseStack(trained, batch, ROWS, { epochs: 5, batchSize: ROWS, learningRate: 1e-3 }, new Random(1));
    vars.forEach((v, k) => {
      const l = Math.floor(k / 2);
      const ours = k % 2 === 0 ? (trained.weights[l] as Float32Array) : (trained.biases[l] as Float32Array);
      const start = k % 2 === 0 ? (stack.weights[l] as Float32Array) : (stack.biases[l] as Float32Array);
      const theirs = v.dataSync();
      ours.forEach((value, i) => {
        const moved = Math.abs((theirs[i] as number) - (start[i] as number));
        // Each Adam step moves a parameter by about lr; a wrong bias correction or moment update
        // is off by a good fraction of that. The slack covers float32 rounding in near-zero
        // gradients (Adam normalises them to full-size steps) and tfjs adding epsilon to
        // sqrt(v-hat) where Keras (and this loop) adds it to sqrt(v).
        assert.ok(Math.abs(value - (theirs[i] as number)) <= 5e-4, `param ${k}[${i}]: ${value} vs ${theirs[i]} (moved ${moved})`);
      });
    });
    optimizer.dispose();
    tf.dispose([x, ...vars]);
  });
});
