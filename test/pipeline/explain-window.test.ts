import assert from "node:assert/strict";
import { test } from "node:test";
import { explainWindow, robustZ, type ExplainWindowInput } from "@/lib/pipeline/explain-window";

const base: ExplainWindowInput = {
  index: 7,
  start: 420,
  end: 480,
  featureNames: ["event_count", "failed_auth_count", "entropy_tokens"],
  values: [120, 40, 5],
  medians: [20, 0, 5],
  scales: [10, 2, 1],
  ifScore: 0.7,
  ifThreshold: 0.6,
  ifAttribution: [0.2, 0.7, 0.1],
  aeError: 3,
  aeThreshold: 1,
  aeFeatureErrors: [3, 6, 0],
  dbscanDistance: 2,
  eps: 0.5,
  dbscanCluster: -1,
  templates: [
    { id: 1, template: "Failed password for <*> from <*> port <*> ssh2", count: 40, median: 0, mean: 0.5, std: 1.5, example: "Failed password for root from 10.0.0.1 port 22 ssh2" },
    { id: 2, template: "session opened for user <*>", count: 3, median: 3, mean: 3, std: 1, example: null },
  ],
};

test("features are ordered by robust z and carry each model's share", () => {
  const e = explainWindow(base);
  // z: event_count (120-20)/10 = 10, failed_auth_count 40/2 = 20, entropy 0.
  assert.deepEqual(e.features.map((f) => [f.name, f.z]), [["failed_auth_count", 20], ["event_count", 10], ["entropy_tokens", 0]]);
  assert.equal(e.features[0]?.aeShare, 6 / 9);
  assert.ok(Math.abs((e.features[0]?.ifShare ?? 0) - 0.7) < 1e-12);
  // Strength = min(1, |z|/10) + AE share + IF share: 2.37, 1.53, 0.1.
  assert.deepEqual(e.topFeatures, ["failed_auth_count", "event_count", "entropy_tokens"]);
});

test("every model's verdict is explained against its own threshold", () => {
  const e = explainWindow(base);
  assert.equal(e.isolationForest.anomalous, true);
  assert.equal(e.autoencoder.anomalous, true);
  assert.equal(e.autoencoder.contributions[0]?.name, "failed_auth_count");
  assert.equal(e.dbscan.noise, true);
  assert.match(e.dbscan.summary, /4x eps/);
  assert.match(e.summary, /^Flagged by Isolation Forest, DBSCAN, the autoencoder\./);
});

test("only templates above their usual count are listed, the most unusual first", () => {
  const e = explainWindow(base);
  assert.equal(e.templates.length, 1);
  assert.equal(e.templates[0]?.id, 1);
  assert.equal(e.templates[0]?.deviation, (40 - 0.5) / 1.5);
  assert.equal(e.templates[0]?.typical, 0);
  assert.match(e.summary, /40 lines of "Failed password/);
});

test("a window within eps of a core window is not DBSCAN noise, and a quiet window is flagged by nobody", () => {
  const e = explainWindow({ ...base, ifScore: 0.4, aeError: 0.2, dbscanDistance: 0.3, values: [20, 0, 5], templates: [] });
  assert.equal(e.dbscan.noise, false);
  assert.match(e.summary, /^No model flags this window\.$/);
  assert.deepEqual(e.templates, []);
});

test("a zero spread gives z 0 at the median and a capped z elsewhere, never infinity", () => {
  assert.equal(robustZ(3, 3, 0), 0);
  assert.equal(robustZ(4, 3, 0), 99);
  assert.equal(robustZ(2, 3, 0), -99);
});

test("without a forest or stored autoencoder errors the shares are unknown, not zero", () => {
  const e = explainWindow({ ...base, ifAttribution: null, aeFeatureErrors: null });
  assert.equal(e.features[0]?.ifShare, null);
  assert.equal(e.features[0]?.aeShare, null);
  assert.deepEqual(e.isolationForest.attribution, []);
});

test("a run that flags by the combined score names that score first, with or without the detectors", () => {
  const flagged = explainWindow({ ...base, combined: { score: 14.2, cut: 10 } });
  assert.match(flagged.summary, /^Flagged by the combined score \(14\.2 against a cut of 10\) and by Isolation Forest, DBSCAN, the autoencoder\./);
  const quiet = { ifScore: 0.1, aeError: 0.5, dbscanDistance: 0.1 };
  const tailsOnly = explainWindow({ ...base, ...quiet, combined: { score: 12, cut: 10 } });
  assert.match(tailsOnly.summary, /^Flagged by the combined score \(12 against a cut of 10\); no detector flags it alone\./);
  const under = explainWindow({ ...base, combined: { score: 3.5, cut: 10 } });
  assert.match(under.summary, /^Not flagged: the combined score stays under its cut \(3\.5 against a cut of 10\), though Isolation Forest, DBSCAN, the autoencoder flag it on their own cuts\./);
  const one = explainWindow({ ...base, ...quiet, aeError: 3, combined: { score: 3.5, cut: 10 } });
  assert.match(one.summary, /though the autoencoder flags it on its own cut\./);
  const none = explainWindow({ ...base, ...quiet, combined: { score: 1, cut: 10 } });
  assert.match(none.summary, /^Not flagged: the combined score stays under its cut \(1 against a cut of 10\), and no detector flags it\./);
  assert.match(explainWindow({ ...base, ...quiet }).summary, /^No model flags this window\./);
});
