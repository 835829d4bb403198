import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { principalAxes, turnRows } from "../../lib/detectors/principal-axes";
import { Random } from "../../lib/detectors/random";

/** Rows near the line through (1, 2, 0) (a long axis), spread a little across it. */
function lineData(rows: number, seed: number): Float64Array {
  const random = new Random(seed);
  const data = new Float64Array(rows * 3);
  for (let i = 0; i < rows; i++) {
    const t = random.nextGaussian() * 10;
    data.set([t + random.nextGaussian() * 0.1, 2 * t + random.nextGaussian() * 0.1, 5 + random.nextGaussian() * 0.1], i * 3);
  }
  return data;
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((sum, v, k) => sum + v * (b[k] as number), 0);

describe("principalAxes", () => {
  it("finds the long axis first, and the axes are orthonormal", () => {
    const { axes, mean } = principalAxes(lineData(2000, 4), 2000, 3);
    const first = axes.subarray(0, 3);
    // ±(1, 2, 0) / √5, whichever sign the iteration ends on.
    assert.ok(Math.abs(Math.abs(dot(first, [1, 2, 0])) - Math.sqrt(5)) < 1e-3, String(Array.from(first)));
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        const product = dot(axes.subarray(a * 3, a * 3 + 3), axes.subarray(b * 3, b * 3 + 3));
        assert.ok(Math.abs(product - (a === b ? 1 : 0)) < 1e-12, `axes ${a} and ${b}: ${product}`);
      }
    }
    assert.ok(Math.abs((mean[2] as number) - 5) < 0.01);
  });

  it("keeps distances between turned rows, to rounding", () => {
    const random = new Random(9);
    const cols = 13;
    const rows = 300;
    const data = Float64Array.from({ length: rows * cols }, () => Math.floor(random.nextFloat() * 5) + random.nextGaussian());
    const turned = turnRows(data, rows, principalAxes(data, rows, cols));
    for (let i = 0; i + 1 < rows; i += 7) {
      let before = 0;
      let after = 0;
      for (let c = 0; c < cols; c++) {
        before += ((data[i * cols + c] as number) - (data[(i + 1) * cols + c] as number)) ** 2;
        after += ((turned[i * cols + c] as number) - (turned[(i + 1) * cols + c] as number)) ** 2;
      }
      assert.ok(Math.abs(Math.sqrt(before) - Math.sqrt(after)) < 1e-12, `rows ${i} and ${i + 1}`);
    }
  });

  it("gives finite unit axes for constant rows, one row and no rows", () => {
    for (const [data, rows] of [[new Float64Array(12).fill(3), 4], [Float64Array.of(1, 2, 3), 1], [new Float64Array(0), 0]] as const) {
      const { axes } = principalAxes(data, rows, 3);
      assert.ok(axes.every(Number.isFinite));
      for (let a = 0; a < 3; a++) assert.ok(Math.abs(dot(axes.subarray(a * 3, a * 3 + 3), axes.subarray(a * 3, a * 3 + 3)) - 1) < 1e-12);
    }
  });
});
