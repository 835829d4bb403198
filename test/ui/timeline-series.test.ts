import { test } from "node:test";
import assert from "node:assert/strict";
import { describeTimeline, isCountSeries, isScoreSeries, SCORE_SERIES, scoreSeriesValues } from "@/lib/ui/timeline-series";

const t0 = Date.UTC(2005, 5, 14, 15, 0) / 1000;

test("the description gives the windows, silent stretches, flags and highest severity in rounded numbers", () => {
  // Four windows of 60 s: two together, then 10 minutes of silence, then two more after an hour.
  const starts = [t0, t0 + 60, t0 + 720, t0 + 4320];
  const text = describeTimeline({ starts, window: 60, from: t0, to: t0 + 5000, flags: [0, 1, 0, 1], severity: [0.2, 0.971, 0.5, 0.6] });
  assert.equal(
    text,
    "4 windows from Jun 14 15:00 to Jun 14 16:13 UTC, with 2 silent stretches (longest 59 min 00 s) drawn as gaps; 2 flagged by the ensemble; highest severity 97, Jun 14 15:01 UTC.",
  );
});

test("the description follows the zoom and says so when the range holds no window", () => {
  const starts = [t0, t0 + 60, t0 + 120];
  assert.equal(describeTimeline({ starts, window: 60, from: t0 + 60, to: t0 + 120, flags: null, severity: null }), "1 window from Jun 14 15:01 to Jun 14 15:02 UTC.");
  assert.equal(
    describeTimeline({ starts, window: 60, from: t0 + 600, to: t0 + 900, flags: null, severity: null }),
    "No windows from Jun 14 15:10 to Jun 14 15:15 UTC: the log is silent there.",
  );
});

test("the picker offers the ensemble severity and each detector's score", () => {
  assert.deepEqual(SCORE_SERIES.map((s) => s.key), ["score:ensemble", "score:isolationForest", "score:autoencoder", "score:dbscan"]);
  assert.ok(isScoreSeries("score:ensemble"));
  assert.ok(!isScoreSeries("event_count"));
});

test("score series are the detectors' own scores, and ranks shown out of 100", () => {
  const scores = { isolationForest: Float64Array.from([0.4, 0.6]), autoencoder: Float64Array.from([2, 3]) };
  const severity = { ensemble: Float64Array.from([0.25, 0.97]), isolationForest: Float64Array.from([0.5, 1]), dbscan: null, autoencoder: Float64Array.from([0.5, 1]) };
  assert.equal(scoreSeriesValues("score:isolationForest", scores, severity), scores.isolationForest);
  assert.deepEqual([...scoreSeriesValues("score:ensemble", scores, severity)!], [25, 97]);
  assert.equal(scoreSeriesValues("score:dbscan", scores, severity), null);
  assert.equal(scoreSeriesValues("score:ensemble", scores, null), null);
});

test("counts drop to zero in silence; averages, entropy and scores do not", () => {
  assert.ok(isCountSeries("event_count"));
  assert.ok(isCountSeries("error_keyword_lines"));
  assert.ok(!isCountSeries("avg_msg_length"));
  assert.ok(!isCountSeries("entropy_tokens"));
  assert.ok(!isCountSeries("score:ensemble"));
});
