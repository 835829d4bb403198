import { test } from "node:test";
import assert from "node:assert/strict";
import { isAnalystMarksOnly, sourceWithMark } from "@/lib/domain/analyst-marks";

test("the first mark on a run without labels starts a source that says it is the analyst's marks", () => {
  assert.equal(sourceWithMark(null), "Analyst marks (1 mark)");
  assert.equal(sourceWithMark("Analyst marks (1 mark)"), "Analyst marks (2 marks)");
  assert.equal(sourceWithMark("Analyst marks (9 marks)"), "Analyst marks (10 marks)");
  assert.ok(isAnalystMarksOnly("Analyst marks (3 marks)"));
});

test("marks on a run with a labels file are counted after the file's description", () => {
  const file = "labels.csv: window starts (4 windows)";
  const once = sourceWithMark(file);
  assert.equal(once, "labels.csv: window starts (4 windows) + 1 analyst mark");
  assert.equal(sourceWithMark(once), "labels.csv: window starts (4 windows) + 2 analyst marks");
  assert.equal(isAnalystMarksOnly(once), false);
  assert.equal(isAnalystMarksOnly(file), false);
});
