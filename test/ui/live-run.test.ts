import { test } from "node:test";
import assert from "node:assert/strict";
import { announceAnomalies, lastAnomalyIndex, liveSignature, newAnomalies, readLiveRunState, windowTimes } from "@/lib/ui/live-run";

const at = (index: number, start: number) => ({ index, start, end: start + 60 });
// 2005-06-14 10:00:00 UTC
const T = 1118743200;

test("only anomalies after the last one shown are new, oldest first", () => {
  const recent = [at(9, T + 540), at(4, T + 240), at(7, T + 420)];
  assert.deepEqual(newAnomalies(recent, 4).map((w) => w.index), [7, 9]);
  assert.deepEqual(newAnomalies(recent, 9), []);
  assert.equal(lastAnomalyIndex(recent), 9);
  assert.equal(lastAnomalyIndex([], 3), 3);
});

test("a window's times name its day once when it ends the same day", () => {
  assert.equal(windowTimes(at(0, T)), "2005-06-14 10:00:00–10:01:00");
  assert.equal(windowTimes({ start: T + 13 * 3600 + 59 * 60, end: T + 14 * 3600 }), "2005-06-14 23:59:00–2005-06-15 00:00:00");
});

test("new anomalies are announced with their count and window times; none gives no sentence", () => {
  assert.equal(announceAnomalies([at(3, T), at(5, T + 120)]), "2 new anomalies: 2005-06-14 10:00:00–10:01:00, 2005-06-14 10:02:00–10:03:00 UTC.");
  assert.equal(announceAnomalies([at(3, T)]), "1 new anomaly: 2005-06-14 10:00:00–10:01:00 UTC.");
  assert.equal(announceAnomalies([]), null);
});

test("beyond three windows the announcement counts the rest", () => {
  const fresh = [at(1, T), at(2, T + 60), at(3, T + 120), at(4, T + 180)];
  assert.match(announceAnomalies(fresh, 30) ?? "", /^30 new anomalies: .* and 27 more UTC\.$/);
});

test("the poll refreshes the page when a window closed, lines came or the stream stopped, and reads only a run", () => {
  const base = { status: "live", windowCount: 3, logFile: { lines: 100 } };
  assert.equal(liveSignature(base), liveSignature({ ...base }));
  assert.notEqual(liveSignature(base), liveSignature({ ...base, windowCount: 4 }));
  assert.notEqual(liveSignature(base), liveSignature({ ...base, logFile: { lines: 101 } }));
  assert.notEqual(liveSignature(base), liveSignature({ ...base, status: "succeeded" }));
  assert.deepEqual(readLiveRunState({ ...base, id: 1, extra: true }), base);
  assert.equal(readLiveRunState({ error: "There is no run 9." }), null);
  assert.equal(readLiveRunState(null), null);
});
