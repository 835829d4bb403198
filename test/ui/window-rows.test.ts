import { test } from "node:test";
import assert from "node:assert/strict";
import { evaluateLabels } from "@/lib/detectors/evaluate-labels";
import { readWindowPage, truthMarkOf } from "@/lib/ui/window-rows";

test("a window's truth mark is the per-window form of evaluateLabels' counts", () => {
  const predicted = [1, 1, 0, 0, 1, 0];
  const truth = [1, 0, 1, 0, 1, 1];
  const marks = predicted.map((p, i) => truthMarkOf(p === 1, truth[i] === 1));
  assert.deepEqual(marks, ["tp", "fp", "fn", null, "tp", "fn"]);
  const score = evaluateLabels(Uint8Array.from(predicted), Uint8Array.from(truth));
  assert.equal(marks.filter((m) => m === "tp").length, score.truePositives);
  assert.equal(marks.filter((m) => m === "fp").length, score.falsePositives);
  assert.equal(marks.filter((m) => m === "fn").length, score.falseNegatives);
  assert.equal(marks.filter((m) => m === null).length, score.trueNegatives);
});

test("a windows page says what its search looked at, and nothing without a search", () => {
  assert.equal(readWindowPage({ windows: [], total: 0, searchScope: "log lines" })?.searchScope, "log lines");
  assert.equal(readWindowPage({ windows: [], total: 0, searchScope: null })?.searchScope, null);
});
