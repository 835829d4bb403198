import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RecordLocation, WindowFeatures } from "@/lib/logs/types";
import { UserInputError } from "@/lib/domain/user-input-error";
import { readLabelsFile } from "@/lib/pipeline/read-labels";
import { parseLabelTime } from "@/lib/pipeline/read-labels-time";

const dir = mkdtempSync(join(tmpdir(), "logscope-labels-"));
after(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function fixture(content: string | Buffer, name = `labels-${++files}.txt`): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

// 2025-06-14T10:00:00Z = 1749895200.
const T0 = 1749895200;
const windowsOf = (starts: number[], length = 60): WindowFeatures[] => starts.map((start) => ({ start, end: start + length, values: [] }));
const record = (line: number, windowStart: number): RecordLocation => ({ line, offset: 0, length: 1, ts: windowStart, windowStart });

async function assertRefused(promise: Promise<unknown> | (() => unknown), expected: RegExp): Promise<void> {
  const check = (error: unknown) => {
    assert.ok(error instanceof UserInputError, `expected a UserInputError, got ${String(error)}`);
    assert.match(error.message, expected);
    return true;
  };
  if (typeof promise === "function") assert.throws(promise, check);
  else await assert.rejects(promise, check);
}

describe("times in labels files", () => {
  test("ISO-8601 times are UTC unless they name a zone, and Unix seconds are taken as they are", () => {
    assert.equal(parseLabelTime("2025-06-14T10:00:00Z"), T0);
    assert.equal(parseLabelTime("2025-06-14 10:00:00"), T0);
    assert.equal(parseLabelTime("2025-06-14T10:00"), T0);
    assert.equal(parseLabelTime("2025-06-14T10:00:00.750Z"), T0);
    assert.equal(parseLabelTime("2025-06-14T12:00:00+02:00"), T0);
    assert.equal(parseLabelTime("2025-06-14T05:30:00-0430"), T0);
    assert.equal(parseLabelTime("1749895200"), T0);
    assert.equal(parseLabelTime("1749895200.9"), T0);
  });

  test("a number of seconds past the last moment a Date holds is not a time, so a file listing one is refused in a sentence (found by fuzzing)", async () => {
    assert.equal(parseLabelTime("9".repeat(400)), null);
    assert.equal(parseLabelTime("8640000000001"), null);
    assert.equal(parseLabelTime("8640000000000"), 8.64e12);
    // It used to be Infinity, and the "no window" sentence then threw a RangeError formatting it.
    await assertRefused(readLabelsFile(fixture(`window_start,kind\n${"9".repeat(400)}\n`)), /line 2: .* is not a window start/);
  });

  test("impossible dates and other text are not times", () => {
    for (const text of ["2025-02-30T00:00:00Z", "2025-06-14T24:00:00Z", "2025-06-14", "-", "KERNDTLB", "", "12:00:00"]) {
      assert.equal(parseLabelTime(text), null, text);
    }
  });
});

describe("window-start labels", () => {
  test("the generator's window_start,kind CSV labels the windows starting at its times", async () => {
    const path = fixture("window_start,kind\n2025-06-14T10:01:00Z,ssh_brute_force\n2025-06-14T10:03:00Z,crash_loop\n");
    const source = await readLabelsFile(path);
    assert.equal(source.description, "window starts (2 windows)");
    assert.equal(source.onRecord, undefined);
    const labels = source.toLabels(windowsOf([T0, T0 + 60, T0 + 120, T0 + 180]), 99);
    assert.deepEqual([...labels], [0, 1, 0, 1]);
  });

  test("a plain list mixes ISO times and Unix seconds, skips blank lines and counts a repeated start once", async () => {
    const path = fixture(`\uFEFF2025-06-14T10:00:00Z\r\n\r\n${T0 + 120}\r\n2025-06-14 10:02:00\r\n`);
    const source = await readLabelsFile(path);
    assert.equal(source.description, "window starts (2 windows)");
    assert.deepEqual([...source.toLabels(windowsOf([T0, T0 + 60, T0 + 120]), 0)], [1, 0, 1]);
  });

  test("a single window start is described as one window, and the distinct starts are exposed in order", async () => {
    const source = await readLabelsFile(fixture(`window_start\n${T0 + 60}\n2025-06-14T10:00:00Z\n${T0 + 60}\n`));
    assert.equal(source.kind, "window-starts");
    assert.deepEqual(source.windowStarts, [T0, T0 + 60]);
    assert.equal(source.lineCount, undefined);
    const one = await readLabelsFile(fixture("2025-06-14T10:00:00Z\n"));
    assert.equal(one.description, "window starts (1 window)");
  });

  test("a time inside a longer window labels the window that contains it", async () => {
    const source = await readLabelsFile(fixture("window_start,kind\n2025-06-14T10:06:00Z,disk_errors\n"));
    assert.deepEqual([...source.toLabels(windowsOf([T0, T0 + 300, T0 + 600], 300), 0)], [0, 1, 0]);
  });

  test("labels that fall in none of the run's windows are refused with both time spans", async () => {
    const source = await readLabelsFile(fixture("window_start,kind\n2024-06-14T10:01:00Z,crash_loop\n"));
    await assertRefused(
      () => source.toLabels(windowsOf([T0, T0 + 60]), 0),
      /^None of the 1 window starts in labels-\d+\.txt \(2024-06-14T10:01:00Z to 2024-06-14T10:01:00Z\) falls in one of the run's 2 windows \(2025-06-14T10:00:00Z to 2025-06-14T10:01:00Z\): check that the labels belong to this log and that --year is the log's year\.$/,
    );
  });

  test("a line that is not a time is refused with its line number", async () => {
    await assertRefused(
      readLabelsFile(fixture("window_start,kind\n2025-06-14T10:01:00Z,a\nyesterday,b\n")),
      /^labels-\d+\.txt line 3: "yesterday,b" is not a window start; give a time such as 2025-06-14T10:31:00Z or Unix seconds such as 1749897060\.$/,
    );
  });

  test("a header without rows is refused", async () => {
    await assertRefused(readLabelsFile(fixture("window_start,kind\n")), /lists no window starts, only a header/);
  });
});

describe("per-line labels", () => {
  // Loghub's BGL style: "-" first = normal, any other first token = alert, the rest ignored.
  const BGL = ["- 1117838570 2005.06.03 R02 RAS KERNEL INFO ok", "KERNDTLB 1117838571 2005.06.03 R02 RAS KERNEL FATAL", "-", "", "  APPREAD x", "- y"].join("\n");

  test("lines whose first token is not '-' are alerts, and their records' windows are labelled", async () => {
    const source = await readLabelsFile(fixture(`${BGL}\n`));
    assert.equal(source.description, "per-line labels (2 alert lines)");
    const onRecord = source.onRecord;
    assert.ok(onRecord);
    // Lines 1-2 fall in window T0, 3-4 in T0+60, 5-6 in T0+120; line 4 is not a record.
    for (const [line, start] of [[1, T0], [2, T0], [3, T0 + 60], [5, T0 + 120], [6, T0 + 120]] as const) onRecord(record(line, start));
    assert.deepEqual([...source.toLabels(windowsOf([T0, T0 + 60, T0 + 120]), 6)], [1, 0, 1]);
  });

  test("a per-line file exposes its line count, blank lines included, for a check against the log", async () => {
    const source = await readLabelsFile(fixture(`${BGL}\n`));
    assert.equal(source.kind, "per-line");
    assert.equal(source.lineCount, 6);
    assert.equal(source.windowStarts, undefined);
    assert.equal((await readLabelsFile(fixture("- a\nALERT b\n"))).description, "per-line labels (1 alert line)");
  });

  test("a new extraction of the log starts the collected windows over", async () => {
    const source = await readLabelsFile(fixture(BGL));
    source.onRecord?.(record(2, T0));
    source.onRecord?.(record(1, T0 + 60));
    source.onRecord?.(record(5, T0 + 120));
    assert.deepEqual([...source.toLabels(windowsOf([T0, T0 + 60, T0 + 120]), 6)], [0, 0, 1]);
  });

  test("a labels file with a different number of lines than the log is refused", async () => {
    const source = await readLabelsFile(fixture(BGL, "bgl-labels.txt"));
    source.onRecord?.(record(2, T0));
    await assertRefused(
      () => source.toLabels(windowsOf([T0]), 7),
      /^bgl-labels\.txt has 6 lines but the log has 7: per-line labels need exactly one line per log line, in the same order\.$/,
    );
  });

  test("alerts only on lines that are not records label no window and are refused", async () => {
    const source = await readLabelsFile(fixture(BGL, "bgl-unparsed.txt"));
    source.onRecord?.(record(1, T0));
    source.onRecord?.(record(3, T0 + 60));
    await assertRefused(
      () => source.toLabels(windowsOf([T0, T0 + 60]), 6),
      /^None of the 2 alert lines in bgl-unparsed\.txt is a syslog record of the log, so no window is labelled: check that the labels belong to this log\.$/,
    );
  });

  test("a file where every line is normal is refused: there is nothing to evaluate", async () => {
    await assertRefused(readLabelsFile(fixture("- a\n- b\n")), /marks none of its 2 lines as an alert/);
  });
});

describe("unreadable labels files", () => {
  const formats = /expected the generator's "window_start,kind" CSV, window starts one per line \(ISO-8601 or Unix seconds\), or one label per log line whose first word is "-" on normal lines\.$/;

  test("a missing file, a directory, an empty or binary file are refused with one sentence", async () => {
    const sub = join(dir, "a-directory");
    mkdirSync(sub);
    await assertRefused(readLabelsFile(join(dir, "missing.csv")), /^No labels file at .*missing\.csv: check the path given to --labels\.$/);
    await assertRefused(readLabelsFile(sub), /^--labels .*a-directory is a directory: give the path of a labels file\.$/);
    await assertRefused(readLabelsFile(fixture("", "empty.csv")), /^The labels file empty\.csv is empty: /);
    await assertRefused(readLabelsFile(fixture(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]), "x.bin")), /^x\.bin looks like a binary file, not a labels file: /);
  });

  test("a syslog file given as labels is not mistaken for per-line labels", async () => {
    const log = "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown\nJun 14 15:16:02 combo sshd: x\n";
    await assertRefused(readLabelsFile(fixture(log, "Linux.log")), new RegExp(`^Linux\\.log is not a labels file: ${formats.source}`));
  });

  test("a file of blank lines is refused as not a labels file", async () => {
    await assertRefused(readLabelsFile(fixture("\n \n\n", "blank.txt")), /^blank\.txt is not a labels file: /);
  });
});
