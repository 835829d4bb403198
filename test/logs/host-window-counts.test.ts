import { test } from "node:test";
import assert from "node:assert/strict";
import { denseHostCounts, HostWindowCounter } from "@/lib/logs/host-window-counts";

test("each record counts for its host in the window whose line ranges hold it, error-keyword lines apart", () => {
  // Window 0: lines 1-2; window 1: lines 4-5 (line 3 is not a record of any window).
  const counter = new HostWindowCounter([[{ firstLine: 1, lineCount: 2 }], [{ firstLine: 4, lineCount: 2 }]]);
  counter.add(1, "alpha", "session opened");
  counter.add(2, "beta", "authentication failure");
  counter.add(3, "alpha", "ignored: outside every window");
  counter.add(4, "alpha", "Connection refused");
  counter.add(5, "alpha", "ok");
  const { hosts, other } = counter.result(12);
  assert.deepEqual(hosts, [
    { name: "alpha", events: 3, counts: [0, 1, 0, 1, 2, 1] },
    { name: "beta", events: 1, counts: [0, 1, 1] },
  ]);
  assert.equal(other, null);
});

test("out-of-order windows map through their own ranges", () => {
  const counter = new HostWindowCounter([[{ firstLine: 3, lineCount: 1 }], [{ firstLine: 1, lineCount: 2 }]]);
  for (const line of [1, 2, 3]) counter.add(line, "h", "x");
  assert.deepEqual(counter.result(5).hosts[0]?.counts, [0, 1, 0, 1, 2, 0]);
});

test("beyond the limit, the quieter hosts are summed into one other lane that says how many it holds", () => {
  const counter = new HostWindowCounter([[{ firstLine: 1, lineCount: 6 }]]);
  const hosts = ["a", "a", "a", "b", "b", "c"];
  hosts.forEach((host, k) => counter.add(k + 1, host, k === 5 ? "fatal error" : "fine"));
  const { hosts: top, other } = counter.result(1);
  assert.deepEqual(top.map((h) => h.name), ["a"]);
  assert.deepEqual(other, { name: "other", events: 3, counts: [0, 3, 1], hosts: 2 });
});

test("sparse counts become dense columns with zeros for the windows a host is silent in", () => {
  const { events, errors } = denseHostCounts([1, 4, 1, 3, 2, 0], 4);
  assert.deepEqual([...events], [0, 4, 0, 2]);
  assert.deepEqual([...errors], [0, 1, 0, 0]);
});
