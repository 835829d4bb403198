import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractWindows } from "../../lib/logs/extract-windows";
import type { LogRecord } from "../../lib/logs/types";
import { computeWindowFeatures } from "../../lib/logs/window-features";

const record = (ts: number, host: string, message: string, level?: string): LogRecord => ({ ts, host, process: "app", pid: null, message, level });

describe("alert lines per host (extended features)", () => {
  it("count per window and host the larger of its error-word lines and its error-level lines", () => {
    const records = [
      record(0, "a", "disk error on sda"),
      record(1, "b", "all good", "ERROR"),
      record(2, "a", "write failed", "info"),
      record(3, "b", "fatal crash", "error"),
      record(4, "c", "all good", "info"),
      record(5, "b", "still good", "err"),
      record(70, "a", "all good"),
    ];
    const [first, second] = computeWindowFeatures(records, 60, "extended");
    // a: 2 error-word lines, no error level; b: 1 error-word line, 3 error-level lines; c: none.
    assert.deepEqual(first!.hostAlerts, { hosts: ["a", "b"], lines: Int32Array.from([2, 3]) });
    assert.equal(second!.hostAlerts, undefined, "a window without alert lines has none");
    assert.equal(computeWindowFeatures(records, 60, "seed")[0]!.hostAlerts, undefined, "seed features count none");
  });

  it("are the same from a log file's bytes, in one epoch or bounded with a second pass", async () => {
    const lines = [
      "Jun 14 00:00:01 web-1 sshd[1]: error: connection reset",
      "Jun 14 00:00:02 web-2 cron[2]: job done",
      "Jun 14 00:00:03 web-1 sshd[1]: authentication failure; user=root",
      "Jun 14 00:01:04 web-2 kernel: I/O error, dev sda",
      "Jun 14 00:00:05 web-2 app[3]: request failed",
    ];
    const text = `${lines.join("\n")}\n`;
    const bytes = new TextEncoder().encode(text);
    const options = { year: 2025, window: 60, features: "extended" as const };
    const plain = await extractWindows([bytes], options);
    assert.deepEqual(plain.windows.map((w) => w.hostAlerts), [
      { hosts: ["web-1", "web-2"], lines: Int32Array.from([2, 1]) },
      { hosts: ["web-2"], lines: Int32Array.from([1]) },
    ]);
    // Tiny epochs, a chunk per line, close the first window before its last line comes back: the
    // second pass counts it again.
    const chunks = lines.map((line) => new TextEncoder().encode(`${line}\n`));
    let rereads = 0;
    const bounded = await extractWindows(chunks, { ...options, epochs: { messages: 1, idleRecords: 1 }, reread: () => (rereads++, chunks) });
    assert.equal(rereads, 1);
    assert.deepEqual(bounded.windows.map((w) => w.hostAlerts), plain.windows.map((w) => w.hostAlerts));
  });
});
