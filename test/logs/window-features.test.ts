import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractWindowsFromText } from "../../lib/logs/extract-windows";
import { SyslogClock } from "../../lib/logs/syslog-clock";
import type { LogRecord, WindowFeatures } from "../../lib/logs/types";
import { computeWindowFeatures, computeTokenEntropy, alignWindowStart } from "../../lib/logs/window-features";
import { fuzzLines, pick, referenceFeatures, referenceParse, seededRandom, type ReferenceRecord } from "./reference";

function assertSameWindows(actual: WindowFeatures[], expected: { start: number; values: number[] }[], window: number): void {
  assert.equal(actual.length, expected.length);
  expected.forEach((e, i) => {
    const a = actual[i];
    assert.ok(a);
    assert.equal(a.start, e.start);
    assert.equal(a.end, e.start + window);
    e.values.forEach((v, k) => {
      assert.ok(Math.abs((a.values[k] ?? NaN) - v) <= 1e-9, `window ${i} feature ${k}: ${a.values[k]} vs ${v}`);
    });
  });
}

describe("computeTokenEntropy", () => {
  it("is 2 bits for four equally frequent tokens and 1.5 bits for 1/2, 1/4, 1/4", () => {
    assert.equal(computeTokenEntropy([3, 3, 3, 3], 12, 4), 2);
    assert.equal(computeTokenEntropy([2, 1, 1], 4, 3), 1.5);
  });

  it("is 0 for a single distinct token and for no tokens", () => {
    assert.equal(computeTokenEntropy([7], 7, 1), 0);
    assert.equal(computeTokenEntropy([], 0, 0), 0);
  });
});

describe("alignWindowStart", () => {
  it("floors to a multiple of the window, also before 1970", () => {
    assert.equal(alignWindowStart(125, 60), 120);
    assert.equal(alignWindowStart(120, 60), 120);
    assert.equal(alignWindowStart(-1, 60), -60);
  });
});

describe("computeWindowFeatures", () => {
  it("gives entropy 1.5 bits for tokens a a b c split on any whitespace", () => {
    const records: LogRecord[] = [
      { ts: 10, host: "h", process: "p", pid: null, message: "a\ta" },
      { ts: 20, host: "h", process: "p", pid: null, message: "  b\u00a0c " },
    ];
    const [w] = computeWindowFeatures(records, 60);
    assert.equal(w?.values[7], 1.5);
    // message.length counts UTF-16 units: 3 and 6.
    assert.equal(w?.values[4], 4.5);
  });

  it("matches the by-the-book features on random records with unicode, odd whitespace and auth phrases", () => {
    const random = seededRandom(7);
    const words = ["Failed", "password", "failed", "PASSWORD", "invalid", "user", "unknown", "authentication", "failure",
      "x", "caf\u00e9", "\ud83d\ude00", "1.2.3.4", "port", "22", "xinvalid", "usery", "a\u0001b", "del\u007fete", "longertoken-abcdefghij"];
    const gaps = [" ", " ", " ", "  ", "\t", "\u00a0", "\u3000", "\u2028", "\r"];
    const records: LogRecord[] = [];
    for (let i = 0; i < 3000; i++) {
      let message = random() < 0.1 ? pick(random, gaps) : "";
      const n = Math.floor(random() * 8);
      for (let k = 0; k < n; k++) message += (k > 0 ? pick(random, gaps) : "") + pick(random, words);
      if (random() < 0.1) message += pick(random, gaps);
      records.push({
        ts: Math.floor(random() * 3600),
        host: pick(random, ["a", "b", "h\u00e9"]),
        process: pick(random, ["sshd", "su", "k e"]),
        pid: null,
        message,
      });
    }
    assertSameWindows(computeWindowFeatures(records, 300), referenceFeatures(records, 300), 300);
  });
});

describe("extraction against the by-the-book pipeline", () => {
  const lines = fuzzLines(20000, 3);
  const clock = new SyslogClock({ year: 2010 });
  const records: ReferenceRecord[] = [];
  for (const line of lines) {
    const p = referenceParse(line);
    if (p) records.push({ ts: clock.toUnixSeconds(p.month, p.day, p.secondsOfDay), host: p.host, process: p.process, message: p.message });
  }

  for (const window of [1, 60, 86400]) {
    it(`agrees with regex parsing plus naive features on 20000 awkward lines with ${window}-second windows`, () => {
      const { windows, summary } = extractWindowsFromText(lines.join("\n"), { year: 2010, window });
      assert.equal(summary.parsedLines, records.length);
      assert.equal(summary.unparsedLines, lines.length - records.length);
      assertSameWindows(windows, referenceFeatures(records, window), window);
    });
  }
});
