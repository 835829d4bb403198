import { test } from "node:test";
import assert from "node:assert/strict";
import { layoutZBars, Z_AXIS_LIMIT } from "@/lib/ui/z-bars";

test("a z beyond the axis is drawn to its edge, marked clipped and labelled with its true value", () => {
  const { bars, extent } = layoutZBars([146.27, -2, -23.456, Infinity, 3]);
  assert.equal(extent, Z_AXIS_LIMIT);
  assert.deepEqual(bars.map((b) => b.shown), [10, -2, -10, 10, 3]);
  assert.deepEqual(bars.map((b) => b.clipped), [true, false, true, true, false]);
  assert.deepEqual(bars.map((b) => b.text), ["146", "-2", "-23.5", "∞", "3"]);
});

test("the axis is the smallest of ±4, ±6, ±8 and ±10 that holds every bar", () => {
  assert.equal(layoutZBars([1, -3.5]).extent, 4);
  assert.equal(layoutZBars([5.9]).extent, 8);
  assert.equal(layoutZBars([7.5]).extent, 8);
  assert.equal(layoutZBars([9]).extent, 10);
  assert.equal(layoutZBars([NaN]).bars[0]?.clipped, false);
});
