import { test } from "node:test";
import assert from "node:assert/strict";
import { bucketExtremes, bucketMarkers, buildTimelineLine } from "@/lib/ui/timeline-markers";

// 100 windows of 60 s; value i % 7.
const n = 100;
const xs = Float64Array.from({ length: n }, (_, i) => i * 60);
const ys = Float64Array.from({ length: n }, (_, i) => i % 7);
const flagsAt = (list: number[]) => Uint8Array.from({ length: n }, (_, i) => (list.includes(i) ? 1 : 0));

test("every bucket with an anomaly shows one, and a crowded bucket its lowest and highest", () => {
  // 10 buckets of 10 windows. Bucket 0: windows 1, 4 and 6 (values 1, 4, 6); bucket 5: window 55 alone.
  const { indices, thinned } = bucketExtremes(xs, ys, flagsAt([1, 4, 6, 55]), 0, 99 * 60 + 1, 10);
  assert.deepEqual([...indices], [1, 6, 55]);
  assert.equal(thinned, true);
  const sparse = bucketExtremes(xs, ys, flagsAt([3, 55, 90]), 0, 99 * 60 + 1, 10);
  assert.deepEqual([...sparse.indices], [3, 55, 90]);
  assert.equal(sparse.thinned, false);
});

test("two anomalies in one bucket are both drawn and do not count as thinned", () => {
  const { indices, thinned } = bucketExtremes(xs, ys, flagsAt([11, 12]), 0, 99 * 60 + 1, 10);
  assert.deepEqual([...indices], [11, 12]);
  assert.equal(thinned, false);
});

test("markers outside the range are left out, and lanes keep one marker per bucket", () => {
  const labels = { isolationForest: flagsAt([20, 21, 22, 35]), dbscan: flagsAt([]), autoencoder: flagsAt([98]), ensemble: flagsAt([21, 98]) };
  const markers = bucketMarkers({ starts: xs, values: ys, labels, from: 20 * 60, to: 39 * 60, buckets: 2 });
  assert.deepEqual([...markers.lanes.isolationForest], [20, 35]);
  assert.deepEqual([...markers.lanes.dbscan], []);
  assert.deepEqual([...markers.lanes.autoencoder], []);
  assert.deepEqual([...markers.ensemble], [21]);
});

test("a marker bucket count far below the windows still marks every flagged stretch", () => {
  const many = 10_000;
  const starts = Float64Array.from({ length: many }, (_, i) => i * 60);
  const values = Float64Array.from({ length: many }, (_, i) => Math.sin(i));
  const flags = Uint8Array.from({ length: many }, (_, i) => (i % 97 === 0 || (i > 5000 && i < 5100) ? 1 : 0));
  const buckets = 50;
  const span = (many - 1) * 60 + 1;
  const { indices } = bucketExtremes(starts, values, flags, 0, span, buckets);
  const bucketOf = (i: number) => Math.floor(((starts[i] as number) / span) * buckets);
  const wanted = new Set<number>();
  flags.forEach((f, i) => f && wanted.add(bucketOf(i)));
  assert.deepEqual(new Set(Array.from(indices, bucketOf)), wanted);
  assert.ok(indices.length <= buckets * 2);
});

test("the timeline line keeps each bucket's lowest and highest point with their window index", () => {
  const line = buildTimelineLine(xs, ys, 0, 99 * 60, 5);
  assert.ok(line.length <= 5 * 2 + 2);
  for (const p of line) assert.equal(p.y, ys[p.i]);
  assert.ok(line.some((p) => p.y === 6) && line.some((p) => p.y === 0));
});

test("a count drops to 0 across a silent period instead of joining the windows around it", () => {
  // Windows at 0, 60, then silence until 6000; a bucket is 60.6 s, so the last window before it is drawn a bucket wide.
  const line = buildTimelineLine([0, 60, 6000], [5, 7, 3], 0, 6060, 100, { window: 60, zero: true });
  assert.deepEqual(
    line.map((p) => [p.x, p.y]),
    [[0, 5], [60, 7], [120.6, 7], [120.6, 0], [6000, 0], [6000, 3]],
  );
  assert.ok(line.filter((p) => p.silent).every((p) => p.i === 1 || p.i === 2));
});

test("a feature that is not a count breaks across a silent period, and a lone window still spans its width", () => {
  const line = buildTimelineLine([0, 6000], [4.5, 3.2], 0, 6060, 100, { window: 60, zero: false });
  assert.deepEqual(line.map((p) => [p.x, p.y]), [[0, 4.5], [60.6, 4.5], [60.6, NaN], [6000, 3.2]]);
});

test("silences narrower than two buckets are not drawn", () => {
  const line = buildTimelineLine([0, 60, 180], [1, 2, 3], 0, 24000, 100, { window: 60, zero: true });
  assert.equal(line.some((p) => p.silent), false);
});
