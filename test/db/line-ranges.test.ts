import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeLineRanges, encodeLineRanges } from "@/lib/db/line-ranges";
import { windowCell } from "@/lib/db/stored-json";

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
