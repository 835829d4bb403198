import assert from "node:assert/strict";
import { before, describe, test } from "node:test";

import * as tf from "@/lib/detectors/tensorflow";

import { ensureBackend } from "../../lib/detectors/autoencoder-backend";
import { Autoencoder, batchSizeFor, type AutoencoderArtifacts } from "../../lib/detectors/autoencoder";
import { percentile } from "../../lib/detectors/quantile";
import { createMatrix, toMatrix } from "../../lib/detectors/matrix";
import { Random } from "../../lib/detectors/random";
import type { Matrix } from "../../lib/detectors/types";

const FAST = { epochs: 4 };

/** `rows` points scattered around the origin with standard deviation `spread`. */
function cluster(rows: number, cols: number, spread: number, seed = 3): Matrix {
  const random = new Random(seed);
  const x = createMatrix(rows, cols);
  for (let i = 0; i < x.data.length; i++) x.data[i] = spread * random.nextGaussian();
  return x;
}

/** What the pipeline does: model.json through JSON text, weights.bin through a byte copy. */
function throughFiles(artifacts: AutoencoderArtifacts): AutoencoderArtifacts {
  return {
    modelJson: JSON.parse(JSON.stringify(artifacts.modelJson)) as AutoencoderArtifacts["modelJson"],
    weightData: new Uint8Array(artifacts.weightData).slice().buffer,
    meta: JSON.parse(JSON.stringify(artifacts.meta)) as AutoencoderArtifacts["meta"],
  };
}

before(async () => {
  await ensureBackend();
});

describe("percentile", () => {
  test("matches numpy's linear method on a hand example: the 95th of 1..4 is 3.85", () => {
    // position 0.95 * 3 = 2.85, between 3 and 4; numpy prints 3.8499999999999996.
    assert.equal(percentile([1, 2, 3, 4], 95), 3.8499999999999996);
    assert.ok(Math.abs(percentile([4, 1, 3, 2], 95) - 3.85) < 1e-12);
  });

  test("gives the minimum at 0, the maximum at 100 and the midpoint mean at 50", () => {
    assert.equal(percentile([3, 1, 2, 4], 0), 1);
    assert.equal(percentile([3, 1, 2, 4], 100), 4);
    assert.equal(percentile([3, 1, 2, 4], 50), 2.5);
    assert.equal(percentile([7], 95), 7);
  });

  test("reproduces numpy to the last bit on unsorted fractions", () => {
    // np.percentile([0.1, 0.7, 0.2, 5, 3.3, 1e-3], 37) == 0.18500000000000003
    assert.equal(percentile([0.1, 0.7, 0.2, 5, 3.3, 1e-3], 37), 0.18500000000000003);
  });
});

describe("batchSizeFor", () => {
  test("keeps batch 32 for small inputs and caps an epoch at 256 steps for large ones", () => {
    assert.equal(batchSizeFor(100), 32);
    assert.equal(batchSizeFor(8192), 32);
    assert.equal(batchSizeFor(8193), 33);
    assert.equal(batchSizeFor(10_000), 40);
  });
});

