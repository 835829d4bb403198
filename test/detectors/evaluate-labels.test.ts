import { test } from "node:test";
import assert from "node:assert/strict";
import { evaluateLabels } from "@/lib/detectors/evaluate-labels";

test("precision, recall and F1 count hits, false alarms and misses", () => {
  const predicted = Uint8Array.from([1, 1, 0, 0, 1, 0]);
  const truth = Uint8Array.from([1, 0, 1, 0, 1, 0]);
  const score = evaluateLabels(predicted, truth);
  assert.deepEqual(
    [score.truePositives, score.falsePositives, score.falseNegatives, score.trueNegatives],
    [2, 1, 1, 2],
  );
  assert.equal(score.precision, 2 / 3);
  assert.equal(score.recall, 2 / 3);
  assert.ok(Math.abs(score.f1 - 2 / 3) < 1e-12);
});

test("a model that flags nothing scores zero rather than dividing by zero", () => {
  const score = evaluateLabels(Uint8Array.from([0, 0]), Uint8Array.from([1, 0]));
  assert.equal(score.precision, 0);
  assert.equal(score.recall, 0);
  assert.equal(score.f1, 0);
});

test("label arrays of different lengths are refused", () => {
  assert.throws(() => evaluateLabels(Uint8Array.from([1]), Uint8Array.from([1, 0])), RangeError);
});
