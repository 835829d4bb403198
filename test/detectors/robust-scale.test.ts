import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { MAD_SCALE, MEAN_AD_SCALE, median, robustScale, robustZ } from "@/lib/detectors/robust-scale";

test("the median of an odd and an even count of values", () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

test("robust z-scores divide the distance to the median by 1.4826 times the MAD", () => {
  // Median 3; absolute deviations 2, 1, 0, 1, 97 -> MAD 1.
  const s = robustScale([1, 2, 3, 4, 100]);
  assert.equal(s.median, 3);
  assert.equal(s.scale, MAD_SCALE);
  assert.equal(robustZ(100, s), 97 / MAD_SCALE);
  assert.equal(robustZ(3, s), 0);
  assert.ok(robustZ(1, s) < 0);
});

test("with a MAD of zero the mean absolute deviation stands in", () => {
  // Mostly zero failed logins: median 0, MAD 0, mean absolute deviation 10 / 5 = 2.
  const s = robustScale([0, 0, 0, 0, 10]);
  assert.equal(s.median, 0);
  assert.equal(s.scale, MEAN_AD_SCALE * 2);
  assert.equal(robustZ(10, s), 10 / (MEAN_AD_SCALE * 2));
});

test("with no spread at all the median scores 0 and any other value is infinitely far", () => {
  const s = robustScale([7, 7, 7]);
  assert.equal(s.scale, 0);
  assert.equal(robustZ(7, s), 0);
  assert.equal(robustZ(8, s), Infinity);
  assert.equal(robustZ(6, s), -Infinity);
});

test("the median is that of the values in Float64Array sort order, to the bit, for any length and any values", () => {
  const value = fc.oneof(
    fc.constantFrom(0, -0, 1, -1, Infinity, -Infinity, NaN, 2.5),
    fc.double(),
    fc.integer({ min: -3, max: 3 }),
  );
  fc.assert(
    fc.property(fc.array(value, { maxLength: 40 }), (values) => {
      const sorted = Float64Array.from(values).sort();
      const n = sorted.length;
      const mid = n >> 1;
      const expected = n === 0 ? NaN : n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
      return Object.is(median(values), expected) && Object.is(median(Float64Array.from(values)), expected);
    }),
    { numRuns: 3000, seed: 14 },
  );
});

test("the median of a range of the values is the median of that slice, to the bit", () => {
  const value = fc.oneof(fc.constantFrom(0, -0, 1, -1, Infinity, NaN), fc.double(), fc.integer({ min: -3, max: 3 }));
  fc.assert(
    fc.property(fc.array(value, { maxLength: 40 }), fc.nat(), fc.nat(), (values, a, b) => {
      const from = values.length === 0 ? 0 : a % (values.length + 1);
      const to = from + (b % (values.length - from + 1));
      const typed = Float64Array.from(values);
      return Object.is(median(values, from, to), median(values.slice(from, to))) && Object.is(median(typed, from, to), median(typed.slice(from, to)));
    }),
    { numRuns: 3000, seed: 15 },
  );
});
