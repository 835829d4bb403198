import assert from "node:assert/strict";
import { createReadStream } from "node:fs";
import { describe, it } from "node:test";
import { extractWindows, extractWindowsFromText } from "../../lib/logs/extract-windows";
import { formatIsoUtc } from "../../lib/logs/format-iso-utc";
import type { RecordLocation, UnparsedLine, WindowFeatures } from "../../lib/logs/types";
import { FEATURE_NAMES } from "../../lib/logs/types";
import { fixturePath, readFixtureText } from "../fixtures/fixture-path";
import { readCsvRecords } from "./read-csv";

function assertMatchesGolden(windows: WindowFeatures[], goldenFile: string): void {
  const golden = readCsvRecords(readFixtureText("golden", goldenFile));
  assert.equal(windows.length, golden.length);
  golden.forEach((row, i) => {
    const w = windows[i];
    assert.ok(w);
    assert.equal(formatIsoUtc(w.start), row.window_start, `row ${i + 1} window_start`);
    assert.equal(formatIsoUtc(w.end), row.window_end, `row ${i + 1} window_end`);
    FEATURE_NAMES.forEach((name, k) => {
      const expected = Number(row[name]);
      const actual = w.values[k] ?? NaN;
      assert.ok(Math.abs(actual - expected) <= 1e-9, `row ${i + 1} ${name}: ${actual} vs ${expected}`);
    });
  });
}

describe("extractWindows against the scikit-learn golden files", () => {
  for (const [log, golden, year] of [
    ["Linux_2k.log", "linux_2k.features.csv", 2005],
    ["OpenSSH_2k.log", "openssh_2k.features.csv", 2015],
  ] as const) {
    it(`reproduces every row of ${golden} from a file stream (year ${year}, window 60)`, async () => {
      // Small chunks so that many lines straddle a chunk boundary.
      const stream = createReadStream(fixturePath("loghub", log), { highWaterMark: 4093 });
      const { windows, summary } = await extractWindows(stream, { year, window: 60 });
      assert.equal(summary.lines, 2000);
      assert.equal(summary.parsedLines, 2000);
      assert.equal(summary.unparsedLines, 0);
      assertMatchesGolden(windows, golden);
    });
  }
});

describe("extractWindows with formatOptions on classic syslog", () => {
  for (const [log, year] of [
    ["Linux_2k.log", 2005],
    ["OpenSSH_2k.log", 2015],
  ] as const) {
    it(`gives ${log} the same windows, summary and record locations with format syslog and auto as without formatOptions`, async () => {
      const read = async (formatOptions?: { format: string }) => {
        const records: RecordLocation[] = [];
        const stream = createReadStream(fixturePath("loghub", log), { highWaterMark: 4093 });
        const result = await extractWindows(stream, { year, window: 60, formatOptions, onRecord: (r) => records.push(r) });
        return { ...result, records };
      };
      const classic = await read();
      for (const format of ["syslog", "auto"]) {
        const other = await read({ format });
        assert.deepEqual(other.windows, classic.windows, `${format}: windows`);
        assert.deepEqual(other.records, classic.records, `${format}: onRecord`);
        const { format: report, ...summary } = other.summary;
        assert.deepEqual(summary, classic.summary, `${format}: summary`);
        assert.deepEqual(report, { name: "syslog", detected: format === "auto", matchRate: 1, continuationLines: 0, metaLines: 0 });
      }
    });
  }
});

const lineOf = (stamp: string, message: string, host = "h", proc = "sshd[1]") => `${stamp} ${host} ${proc}: ${message}`;

