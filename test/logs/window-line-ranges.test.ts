import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { extractWindowsFromText } from "@/lib/logs/extract-windows";
import type { RecordLocation } from "@/lib/logs/types";
import { WindowLineRanges } from "@/lib/logs/window-line-ranges";

// Lines of 9 bytes + "\n": line k starts at byte 10 * (k - 1).
const addLine = (ranges: WindowLineRanges, line: number, windowStart: number) => ranges.add(line, 10 * (line - 1), 9, windowStart);

test("consecutive lines of a window merge into one range that spans them", () => {
  const ranges = new WindowLineRanges();
  [1, 2, 3].forEach((line) => addLine(ranges, line, 0));
  assert.deepEqual(ranges.rangesFor(0), [{ firstLine: 1, lineCount: 3, offset: 0, length: 29 }]);
});

test("a line of another window, or a skipped (unparsed) line, starts a new range", () => {
  const ranges = new WindowLineRanges();
  addLine(ranges, 1, 0);
  addLine(ranges, 2, 60); // out-of-order record of the next window
  addLine(ranges, 3, 0);
  addLine(ranges, 5, 0); // line 4 was not a record
  assert.deepEqual(ranges.rangesFor(0), [
    { firstLine: 1, lineCount: 1, offset: 0, length: 9 },
    { firstLine: 3, lineCount: 1, offset: 20, length: 9 },
    { firstLine: 5, lineCount: 1, offset: 40, length: 9 },
  ]);
  assert.deepEqual(ranges.rangesForWindows([{ start: 60 }, { start: 120 }]), [[{ firstLine: 2, lineCount: 1, offset: 10, length: 9 }], []]);
});

test("a forgotten window starts afresh, even when it was the window of the record before", () => {
  const ranges = new WindowLineRanges();
  addLine(ranges, 1, 0);
  ranges.forget(0);
  addLine(ranges, 2, 0);
  assert.deepEqual(ranges.rangesFor(0), [{ firstLine: 2, lineCount: 1, offset: 10, length: 9 }]);
});

test("the extractor gathers the same ranges as one built from its onRecord calls", () => {
  const log = [
    "Jun 14 15:16:01 combo sshd[1]: a",
    "Jun 14 15:16:30 combo sshd[2]: b",
    "not a record",
    "Jun 14 15:16:59 combo sshd[3]: c",
    "Jun 14 15:17:00 combo sshd[4]: d",
    "Jun 14 15:16:40 combo sshd[5]: late",
    "Jun 14 15:17:05 combo sshd[6]: e",
  ].join("\n");
  const fromRecords = new WindowLineRanges();
  const gathered = new WindowLineRanges();
  const onRecord = (r: RecordLocation) => fromRecords.add(r.line, r.offset, r.length, r.windowStart);
  const { windows } = extractWindowsFromText(log, { year: 2005, window: 60, onRecord, lineRanges: gathered });
  const starts = windows.map((w) => ({ start: w.start }));
  assert.deepEqual(gathered.rangesForWindows(starts), fromRecords.rangesForWindows(starts));
  // Hand-checked: lines 1-2 then 4 (line 3 is not a record) and the late line 6 in the first window.
  assert.deepEqual(gathered.rangesFor(windows[0]!.start).map((r) => [r.firstLine, r.lineCount]), [[1, 2], [4, 1], [6, 1]]);
  assert.deepEqual(gathered.rangesFor(windows[1]!.start).map((r) => [r.firstLine, r.lineCount]), [[5, 1], [7, 1]]);
});

// Records as a parse reports them: increasing lines (some skipped: unparsed), offsets past the line
// before, windows from a small set so that parts share windows and ranges meet at part edges.
const recordsArb = fc
  .array(fc.record({ skip: fc.integer({ min: 0, max: 2 }), gap: fc.integer({ min: 1, max: 3 }), length: fc.integer({ min: 0, max: 20 }), window: fc.integer({ min: 0, max: 3 }) }), { maxLength: 60 })
  .map((steps) => {
    let line = 0;
    let end = -1;
    return steps.map((s) => {
      line += 1 + s.skip;
      const offset = end + s.gap;
      end = offset + s.length;
      return { line, offset, length: s.length, windowStart: 60 * s.window };
    });
  });

test("parts packed on their own and added in order give the ranges of the records added one by one", () => {
  fc.assert(
    fc.property(recordsArb, fc.array(fc.nat(), { maxLength: 4 }), (records, cutsRaw) => {
      const whole = new WindowLineRanges();
      for (const r of records) whole.add(r.line, r.offset, r.length, r.windowStart);
      // Cut the records into parts at record boundaries; each part numbers its lines from its start.
      const cuts = [...new Set(cutsRaw.map((c) => c % (records.length + 1)))].sort((a, b) => a - b);
      const bounds = [0, ...cuts, records.length];
      const merged = new WindowLineRanges();
      for (let p = 0; p + 1 < bounds.length; p++) {
        const part = records.slice(bounds[p], bounds[p + 1]);
        const lineBase = bounds[p]! === 0 ? 0 : records[bounds[p]! - 1]!.line;
        const own = new WindowLineRanges();
        for (const r of part) own.add(r.line - lineBase, r.offset, r.length, r.windowStart);
        merged.addPacked(own.pack(), lineBase);
      }
      const windows = [0, 1, 2, 3].map((w) => ({ start: 60 * w }));
      assert.deepEqual(merged.rangesForWindows(windows), whole.rangesForWindows(windows));
    }),
  );
});
