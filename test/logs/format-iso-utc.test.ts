import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { formatIsoUtc } from "../../lib/logs/format-iso-utc";

/** What formatIsoUtc gave before it cached days: Date's ISO string without the milliseconds. */
function reference(unixSeconds: number): string {
  return new Date(Math.floor(unixSeconds) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The formatted text, or the error's class where it throws. */
function outcome(format: (s: number) => string, s: number): string {
  try {
    return format(s);
  } catch (error) {
    return `throws ${(error as Error).constructor.name}`;
  }
}

test("formats whole and fractional Unix seconds as the contract's UTC text, by hand-checkable examples", () => {
  assert.equal(formatIsoUtc(0), "1970-01-01T00:00:00Z");
  assert.equal(formatIsoUtc(1136073599.9), "2005-12-31T23:59:59Z");
  assert.equal(formatIsoUtc(1136073600), "2006-01-01T00:00:00Z");
  assert.equal(formatIsoUtc(-1), "1969-12-31T23:59:59Z");
  assert.equal(formatIsoUtc(253402300800), "+010000-01-01T00:00:00Z");
  assert.equal(formatIsoUtc(8.64e12), "+275760-09-13T00:00:00Z");
  assert.throws(() => formatIsoUtc(8.64e12 + 1), RangeError);
  assert.throws(() => formatIsoUtc(Number.NaN), RangeError);
});

test("gives what Date's ISO string gives for any time, in any order of days, and throws where it throws", () => {
  const seconds = fc.oneof(
    fc.double({ min: -9e12, max: 9e12, noNaN: true }),
    fc.integer({ min: -3e9, max: 5e9 }),
    fc.constantFrom(-8.64e12, 8.64e12, -8.64e12 - 1, 8.64e12 + 1, -62198755200, 253402300799, Infinity, -Infinity, NaN),
  );
  fc.assert(
    fc.property(fc.array(seconds, { minLength: 1, maxLength: 20 }), (times) => {
      // Several calls in a row, so a day cached from one call is tried on the next.
      for (const s of times) assert.equal(outcome(formatIsoUtc, s), outcome(reference, s), String(s));
    }),
    { numRuns: 2000, seed: 3 },
  );
});
