import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { Random } from "../../lib/detectors/random";

describe("Random", () => {
  it("repeats its sequence for the same seed and differs for another", () => {
    const a = new Random(7);
    const b = new Random(7);
    const c = new Random(8);
    const seqA = Array.from({ length: 5 }, () => a.nextUint32());
    assert.deepEqual(seqA, Array.from({ length: 5 }, () => b.nextUint32()));
    assert.notDeepEqual(seqA, Array.from({ length: 5 }, () => c.nextUint32()));
  });

  it("keeps floats in [0, 1) and integers in [0, n)", () => {
    const random = new Random(1);
    for (let i = 0; i < 10000; i++) {
      const f = random.nextFloat();
      assert.ok(f >= 0 && f < 1);
      const k = random.nextInt(3);
      assert.ok(k === 0 || k === 1 || k === 2);
    }
  });

  it("draws gaussians with mean near 0 and variance near 1", () => {
    const random = new Random(3);
    const n = 20000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const g = random.nextGaussian();
      sum += g;
      squares += g * g;
    }
    assert.ok(Math.abs(sum / n) < 0.05);
    assert.ok(Math.abs(squares / n - 1) < 0.05);
  });

  it("samples distinct indices without replacement, both for small and large k", () => {
    const random = new Random(5);
    for (const [n, k] of [[1000, 10], [10, 10], [50, 30]] as const) {
      const sample = Array.from(random.sample(n, k));
      assert.equal(sample.length, k);
      assert.equal(new Set(sample).size, k);
      assert.ok(sample.every((i) => i >= 0 && i < n));
    }
    assert.throws(() => random.sample(3, 4));
  });

  it("shuffles into a permutation", () => {
    const perm = Array.from(new Random(9).permutation(20));
    assert.deepEqual([...perm].sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i));
  });
});