describe("extractWindows on small logs", () => {
  it("moves to the next year when the month goes from December to January", () => {
    const text = [lineOf("Dec 31 23:59:30", "a"), lineOf("Jan  1 00:00:10", "b")].join("\n");
    const { windows, summary } = extractWindowsFromText(text, { year: 2005, window: 60 });
    assert.deepEqual(windows.map((w) => formatIsoUtc(w.start)), ["2005-12-31T23:59:00Z", "2006-01-01T00:00:00Z"]);
    assert.equal(summary.yearRollovers, 1);
  });

  it("counts a date that cannot exist as an unparsed line, never moved to the next month, and lets it roll no year", () => {
    const text = [
      "Dec 31 23:59:00 host cron[1]: last of the year",
      "Feb 30 10:00:00 host cron[1]: no such day",
      "Feb 29 10:00:00 host cron[1]: 2006 is no leap year",
      "Jan  1 00:00:10 host cron[1]: first of the year",
      "Ñov 99 10:00:00 host cron[1]: not a record at all",
      "Jan  1 00:00:20 host crön[1]: non-ASCII, read as text",
      "",
    ].join("\n");
    const { windows, summary } = extractWindowsFromText(text, { year: 2005, window: 60 });
    assert.equal(summary.parsedLines, 3);
    assert.equal(summary.unparsedLines, 3);
    assert.deepEqual(summary.unparsedSamples.map((s) => s.line), [2, 3, 5]);
    assert.equal(summary.yearRollovers, 1);
    assert.deepEqual(windows.map((w) => formatIsoUtc(w.start)), ["2005-12-31T23:59:00Z", "2006-01-01T00:00:00Z"]);
  });

  it("groups records of one window together even when the input jumps back and forth in time", () => {
    const text = [
      lineOf("Jun 14 10:00:05", "first"),
      lineOf("Jun 14 10:01:00", "other window"),
      lineOf("Jun 14 10:00:59", "first", "h2"),
      lineOf("Jun 14 09:59:59", "earlier"),
    ].join("\n");
    const { windows } = extractWindowsFromText(text, { year: 2005, window: 60 });
    assert.deepEqual(
      windows.map((w) => [formatIsoUtc(w.start), w.values[0], w.values[1], w.values[2]]),
      [
        ["2005-06-14T09:59:00Z", 1, 1, 1],
        ["2005-06-14T10:00:00Z", 2, 1, 2],
        ["2005-06-14T10:01:00Z", 1, 1, 1],
      ],
    );
  });

  it("aligns windows of 300 seconds to the epoch, not to the first record", () => {
    const text = [lineOf("Jun 14 10:03:20", "a"), lineOf("Jun 14 10:04:59", "b"), lineOf("Jun 14 10:05:00", "c")].join("\n");
    const { windows } = extractWindowsFromText(text, { year: 2005, window: 300 });
    assert.deepEqual(
      windows.map((w) => [formatIsoUtc(w.start), formatIsoUtc(w.end), w.values[0]]),
      [
        ["2005-06-14T10:00:00Z", "2005-06-14T10:05:00Z", 2],
        ["2005-06-14T10:05:00Z", "2005-06-14T10:10:00Z", 1],
      ],
    );
  });

  it("shifts local times by the UTC offset", () => {
    const { windows } = extractWindowsFromText(lineOf("Jun 14 10:00:00", "a"), { year: 2005, window: 60, utcOffsetMinutes: 120 });
    assert.equal(formatIsoUtc(windows[0]?.start ?? NaN), "2005-06-14T08:00:00Z");
  });

  it("counts the eight features of a hand-checkable window", () => {
    const text = [
      lineOf("Jun 14 10:00:01", "Failed password for invalid user x", "a", "sshd[1]"),
      lineOf("Jun 14 10:00:02", "Failed password for invalid user x", "b", "sshd[2]"),
      lineOf("Jun 14 10:00:03", "user unknown", "a", "su"),
    ].join("\n");
    const { windows } = extractWindowsFromText(text, { year: 2005, window: 60 });
    // Tokens: Failed×2 password×2 for×2 invalid×2 user×3 x×2 unknown×1 (14 in all).
    const p = [2, 2, 2, 2, 3, 2, 1].map((c) => c / 14);
    const entropy = -p.reduce((sum, q) => sum + q * Math.log2(q), 0);
    assert.deepEqual(windows[0]?.values.slice(0, 7), [3, 2, 2, 2, (34 + 34 + 12) / 3, 2, 3]);
    assert.ok(Math.abs((windows[0]?.values[7] ?? NaN) - entropy) < 1e-12);
  });

  it("counts lines that are not records, keeps samples of them and reports each one", () => {
    const unparsed: UnparsedLine[] = [];
    const text = ["garbage", lineOf("Jun 14 10:00:01", "ok"), "", "Foo 14 10:00:01 h p: bad month"].join("\n");
    const { summary } = extractWindowsFromText(text, { year: 2005, window: 60, onUnparsed: (u) => unparsed.push(u) });
    assert.equal(summary.lines, 4);
    assert.equal(summary.parsedLines, 1);
    assert.equal(summary.unparsedLines, 3);
    assert.deepEqual(summary.unparsedSamples, [
      { line: 1, text: "garbage" },
      { line: 3, text: "" },
      { line: 4, text: "Foo 14 10:00:01 h p: bad month" },
    ]);
    assert.deepEqual(unparsed.map((u) => [u.line, u.offset, u.length]), [[1, 0, 7], [3, 38, 0], [4, 39, 30]]);
  });

  it("reports byte offsets that find each record's raw line again, whatever the encoding", () => {
    const text = [lineOf("Jun 14 10:00:01", "caf\u00e9"), "junk\r", lineOf("Jun 14 10:01:01", "ok\r")].join("\n") + "\n";
    const bytes = new TextEncoder().encode(text);
    const records: RecordLocation[] = [];
    extractWindowsFromText(bytes, { year: 2005, window: 60, onRecord: (r) => records.push(r) });
    const decoder = new TextDecoder();
    assert.deepEqual(
      records.map((r) => [r.line, r.windowStart, decoder.decode(bytes.subarray(r.offset, r.offset + r.length))]),
      [
        [1, Date.UTC(2005, 5, 14, 10, 0) / 1000, lineOf("Jun 14 10:00:01", "caf\u00e9")],
        [3, Date.UTC(2005, 5, 14, 10, 1) / 1000, lineOf("Jun 14 10:01:01", "ok")],
      ],
    );
  });

  it("reports progress in bytes and stops when aborted", async () => {
    const chunks = [new TextEncoder().encode(lineOf("Jun 14 10:00:01", "a") + "\n"), new TextEncoder().encode("x\n")];
    const progress: number[] = [];
    await extractWindows(chunks, { year: 2005, window: 60, onProgress: (b) => progress.push(b) });
    assert.deepEqual(progress, [chunks[0]?.length, (chunks[0]?.length ?? 0) + 2]);
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await assert.rejects(extractWindows(chunks, { year: 2005, window: 60, signal: controller.signal }), /stop/);
  });

  it("refuses a window that is not a positive whole number of seconds", () => {
    assert.throws(() => extractWindowsFromText("", { year: 2005, window: 0 }), RangeError);
    assert.throws(() => extractWindowsFromText("", { year: 2005, window: 1.5 }), RangeError);
  });
});
