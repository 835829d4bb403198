import { test } from "node:test";
import assert from "node:assert/strict";
import { formatParamsSummary } from "@/lib/ui/params-summary";

test("the run header names every parameter and rounds automatic choices", () => {
  const text = formatParamsSummary({
    window: 60, eps: 0.512345, epsAuto: true, minSamples: 5, contamination: 0.01904, contaminationAuto: true, aePercentile: 95.791, aePercentileAuto: true, votes: 2, combine: "vote",
  });
  assert.equal(text, "window 1 min · eps 0.512 (auto) · min samples 5 · contamination 1.9% (auto) · AE 95.8th percentile (auto) · 2 votes");
});

test("a run that flags by the combined score names it instead of votes, which do not apply", () => {
  const text = formatParamsSummary({
    window: 60, eps: 0.5, epsAuto: false, minSamples: 5, contamination: 0.05, contaminationAuto: false, aePercentile: 95, aePercentileAuto: false, votes: 2, combine: "score",
  });
  assert.equal(text, "window 1 min · eps 0.5 · min samples 5 · contamination 5% · AE 95th percentile · combined score");
});
