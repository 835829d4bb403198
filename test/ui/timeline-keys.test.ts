import { test } from "node:test";
import assert from "node:assert/strict";
import { describeVerdict, describeWindow, followSelection, rangeAround, timelineKeyAction, type TimelineKeyState } from "@/lib/ui/timeline-keys";

// 100 windows of 60 s from t = 0; ensemble anomalies at 10, 50 and 90; windows 0-19 visible.
const starts = Float64Array.from({ length: 100 }, (_, i) => i * 60);
const anomalies = Uint8Array.from({ length: 100 }, (_, i) => (i === 10 || i === 50 || i === 90 ? 1 : 0));
const state = (patch: Partial<TimelineKeyState> = {}): TimelineKeyState => ({
  selected: null,
  range: { min: 0, max: 1200 },
  bounds: { min: 0, max: 6000 },
  minSpan: 360,
  window: 60,
  starts,
  anomalies,
  ...patch,
});

test("arrow keys step one window, starting from the visible edge when nothing is selected", () => {
  assert.deepEqual(timelineKeyAction("ArrowRight", {}, state()), { type: "select", index: 0 });
  assert.deepEqual(timelineKeyAction("ArrowLeft", {}, state()), { type: "select", index: 19 });
  assert.deepEqual(timelineKeyAction("ArrowRight", {}, state({ selected: 5 })), { type: "select", index: 6 });
  assert.deepEqual(timelineKeyAction("ArrowLeft", {}, state({ selected: 0 })), { type: "select", index: 0 });
});

test("stepping out of the visible range moves the range with the selection, keeping its span", () => {
  const action = timelineKeyAction("ArrowRight", {}, state({ selected: 19 }));
  assert.equal(action?.type, "select");
  assert.ok(action?.type === "select" && action.range);
  if (action?.type === "select" && action.range) {
    assert.equal(action.index, 20);
    assert.equal(action.range.max - action.range.min, 1200);
    assert.ok(action.range.min <= 20 * 60 && action.range.max >= 21 * 60);
  }
});

test("Shift + arrows and Page Up / Down jump between ensemble anomalies, and say when there is none", () => {
  assert.deepEqual(timelineKeyAction("ArrowRight", { shift: true }, state({ selected: 10, range: { min: 0, max: 6000 } })), { type: "select", index: 50 });
  assert.deepEqual(timelineKeyAction("PageUp", {}, state({ selected: 50, range: { min: 0, max: 6000 } })), { type: "select", index: 10 });
  assert.deepEqual(timelineKeyAction("PageDown", {}, state({ selected: 90, range: { min: 0, max: 6000 } })), { type: "none", message: "No later anomaly." });
  const first = timelineKeyAction("PageDown", {}, state());
  assert.deepEqual(first, { type: "select", index: 10 });
});

test("Home and End select the first and last window; Enter opens the selection; Escape clears it", () => {
  assert.deepEqual(timelineKeyAction("Home", {}, state({ selected: 7 })), { type: "select", index: 0 });
  const end = timelineKeyAction("End", {}, state());
  assert.equal(end?.type === "select" && end.index, 99);
  assert.deepEqual(timelineKeyAction("Enter", {}, state({ selected: 7 })), { type: "open", index: 7 });
  assert.equal(timelineKeyAction("Enter", {}, state())?.type, "none");
  assert.deepEqual(timelineKeyAction("Escape", {}, state({ selected: 7 })), { type: "clear" });
  assert.equal(timelineKeyAction("Escape", {}, state()), null);
  assert.equal(timelineKeyAction("a", {}, state()), null);
});

test("+ and - zoom around the selection, never below the smallest span nor past the whole run", () => {
  const zoomIn = timelineKeyAction("+", {}, state({ selected: 10 }));
  assert.deepEqual(zoomIn, { type: "zoom", range: { min: 330, max: 930 } });
  const floor = timelineKeyAction("+", {}, state({ range: { min: 0, max: 360 } }));
  assert.equal(floor?.type, "none");
  assert.deepEqual(timelineKeyAction("-", {}, state({ range: { min: 0, max: 4000 } })), { type: "zoom", range: null });
});

test("ranges stay inside the run and a selection already in view leaves the range alone", () => {
  assert.deepEqual(rangeAround(100, 1200, { min: 0, max: 6000 }), { min: 0, max: 1200 });
  assert.deepEqual(rangeAround(5990, 1200, { min: 0, max: 6000 }), { min: 4800, max: 6000 });
  assert.equal(followSelection(state(), 5), undefined);
});

test("a selected window is announced with its time, events and the models' verdicts", () => {
  const flags = { isolationForest: true, dbscan: true, autoencoder: false, ensemble: true };
  assert.equal(
    describeWindow({ index: 1234, start: 1118761200, events: 45, flags }),
    "Window #1234, 2005-06-14 15:00:00 UTC: 45 events. Flagged by Isolation Forest and DBSCAN: an ensemble anomaly.",
  );
  assert.equal(
    describeWindow({ index: 3, start: 0, events: 1, feature: { label: "Entropy", value: 2.5 }, flags: { isolationForest: false, dbscan: false, autoencoder: false, ensemble: false } }),
    "Window #3, 1970-01-01 00:00:00 UTC: 1 event, Entropy 2.5. No model flags it.",
  );
  assert.equal(describeVerdict({ isolationForest: true, dbscan: false, autoencoder: true, ensemble: false }), "Flagged by Isolation Forest and Autoencoder; not an ensemble anomaly.");
});
