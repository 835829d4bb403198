import { test } from "node:test";
import assert from "node:assert/strict";
import { bandOf, bandRangeText, SEVERITY_BANDS } from "@/lib/ui/severity-bands";
import { normalCdf } from "@/lib/detectors/robust-scale";
import { bucketLanes, describeCell, describeLane, hostSeverity, laneSeverities, spanText } from "@/lib/ui/severity-lanes";
import { severityScores } from "@/lib/ui/top-anomalies";

test("bands run from critical down to low and every severity falls in exactly one", () => {
  assert.deepEqual(SEVERITY_BANDS.map((b) => b.key), ["critical", "major", "minor", "warning", "low"]);
  assert.equal(bandOf(1).key, "critical");
  assert.equal(bandOf(0.99).key, "critical");
  assert.equal(bandOf(0.96).key, "major");
  assert.equal(bandOf(0.9).key, "minor");
  assert.equal(bandOf(0.8).key, "warning");
  assert.equal(bandOf(0.2).key, "low");
  assert.equal(bandOf(NaN).key, "low");
  assert.equal(bandRangeText(SEVERITY_BANDS[0]!), "99 and above");
  assert.equal(bandRangeText(SEVERITY_BANDS[4]!), "below 75");
});

test("worse bands are drawn taller, so colour is not the only cue", () => {
  for (let b = 1; b < SEVERITY_BANDS.length; b++) assert.ok(SEVERITY_BANDS[b - 1]!.height > SEVERITY_BANDS[b]!.height);
});

test("the ensemble lane is exactly Top anomalies' severity and each detector lane its own percentile rank", () => {
  const columns = { isolationForest: [0.1, 0.5, 0.9, 0.3], autoencoder: [4, 3, 2, 1], dbscanDistance: [0, NaN, 1, 0] };
  const lanes = laneSeverities(columns);
  assert.deepEqual([...lanes.ensemble], [...severityScores(columns)]);
  assert.deepEqual([...lanes.isolationForest], [0.25, 0.75, 1, 0.5]);
  assert.deepEqual([...lanes.autoencoder], [1, 0.75, 0.5, 0.25]);
  // No core point at all (NaN) ranks as the farthest.
  assert.deepEqual([...lanes.dbscan!], [0.375, 1, 0.75, 0.375]);
  assert.equal(laneSeverities({ ...columns, dbscanDistance: null }).dbscan, null);
});

test("a cell keeps its most severe window and a period without windows stays a gap", () => {
  // Windows of 60 s at 0, 60, 120, then silence until 600.
  const starts = [0, 60, 120, 600];
  const values = [0.2, 0.9, 0.5, 0.4];
  const [lane] = bucketLanes(starts, 60, [values], { from: 0, to: 720, cells: 6 });
  assert.deepEqual([...lane!.worst], [1, 2, -1, -1, -1, 3]);
  assert.deepEqual([...lane!.windows], [2, 1, 0, 0, 0, 1]);
});

test("zoomed closer than a window per cell, a window fills every cell it spans", () => {
  const [lane] = bucketLanes([0, 60], 60, [[0.1, 0.2]], { from: 30, to: 90, cells: 4 });
  assert.deepEqual([...lane!.worst], [0, 0, 1, 1]);
});

test("windows outside the range are not counted and every lane shares one pass", () => {
  const lanes = bucketLanes([0, 60, 120, 180], 60, [[1, 2, 3, 4], [4, 3, 2, 1]], { from: 60, to: 180, cells: 2 });
  assert.deepEqual([...lanes[0]!.worst], [1, 2]);
  assert.deepEqual([...lanes[1]!.worst], [1, 2]);
});

test("a host's severity is high where its events or its errors leave its own baseline", () => {
  const events = [10, 11, 9, 10, 10, 60, 10, 0];
  const errors = [0, 0, 0, 0, 0, 0, 5, 0];
  const s = hostSeverity(events, errors);
  assert.equal(bandOf(s[5]!).key, "critical");
  assert.equal(bandOf(s[6]!).key, "critical");
  assert.equal(bandOf(s[0]!).key, "low");
  assert.equal(bandOf(s[7]!).key, "low");
});

test("the normal CDF gives the usual quantiles", () => {
  assert.ok(Math.abs(normalCdf(0) - 0.5) < 1e-7);
  assert.ok(Math.abs(normalCdf(1.96) - 0.975) < 1e-4);
  assert.ok(Math.abs(normalCdf(-1.96) - 0.025) < 1e-4);
  assert.equal(normalCdf(Infinity), 1);
});

test("a cell is named by its lane, span, band, severity and window", () => {
  const grid = { from: Date.UTC(2005, 5, 14, 15) / 1000, to: Date.UTC(2005, 5, 14, 16) / 1000, cells: 3 };
  assert.equal(
    describeCell({ lane: "Ensemble", grid, cell: 0, worst: 12, windows: 20, severity: 0.964 }),
    "Ensemble, Jun 14 15:00–15:20 UTC: major, severity 96 (window #12, the worst of 20).",
  );
  assert.equal(describeCell({ lane: "DBSCAN", grid, cell: 2, worst: -1, windows: 0, severity: NaN }), "DBSCAN, Jun 14 15:40–16:00 UTC: no windows (a silent period).");
  assert.equal(spanText(Date.UTC(2005, 5, 14, 23, 50) / 1000, Date.UTC(2005, 5, 15, 0, 10) / 1000), "Jun 14 23:50–Jun 15 00:10 UTC");
});

test("a lane's description counts its windows per band with rounded numbers", () => {
  const t0 = Date.UTC(2005, 5, 14, 15, 16) / 1000;
  const starts = [t0, t0 + 60, t0 + 120, t0 + 180];
  assert.equal(describeLane("Ensemble", starts, [0.991, 0.96, 0.5, 0.97], t0, t0 + 240), "Ensemble: 1 critical, 2 major windows; highest 99 at Jun 14 15:16.");
  assert.equal(describeLane("AE", starts, [0.1, 0.2, 0.3, 0.4], t0, t0 + 240), "AE: no window above low; highest 40 at Jun 14 15:19.");
  assert.equal(describeLane("AE", starts, [0.1, 0.2, 0.3, 0.4], t0 + 1000, t0 + 2000), "AE: no windows here.");
});
