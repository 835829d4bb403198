import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { alignWindowStart, WindowGrouper } from "@/lib/logs/window-grouper";

test("a record's window start is alignWindowStart's, whatever window the record before was in", () => {
  const ts = fc.oneof(
    fc.integer({ min: -5_000_000, max: 5_000_000 }),
    fc.double({ min: -1e10, max: 1e10, noNaN: true }),
    fc.constantFrom(0, -0, 59.999999, 60, -60, 1e15, 2 ** 53),
  );
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 3600 }), fc.array(ts, { minLength: 1, maxLength: 60 }), (window, stamps) => {
      const grouper = new WindowGrouper(window);
      // Runs of nearby stamps too, as sorted logs give: each stamp, then one a little later.
      for (const t of stamps.flatMap((t) => [t, t + window / 3, t + window - 1e-9])) {
        assert.ok(Object.is(grouper.add(t, 0, 0, 0), alignWindowStart(t, window)), `ts ${t}, window ${window}`);
      }
    }),
    { numRuns: 400, seed: 21 },
  );
});
