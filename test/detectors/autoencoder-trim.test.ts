import assert from "node:assert/strict";
import { before, describe, test } from "node:test";

import { ensureBackend } from "../../lib/detectors/autoencoder-backend";
import { Autoencoder } from "../../lib/detectors/autoencoder";
import { createMatrix } from "../../lib/detectors/matrix";
import { lowestIndices } from "../../lib/detectors/quantile";
import { Random } from "../../lib/detectors/random";
import type { Matrix } from "../../lib/detectors/types";

const COLS = 12;
const NORMAL = 188;
const PLANTED = 12;

/**
 * 188 windows on a plane of 12-D space (every even column repeats one value, every odd one
 * another, plus a little noise) and, last, 12 planted anomalies (6%) bunched at one point off
 * that plane: a compact group the autoencoder can learn to reconstruct if it trains on them.
 */
function planeWithPlantedGroup(seed: number): Matrix {
  const random = new Random(seed);
  const x = createMatrix(NORMAL + PLANTED, COLS);
  for (let i = 0; i < NORMAL; i++) {
    const a = random.nextGaussian();
    const b = random.nextGaussian();
    for (let j = 0; j < COLS; j++) x.data[i * COLS + j] = (j % 2 ? a : b) + 0.1 * random.nextGaussian();
  }
  for (let i = NORMAL; i < NORMAL + PLANTED; i++) {
    for (let j = 0; j < COLS; j++) x.data[i * COLS + j] = (j < 6 ? 2 : -2) * (j % 2 ? 1 : -1) + 0.1 * random.nextGaussian();
  }
  return x;
}

/** Mean error of the planted rows over the mean error of the normal rows. */
function plantedOverNormal(errors: Float64Array): number {
  const mean = (values: Float64Array) => values.reduce((sum, v) => sum + v, 0) / values.length;
  return mean(errors.subarray(NORMAL)) / mean(errors.subarray(0, NORMAL));
}

before(async () => {
  await ensureBackend();
});

describe("lowestIndices", () => {
  test("returns the indices of the smallest values in index order, ties going to the lower index", () => {
    assert.deepEqual(Array.from(lowestIndices([5, 1, 4, 1, 3], 3)), [1, 3, 4]);
    assert.deepEqual(Array.from(lowestIndices([2, 2, 2], 2)), [0, 1]);
    assert.deepEqual(Array.from(lowestIndices([3, 1], 5)), [0, 1]);
    assert.deepEqual(Array.from(lowestIndices([3, 1], 0)), []);
  });
});

describe("Autoencoder with trimFraction", () => {
  test("separates a planted group better when the second pass trains without the worst-reconstructed tenth", async () => {
    for (const seed of [1, 2, 3]) {
      const x = planeWithPlantedGroup(seed);
      const single = await new Autoencoder().fit(x);
      const trimmed = await new Autoencoder({ trimFraction: 0.1 }).fit(x);
      const before = plantedOverNormal(single.errors(x));
      const after = plantedOverNormal(trimmed.errors(x));
      // Measured on seeds 1-5: 2.5-3.8 with one pass, 4.8-6.8 with the trimmed second pass.
      assert.ok(after > 1.4 * before, `seed ${seed}: planted/normal error ratio ${before.toFixed(2)} -> ${after.toFixed(2)}`);
      single.dispose();
      trimmed.dispose();
    }
  });

  test("exposes the rows its second pass trained on, the planted group far more often left out", async () => {
    for (const seed of [1, 2, 3]) {
      const trimmed = await new Autoencoder({ trimFraction: 0.1 }).fit(planeWithPlantedGroup(seed));
      const rows = Array.from(trimmed.trainedRows ?? []);
      assert.equal(rows.length, 180, "200 rows less floor(0.1 x 200)");
      assert.deepEqual(rows, [...rows].sort((a, b) => a - b), "ascending, so the kept rows keep their order");
      const plantedLeftOut = (PLANTED - rows.filter((i) => i >= NORMAL).length) / PLANTED;
      const normalLeftOut = (NORMAL - rows.filter((i) => i < NORMAL).length) / NORMAL;
      assert.ok(plantedLeftOut > 4 * normalLeftOut, `seed ${seed}: ${plantedLeftOut.toFixed(2)} of the planted rows left out, ${normalLeftOut.toFixed(2)} of the others`);
      trimmed.dispose();
    }
    const single = await new Autoencoder({ epochs: 1 }).fit(planeWithPlantedGroup(1));
    assert.equal(single.trainedRows, null);
    single.dispose();
  });

  test("counts the epochs of both passes and keeps both losses", async () => {
    const seen: string[] = [];
    const autoencoder = await new Autoencoder({ epochs: 2, trimFraction: 0.25 }).fit(planeWithPlantedGroup(1), {
      onEpoch: (epoch, epochs) => {
        seen.push(`${epoch}/${epochs}`);
      },
    });
    assert.deepEqual(seen, ["1/4", "2/4", "3/4", "4/4"]);
    assert.equal(autoencoder.lossHistory.length, 4);
    assert.equal(autoencoder.toJSON().options.trimFraction, 0.25);
    autoencoder.dispose();
  });

  test("trains the ranking pass for rankingEpochs and the second pass for epochs, counting both", async () => {
    const seen: string[] = [];
    const autoencoder = await new Autoencoder({ epochs: 3, trimFraction: 0.1, rankingEpochs: 1 }).fit(planeWithPlantedGroup(1), {
      onEpoch: (epoch, epochs) => {
        seen.push(`${epoch}/${epochs}`);
      },
    });
    assert.deepEqual(seen, ["1/4", "2/4", "3/4", "4/4"]);
    assert.equal(autoencoder.lossHistory.length, 4);
    assert.equal(autoencoder.toJSON().options.rankingEpochs, 1);
    autoencoder.dispose();
    // Without a second pass there is nothing to rank: epochs alone count.
    const single = await new Autoencoder({ epochs: 2, rankingEpochs: 5 }).fit(planeWithPlantedGroup(1));
    assert.equal(single.lossHistory.length, 2);
    single.dispose();
    assert.throws(() => new Autoencoder({ rankingEpochs: 1.5 }), RangeError);
  });

  test("sets the label threshold from the errors of every training row, trimmed ones included", async () => {
    const x = planeWithPlantedGroup(2);
    const autoencoder = await new Autoencoder({ epochs: 3, trimFraction: 0.1, percentile: 90 }).fit(x);
    const errors = autoencoder.errors(x);
    const above = errors.filter((e) => e > autoencoder.threshold).length;
    // 90th percentile of 200 errors: 20 rows above it (no ties among float errors).
    assert.equal(above, 20);
    autoencoder.dispose();
  });

  test("keeps SPEC's single pass by default and refuses a share outside [0, 1)", async () => {
    assert.equal(new Autoencoder().options.trimFraction, 0);
    const seen: number[] = [];
    const autoencoder = await new Autoencoder({ epochs: 2 }).fit(planeWithPlantedGroup(1), { onEpoch: (epoch) => void seen.push(epoch) });
    assert.deepEqual(seen, [1, 2]);
    autoencoder.dispose();
    assert.throws(() => new Autoencoder({ trimFraction: 1 }), RangeError);
    assert.throws(() => new Autoencoder({ trimFraction: -0.1 }), RangeError);
  });
});
