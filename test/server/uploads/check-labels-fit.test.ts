import { test } from "node:test";
import assert from "node:assert/strict";
import { describeLineCountMismatch, describeStartsOutside } from "@/lib/server/uploads/check-labels-fit";

// 2005-06-14T15:16:01Z and 2005-07-27T14:42:00Z, Linux_2k's first and last records.
const SPAN = { first: 1118762161, last: 1122475320 };
const INPUT = { labelsName: "labels.csv", year: 2005, window: 60 };

test("window starts of another year are refused with both time spans and the year", () => {
  const starts = [920282400, 920282700]; // 1999-03-01T10:00:00Z, 10:05
  assert.equal(
    describeStartsOutside(starts, SPAN, INPUT),
    "None of the 2 labelled window starts in labels.csv (1999-03-01T10:00:00Z .. 1999-03-01T10:05:00Z) falls within the log's time span " +
      "(2005-06-14T15:16:01Z .. 2005-07-27T14:42:00Z with year 2005): check the year or that the labels belong to this log.",
  );
  assert.match(describeStartsOutside([920282400], SPAN, INPUT) ?? "", /^The labelled window start in labels\.csv \(1999-03-01T10:00:00Z\) falls outside the log's time span/);
});

test("one start within the span, or within a window of either end, is enough", () => {
  assert.equal(describeStartsOutside([920282400, 1120000000], SPAN, INPUT), null);
  assert.equal(describeStartsOutside([SPAN.first - 60], SPAN, INPUT), null, "the first record's window may start before it");
  assert.equal(describeStartsOutside([SPAN.last + 60], SPAN, INPUT), null);
  assert.notEqual(describeStartsOutside([SPAN.first - 61], SPAN, INPUT), null);
  assert.notEqual(describeStartsOutside([SPAN.last + 61], SPAN, INPUT), null);
});

test("a per-line file is refused when its line count is not the log's, naming both counts", () => {
  const input = { labelsName: "alerts.txt", log: { name: "Linux_2k.log", lines: 2000 } };
  assert.equal(describeLineCountMismatch(2000, input), null);
  assert.equal(
    describeLineCountMismatch(1999, input),
    "alerts.txt has 1,999 lines but the log Linux_2k.log has 2,000: per-line labels need exactly one line per log line, in the same order.",
  );
});
