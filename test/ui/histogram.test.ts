import { test } from "node:test";
import assert from "node:assert/strict";
import { computeHistogram } from "@/lib/ui/histogram";

test("linear bins split the data's range evenly and the maximum falls in the last bin", () => {
  const h = computeHistogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { bins: 5 });
  assert.deepEqual([...h.edges], [0, 2, 4, 6, 8, 10]);
  assert.deepEqual([...h.counts], [2, 2, 2, 2, 3]);
  assert.equal(h.skipped, 0);
});

test("logarithmic bins are even in powers of ten and skip values that are not positive", () => {
  const h = computeHistogram([0.001, 0.005, 0.01, 0.1, 0.5, 1, 0, -1, NaN, Infinity], { bins: 3, log: true });
  assert.equal(h.edges.length, 4);
  [0.001, 0.01, 0.1, 1].forEach((edge, b) => assert.ok(Math.abs((h.edges[b] as number) - edge) < 1e-12, `edge ${b}`));
  assert.deepEqual([...h.counts], [2, 1, 3]);
  assert.equal(h.skipped, 4);
});

test("a fixed range clamps outside values into the end bins", () => {
  const h = computeHistogram([-5, 0.5, 1.5, 99], { bins: 2, min: 0, max: 2 });
  assert.deepEqual([...h.counts], [2, 2]);
});

test("identical values get one bin around them rather than a zero-width range", () => {
  const h = computeHistogram([3, 3, 3], { bins: 4 });
  assert.ok((h.edges[0] as number) < 3 && (h.edges[4] as number) > 3);
  assert.equal(h.counts.reduce((s, c) => s + c, 0), 3);
});

test("no usable value gives empty counts", () => {
  const h = computeHistogram([NaN], { bins: 3 });
  assert.deepEqual([...h.counts], [0, 0, 0]);
  assert.equal(h.skipped, 1);
});
