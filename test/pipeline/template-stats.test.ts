import assert from "node:assert/strict";
import { test } from "node:test";
import type { WindowFeatures } from "@/lib/logs/types";
import { templateLines } from "@/lib/logs/template-lines";
import { summarizeTemplateCounts } from "@/lib/pipeline/template-stats";

const window = (start: number, ids: number[], counts: number[]): WindowFeatures => ({
  start,
  end: start + 60,
  values: [],
  templates: templateLines(ids, counts),
});

test("template counts are summarised over every window, windows without the template counting as zero", () => {
  const stats = summarizeTemplateCounts([
    window(0, [1, 2], [4, 1]),
    window(60, [1], [6]),
    window(120, [1], [5]),
    window(180, [2], [9]),
  ]);
  // Template 1: counts 4, 6, 5, 0 -> median (4 + 5) / 2, mean 15 / 4.
  // Template 2: counts 1, 0, 0, 9 -> sorted 0, 0, 1, 9: median 0.5, mean 2.5, population std sqrt((1 + 81) / 4 - 6.25).
  assert.deepEqual(stats.map((s) => s.id), [1, 2]);
  assert.equal(stats[0]?.median, 4.5);
  assert.equal(stats[0]?.mean, 3.75);
  assert.equal(stats[1]?.median, 0.5);
  assert.equal(stats[1]?.mean, 2.5);
  assert.ok(Math.abs((stats[1]?.std ?? 0) - Math.sqrt(82 / 4 - 6.25)) < 1e-12);
});

test("a run with seed features has no template statistics", () => {
  assert.deepEqual(summarizeTemplateCounts([{ start: 0, end: 60, values: [1] }]), []);
});
