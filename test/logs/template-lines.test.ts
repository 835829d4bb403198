import assert from "node:assert/strict";
import { test } from "node:test";
import { templateCount, templateIdsOf, templateLineCountsOf, templateLines } from "@/lib/logs/template-lines";

test("a window's template lines hold its ids, then their line counts, read back as views", () => {
  const t = templateLines([3, 8, 21], [40, 1, 7]);
  assert.deepEqual(t, Int32Array.of(3, 8, 21, 40, 1, 7));
  assert.equal(templateCount(t), 3);
  assert.deepEqual(templateIdsOf(t), Int32Array.of(3, 8, 21));
  assert.deepEqual(templateLineCountsOf(t), Int32Array.of(40, 1, 7));
  templateLineCountsOf(t)[1] = 2;
  assert.equal(t[4], 2, "a view, not a copy");
  assert.equal(templateCount(templateLines([], [])), 0);
});

test("ids and counts of different lengths are refused", () => {
  assert.throws(() => templateLines([1, 2], [5]), /2 ids but 1 counts/);
});
