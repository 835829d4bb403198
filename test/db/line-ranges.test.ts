import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeLineRanges, encodeLineRanges, LineRangeCollector } from "@/lib/db/line-ranges";
import { windowCell } from "@/lib/db/stored-json";

// Lines of 9 bytes + "\n": line k starts at byte 10 * (k - 1).
const at = (line: number, windowStart: number) => ({ line, offset: 10 * (line - 1), length: 9, windowStart });

test("consecutive lines of a window merge into one range that spans them", () => {
  const collector = new LineRangeCollector();
  [1, 2, 3].forEach((line) => collector.add(at(line, 0)));
  assert.deepEqual(collector.rangesFor(0), [{ firstLine: 1, lineCount: 3, offset: 0, length: 29 }]);
});

test("a line of another window, or a skipped (unparsed) line, starts a new range", () => {
  const collector = new LineRangeCollector();
  collector.add(at(1, 0));
  collector.add(at(2, 60)); // out-of-order record of the next window
  collector.add(at(3, 0));
  collector.add(at(5, 0)); // line 4 was not a record
  assert.deepEqual(collector.rangesFor(0), [
    { firstLine: 1, lineCount: 1, offset: 0, length: 9 },
    { firstLine: 3, lineCount: 1, offset: 20, length: 9 },
    { firstLine: 5, lineCount: 1, offset: 40, length: 9 },
  ]);
  assert.deepEqual(collector.rangesForWindows([{ start: 60 }, { start: 120 }]), [[{ firstLine: 2, lineCount: 1, offset: 10, length: 9 }], []]);
});

test("ranges survive the trip through their JSON text, and damaged text is an error naming the window", () => {
  const ranges = [
    { firstLine: 1, lineCount: 3, offset: 0, length: 29 },
    { firstLine: 9, lineCount: 1, offset: 80, length: 9 },
  ];
  const cell = windowCell(4, 7, "lineRanges");
  const text = encodeLineRanges(ranges);
  assert.equal(text, "[[1,3,0,29],[9,1,80,9]]");
  assert.deepEqual(decodeLineRanges(text, cell), ranges);
  assert.equal(encodeLineRanges([]), null);
  assert.deepEqual(decodeLineRanges(null, cell), []);
  const damaged = { name: "DatabaseError", code: "corrupt", message: "Stored data is damaged (table Window, row run 4, index 7, column lineRanges); delete run 4 and start it again." };
  assert.throws(() => decodeLineRanges("[[1,2", cell), damaged);
  assert.throws(() => decodeLineRanges('[[1,2,3],[1,1,0,"x"],[2,1,10,9]]', cell), damaged);
  assert.throws(() => encodeLineRanges([{ firstLine: 1, lineCount: 1, offset: -1, length: 2 }]), { name: "DatabaseError", code: "invalid" });
});
