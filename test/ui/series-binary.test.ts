import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeColumns, encodeColumns } from "@/lib/ui/binary-columns";
import { FEATURE_COUNT, type RunSeries } from "@/lib/ui/run-series";
import {
  decodeDbscanPart,
  decodeDistancePart,
  decodeFeaturePart,
  decodeSeriesCore,
  encodeDbscanPart,
  encodeDistancePart,
  encodeFeaturePart,
  encodeSeriesCore,
  seriesVersion,
} from "@/lib/ui/series-binary";

const bufferOf = (bytes: Uint8Array) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;

function sampleSeries(stride: number = FEATURE_COUNT): RunSeries {
  const n = 5;
  return {
    count: n,
    window: 60,
    starts: Float64Array.from({ length: n }, (_, i) => 1118761200 + i * 60),
    // Row i, feature f holds i * 10 + f.
    features: Float32Array.from({ length: n * stride }, (_, k) => Math.floor(k / stride) * 10 + (k % stride)),
    isolationForest: Float64Array.from([0.41, 0.52, 0.73, 0.4, 0.123456789012345]),
    autoencoder: Float64Array.from([1e-3, 2e-3, 0.5, 1e-4, 3.3]),
    dbscan: Uint8Array.from([0, 0, 1, 0, 1]),
    dbscanSettings: { eps: 0.5, minSamples: 5 },
    score: null,
  };
}

test("binary columns come back as aligned typed views with their meta", () => {
  const body = encodeColumns({ kind: "test", note: "ü" }, {
    a: Uint8Array.from([1, 2, 3]),
    b: Float64Array.from([0.1, -2.5]),
    c: Int32Array.from([-7, 2147483647]),
    d: Float32Array.from([1.5]),
  });
  const decoded = decodeColumns<{ kind: string; note: string }>(bufferOf(body));
  assert.deepEqual(decoded.meta, { kind: "test", note: "ü" });
  assert.deepEqual([...(decoded.columns.a as Uint8Array)], [1, 2, 3]);
  assert.deepEqual([...(decoded.columns.b as Float64Array)], [0.1, -2.5]);
  assert.deepEqual([...(decoded.columns.c as Int32Array)], [-7, 2147483647]);
  assert.deepEqual([...(decoded.columns.d as Float32Array)], [1.5]);
  for (const column of Object.values(decoded.columns)) assert.equal(column.byteOffset % 8, 0);
});

test("anything that is not a binary columns body is refused", () => {
  assert.throws(() => decodeColumns(new TextEncoder().encode("<html>").buffer), RangeError);
  const body = encodeColumns({}, { a: new Float64Array(4) });
  assert.throws(() => decodeColumns(bufferOf(body.subarray(0, body.length - 8))), RangeError);
});

test("a run's core series survives the binary trip: starts, scores bit for bit, labels and the asked features", () => {
  const series = sampleSeries();
  const client = decodeSeriesCore(bufferOf(encodeSeriesCore(series, [0, 3, 0])));
  assert.equal(client.count, 5);
  assert.equal(client.window, 60);
  assert.deepEqual(client.starts, series.starts);
  assert.deepEqual(client.isolationForest, series.isolationForest);
  assert.deepEqual(client.autoencoder, series.autoencoder);
  assert.deepEqual(client.dbscan, series.dbscan);
  assert.deepEqual(client.dbscanSettings, { eps: 0.5, minSamples: 5 });
  assert.deepEqual([...client.features.keys()], [0, 3]);
  assert.deepEqual([...(client.features.get(3) ?? [])], [3, 13, 23, 33, 43]);
  assert.equal(client.score, null, "a run that combines by vote sends no combined score");
});

test("a run that combines by score sends its combined scores bit for bit and its cut", () => {
  const combined = Float64Array.from([0.1, -2.25, 7.000000000001, 5, 1e-9]);
  const client = decodeSeriesCore(bufferOf(encodeSeriesCore({ ...sampleSeries(), score: { combined, cut: 5 } }, [])));
  assert.deepEqual(client.score, { combined, cut: 5 });
});

test("feature columns are read with the stored row width, also for runs with extra features", () => {
  const wide = sampleSeries(12);
  const part = decodeFeaturePart(bufferOf(encodeFeaturePart(wide, 7)));
  assert.equal(part.feature, 7);
  assert.deepEqual([...part.values], [7, 17, 27, 37, 47]);
});

test("DBSCAN labels for other settings travel as one byte per window", () => {
  const part = decodeDbscanPart(bufferOf(encodeDbscanPart(Uint8Array.from([1, 0, 0, 1]), { eps: 0.25, minSamples: 3 })));
  assert.deepEqual(part.settings, { eps: 0.25, minSamples: 3 });
  assert.deepEqual([...part.labels], [1, 0, 0, 1]);
  assert.throws(() => decodeSeriesCore(bufferOf(encodeDbscanPart(new Uint8Array(2), { eps: 1, minSamples: 1 }))), RangeError);
});

test("stored DBSCAN core distances keep Infinity for windows far from every core point", () => {
  const distances = decodeDistancePart(bufferOf(encodeDistancePart(Float64Array.from([0, 0.25, Infinity, 1e-9]))));
  assert.deepEqual([...distances], [0, 0.25, Infinity, 1e-9]);
  assert.equal(decodeDistancePart(bufferOf(encodeDistancePart(new Float64Array(0)))).length, 0);
});

test("a series version changes with any of its parts and only then", () => {
  const a = seriesVersion(["file:x.db", 5, 51600, 1700000000000, '{"eps":0.5}']);
  assert.equal(a, seriesVersion(["file:x.db", 5, 51600, 1700000000000, '{"eps":0.5}']));
  assert.notEqual(a, seriesVersion(["file:x.db", 5, 51600, 1700000000001, '{"eps":0.5}']));
  assert.notEqual(a, seriesVersion(["file:x.db", 5, 51600, 1700000000000, '{"eps":0.6}']));
  assert.match(a, /^[0-9a-z]+$/);
});
