import { test } from "node:test";
import assert from "node:assert/strict";
import { anomalyReason, severityPercent, severityScores, topFlagged } from "@/lib/ui/top-anomalies";

test("severity is the mean of the three detectors' percentile ranks", () => {
  // Window 2 is the highest on every detector, window 0 the lowest on every one.
  const s = severityScores({ isolationForest: [0.1, 0.5, 0.9], autoencoder: [1, 2, 3], dbscanDistance: [0, 1, 5] });
  assert.deepEqual([...s].map((v) => Number(v.toFixed(4))), [0.3333, 0.6667, 1]);
});

test("a window with no DBSCAN core point at all ranks as the farthest", () => {
  const s = severityScores({ isolationForest: [0.5, 0.5], autoencoder: [1, 1], dbscanDistance: [1, NaN] });
  assert.ok((s[1] as number) > (s[0] as number));
});

test("without distances the severity ranks Isolation Forest and the autoencoder only", () => {
  const s = severityScores({ isolationForest: [0.2, 0.1], autoencoder: [1, 2], dbscanDistance: null });
  assert.deepEqual([...s], [0.75, 0.75]);
});

test("only flagged windows are listed, most severe first, ties in time order, at most the limit", () => {
  const severity = [0.9, 0.5, 0.7, 0.7, 0.95, 0.1];
  const flags = [0, 1, 1, 1, 1, 1];
  assert.deepEqual(topFlagged(severity, flags, 3), [4, 2, 3]);
  assert.deepEqual(topFlagged(severity, flags, 10), [4, 2, 3, 1, 5]);
  assert.deepEqual(topFlagged(severity, [0, 0, 0, 0, 0, 0], 5), []);
});

test("severity shows as a whole number out of 100", () => {
  assert.equal(severityPercent(0.8765), 88);
});

test("the reason names the most unusual feature against its typical value and the top template", () => {
  const reason = anomalyReason({
    summary: "Flagged by DBSCAN.",
    features: [{ name: "error_keyword_lines", value: 146, median: 2, z: 40, aeShare: null, ifShare: null }],
    templates: [{ id: 1, template: "blk_update_request I/O error", count: 146, typical: 2, deviation: 9, example: null }],
  });
  assert.equal(reason, "Error-keyword lines 146 (typically 2) · 146× blk_update_request I/O error");
});

test("with nothing unusual feature by feature the reason is the explanation's sentence", () => {
  const reason = anomalyReason({ summary: "Flagged by DBSCAN.", features: [{ name: "event_count", value: 3, median: 3, z: 0, aeShare: null, ifShare: null }], templates: [] });
  assert.equal(reason, "Flagged by DBSCAN.");
});
