import { test } from "node:test";
import assert from "node:assert/strict";
import { decimateIndices, flaggedIndices, lowerBound, sampleIndices, upperBound } from "@/lib/ui/decimate-series";

const xs = Float64Array.from({ length: 1000 }, (_, i) => i * 60);
// A gentle wave with one tall spike and one deep dip.
const ys = Float64Array.from({ length: 1000 }, (_, i) => (i === 321 ? 500 : i === 777 ? -500 : Math.sin(i / 20) * 10));

test("binary searches find the first index at or after and strictly after a value", () => {
  assert.equal(lowerBound([0, 60, 60, 120], 60), 1);
  assert.equal(upperBound([0, 60, 60, 120], 60), 3);
  assert.equal(lowerBound([0, 60], 1000), 2);
  assert.equal(upperBound([0, 60], -5), 0);
});

test("a range with few points is returned whole, with one point beyond each edge", () => {
  const picked = decimateIndices({ xs, ys, from: 600, to: 1200, buckets: 100 });
  assert.deepEqual([...picked], [9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21]);
});

test("decimation keeps at most a min and a max per bucket besides the kept points", () => {
  const picked = decimateIndices({ xs, ys, from: 0, to: 999 * 60, buckets: 50 });
  assert.ok(picked.length <= 50 * 2 + 2, `got ${picked.length}`);
  assert.ok(picked.includes(321), "the spike survives");
  assert.ok(picked.includes(777), "the dip survives");
  for (let k = 1; k < picked.length; k++) assert.ok((picked[k] as number) > (picked[k - 1] as number), "ascending and unique");
});

test("decimation keeps every anomaly, even ones that are neither a bucket's min nor its max", () => {
  const keep = new Uint8Array(1000);
  const anomalies = [3, 4, 5, 100, 101, 500, 998];
  for (const i of anomalies) keep[i] = 1;
  const picked = decimateIndices({ xs, ys, from: 0, to: 999 * 60, buckets: 10, keep });
  for (const i of anomalies) assert.ok(picked.includes(i), `anomaly ${i} kept`);
  assert.ok(picked.length <= 10 * 2 + 2 + anomalies.length);
});

test("flagged indices lists every flagged window inside the range only", () => {
  const flags = new Uint8Array(1000);
  for (const i of [1, 10, 20, 30]) flags[i] = 1;
  assert.deepEqual([...flaggedIndices(xs, flags, 600, 1800)], [10, 20, 30]);
  assert.deepEqual([...flaggedIndices(xs, flags, 601, 1799)], [20]);
});

test("with buckets, flagged indices keep the first flagged window of each bucket only", () => {
  const flags = new Uint8Array(1000);
  for (const i of [0, 1, 2, 500, 501, 999]) flags[i] = 1;
  // Two buckets over the whole range: [0, 499.5 * 60) and the rest.
  assert.deepEqual([...flaggedIndices(xs, flags, 0, 999 * 60, 2)], [0, 500]);
  assert.deepEqual([...flaggedIndices(xs, flags, 0, 999 * 60, 1000)], [0, 1, 2, 500, 501, 999]);
});

test("sampling a long curve keeps both ends and the requested extra indices", () => {
  const picked = sampleIndices(10001, 11, [4321]);
  assert.equal(picked[0], 0);
  assert.equal(picked[picked.length - 1], 10000);
  assert.ok(picked.includes(4321));
  assert.equal(picked.length, 12);
  assert.deepEqual([...sampleIndices(3, 10)], [0, 1, 2]);
});

test("threshold sliders snap to their step and scale eps with the run", async () => {
  const { niceCeil, snapToStep, thresholdRanges } = await import("@/lib/ui/threshold-ranges");
  assert.equal(snapToStep(0.1 + 0.2, { min: 0, max: 1, step: 0.01 }), 0.3);
  assert.equal(snapToStep(7, { min: 0, max: 5, step: 1 }), 5);
  assert.equal(niceCeil(3.2), 5);
  assert.equal(niceCeil(12), 20);
  const ranges = thresholdRanges({ contamination: 0.05, aePercentile: 95, eps: 4, minSamples: 5, votes: 2 });
  assert.equal(ranges.eps.max, 20);
});

test("k-distance answers are read from the API's sampled points or a bare array, and windows beyond eps are counted", async () => {
  const { countBeyond, readKDistance } = await import("@/lib/ui/k-distance-data");
  const bare = readKDistance([0.1, 0.2, 0.2, 0.5, 2]);
  assert.ok(bare);
  assert.deepEqual(bare.points.map((p) => p.y), [0.1, 0.2, 0.2, 0.5, 2]);
  assert.deepEqual(countBeyond(bare, 0.2), { count: 2, exact: true });
  assert.deepEqual(countBeyond(bare, 0.05), { count: 5, exact: true });
  assert.deepEqual(countBeyond(bare, 3), { count: 0, exact: true });
  const sampled = readKDistance({
    minSamples: 5, windows: 1001, knee: { index: 800, distance: 0.4 },
    points: [{ index: 0, distance: 0.1 }, { index: 500, distance: 0.2 }, { index: 1000, distance: 3 }],
  });
  assert.ok(sampled);
  assert.deepEqual(sampled.knee, { x: 800, y: 0.4 });
  assert.deepEqual(countBeyond(sampled, 0.5), { count: 1, exact: false });
  assert.equal(readKDistance({ nothing: true }), null);
});