describe("Autoencoder", () => {
  test("reports every epoch 1-based with a finite loss and keeps the history", async () => {
    const seen: string[] = [];
    const autoencoder = await new Autoencoder({ epochs: 3 }).fit(cluster(50, 4, 1), {
      onEpoch: (epoch, epochs, loss) => {
        assert.ok(Number.isFinite(loss) && loss >= 0);
        seen.push(`${epoch}/${epochs}`);
      },
    });
    assert.deepEqual(seen, ["1/3", "2/3", "3/3"]);
    assert.equal(autoencoder.lossHistory.length, 3);
    autoencoder.dispose();
  });

  test("gives identical errors for the same seed and different errors for another seed", async () => {
    const x = cluster(120, 5, 1);
    const a = await new Autoencoder({ ...FAST, seed: 11 }).fit(x);
    const b = await new Autoencoder({ ...FAST, seed: 11 }).fit(x);
    const c = await new Autoencoder({ ...FAST, seed: 12 }).fit(x);
    assert.deepEqual(a.errors(x), b.errors(x));
    assert.equal(a.threshold, b.threshold);
    assert.notDeepEqual(a.errors(x), c.errors(x));
    for (const model of [a, b, c]) model.dispose();
  });

  test("gives identical errors and threshold after a save / load round trip", async () => {
    const x = cluster(120, 5, 1);
    const original = await new Autoencoder({ ...FAST, percentile: 90 }).fit(x);
    const artifacts = await original.toArtifacts();
    assert.deepEqual(artifacts.modelJson.weightsManifest[0]?.paths, ["weights.bin"]);
    // 5-16-8-16-5 dense weights and biases, float32.
    assert.equal(artifacts.weightData.byteLength, 4 * (5 * 16 + 16 + 16 * 8 + 8 + 8 * 16 + 16 + 16 * 5 + 5));
    const restored = await Autoencoder.load(throughFiles(artifacts));
    assert.deepEqual(restored.errors(x), original.errors(x));
    assert.equal(restored.threshold, original.threshold);
    assert.deepEqual(restored.toJSON(), original.toJSON());
    original.dispose();
    restored.dispose();
  });

  test("labels exactly the errors strictly above the threshold", async () => {
    const x = cluster(100, 4, 1);
    const autoencoder = await new Autoencoder(FAST).fit(x);
    const errors = autoencoder.errors(x);
    assert.equal(autoencoder.threshold, percentile(errors, 95));
    const labels = autoencoder.label(errors);
    errors.forEach((e, i) => assert.equal(labels[i], e > autoencoder.threshold ? 1 : 0));
    // 100 distinct errors, 95th percentile at position 94.05: rows 95..99 of the sorted order.
    assert.equal(labels.reduce((sum, v) => sum + v, 0), 5);
    assert.deepEqual(Array.from(autoencoder.label([0.5, 1, 1.5], 1)), [0, 0, 1]);
    autoencoder.dispose();
  });

  test("gives a far outlier a larger error than any point of the tight cluster it learned", async () => {
    const x = cluster(300, 4, 0.1);
    const autoencoder = await new Autoencoder({ epochs: 10 }).fit(x);
    const trainingMax = Math.max(...autoencoder.errors(x));
    const [outlierError = NaN] = autoencoder.errors(toMatrix([[6, -6, 6, -6]]));
    assert.ok(outlierError > trainingMax, `outlier ${outlierError} vs training max ${trainingMax}`);
    assert.deepEqual(Array.from(autoencoder.label([outlierError])), [1]);
    autoencoder.dispose();
  });

  test("does not leak tensors across repeated fit / errors / save / load cycles", async () => {
    const x = cluster(80, 4, 1);
    const baseline = tf.memory().numTensors;
    const autoencoder = new Autoencoder({ epochs: 2 });
    const counts: number[] = [];
    for (let cycle = 0; cycle < 3; cycle++) {
      await autoencoder.fit(x);
      autoencoder.errors(x);
      const restored = await Autoencoder.load(await autoencoder.toArtifacts());
      restored.errors(x);
      restored.dispose();
      counts.push(tf.memory().numTensors);
    }
    assert.deepEqual(counts, [counts[0], counts[0], counts[0]]);
    autoencoder.dispose();
    assert.equal(tf.memory().numTensors, baseline);
    assert.equal(autoencoder.fitted, false);
  });

  test("rejects inputs it cannot use", async () => {
    await assert.rejects(new Autoencoder(FAST).fit(createMatrix(0, 4)), RangeError);
    await assert.rejects(new Autoencoder(FAST).fit(toMatrix([[1, NaN]])), RangeError);
    assert.throws(() => new Autoencoder({ epochs: 0 }), RangeError);
    assert.throws(() => new Autoencoder().errors(cluster(3, 4, 1)), /not fitted/);
    const autoencoder = await new Autoencoder({ epochs: 1 }).fit(cluster(20, 4, 1));
    assert.throws(() => autoencoder.errors(cluster(3, 5, 1)), /fitted on 4 features/);
    autoencoder.dispose();
  });

  test("refuses to load weights whose shape disagrees with the metadata", async () => {
    const autoencoder = await new Autoencoder({ epochs: 1 }).fit(cluster(20, 4, 1));
    const artifacts = await autoencoder.toArtifacts();
    const wrongMeta = { ...artifacts.meta, options: { ...artifacts.meta.options, hiddenLayers: [16, 4, 16] } };
    await assert.rejects(Autoencoder.load({ ...artifacts, meta: wrongMeta }), /4-16-8-16-4/);
    autoencoder.dispose();
  });
});
