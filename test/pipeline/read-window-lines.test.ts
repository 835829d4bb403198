import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WindowLineRanges } from "@/lib/logs/window-line-ranges";
import { extractWindowsFromText } from "@/lib/logs/extract-windows";
import { readWindowLines } from "@/lib/pipeline/read-window-lines";

const dir = mkdtempSync(join(tmpdir(), "logscope-lines-"));
after(() => rmSync(dir, { recursive: true, force: true }));

// Window 10:00 holds lines 1, 2 and (out of order) 5; line 3 is junk inside its span, line 4
// belongs to window 10:01. Line 2 ends in CRLF.
const LOG = [
  "Jun 14 10:00:01 host a: one",
  "Jun 14 10:00:05 host a: two\r",
  "-- MARK: not a syslog line --",
  "Jun 14 10:01:10 host b: other window",
  "Jun 14 10:00:30 host a: three, late",
  "Jun 14 10:02:00 host a: later",
].join("\n");

function windowRanges() {
  const lineRanges = new WindowLineRanges();
  const { windows } = extractWindowsFromText(LOG, { year: 2005, window: 60, lineRanges });
  const path = join(dir, "log.txt");
  writeFileSync(path, LOG);
  return { path, windows, ranges: lineRanges.rangesForWindows(windows) };
}

test("a window's lines come back in file order with unparsed lines in its span marked and other windows' lines skipped", async () => {
  const { path, windows, ranges } = windowRanges();
  assert.equal(windows.length, 3);
  assert.deepEqual(ranges[0]?.map((r) => [r.firstLine, r.lineCount]), [[1, 2], [5, 1]]);
  const { lines, truncated } = await readWindowLines(path, ranges[0] ?? []);
  assert.equal(truncated, false);
  assert.deepEqual(lines, [
    { line: 1, text: "Jun 14 10:00:01 host a: one", unparsed: false },
    { line: 2, text: "Jun 14 10:00:05 host a: two", unparsed: false },
    { line: 3, text: "-- MARK: not a syslog line --", unparsed: true },
    { line: 5, text: "Jun 14 10:00:30 host a: three, late", unparsed: false },
  ]);
});

test("a window of a single line reads just that line, up to the end of a file without a final line break", async () => {
  const { path, ranges } = windowRanges();
  assert.deepEqual((await readWindowLines(path, ranges[1] ?? [])).lines, [{ line: 4, text: "Jun 14 10:01:10 host b: other window", unparsed: false }]);
  assert.deepEqual((await readWindowLines(path, ranges[2] ?? [])).lines, [{ line: 6, text: "Jun 14 10:02:00 host a: later", unparsed: false }]);
});

test("more lines than the cap are cut and flagged as truncated; no ranges read nothing", async () => {
  const { path, ranges } = windowRanges();
  const capped = await readWindowLines(path, ranges[0] ?? [], { maxLines: 2 });
  assert.deepEqual(capped.lines.map((l) => l.line), [1, 2]);
  assert.equal(capped.truncated, true);
  assert.deepEqual(await readWindowLines(path, []), { lines: [], truncated: false });
});
