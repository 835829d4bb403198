import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { windowsForModel } from "@/lib/pipeline/predict-log";

describe("windowsForModel", () => {
  const windows = [
    { start: 0, end: 60, values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13] },
    { start: 60, end: 120, values: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14] },
  ];

  it("hands the windows on unchanged when they have the model's columns", () => {
    assert.equal(windowsForModel(windows, 13), windows);
  });

  it("gives a model saved before error_level_lines its twelve columns, in order, and leaves the windows as they were", () => {
    const cut = windowsForModel(windows, 12);
    assert.deepEqual(cut.map((w) => w.values), [windows[0]!.values.slice(0, 12), windows[1]!.values.slice(0, 12)]);
    assert.deepEqual(cut.map((w) => [w.start, w.end]), [[0, 60], [60, 120]]);
    assert.equal(windows[0]!.values.length, 13);
  });
});
