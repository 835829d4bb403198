import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { placeLogSpan, readLogTimeSpan } from "@/lib/server/uploads/log-time-span";
import { LINUX_2K } from "../../jobs/job-test-env";

const dir = mkdtempSync(join(tmpdir(), "logscope-span-"));
after(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function fixture(content: string): string {
  const path = join(dir, `log-${++files}.log`);
  writeFileSync(path, content);
  return path;
}

const iso = (s: number) => new Date(s * 1000).toISOString().replace(".000", "");

test("Linux_2k spans its first to its last record in the requested year", async () => {
  const span = await readLogTimeSpan(LINUX_2K, 2005);
  assert.ok(span);
  assert.deepEqual([iso(span.first), iso(span.last)], ["2005-06-14T15:16:01Z", "2005-07-27T14:42:00Z"]);
});

test("lines that are not records are skipped at both ends, and CRLF endings are fine", async () => {
  const log = "# header\r\nnot syslog\r\nMar  3 10:00:00 host app: a\r\nMar  4 11:00:00 host app: b\r\n--- end ---\r\n\r\n";
  const span = await readLogTimeSpan(fixture(log), 2010);
  assert.ok(span);
  assert.deepEqual([iso(span.first), iso(span.last)], ["2010-03-03T10:00:00Z", "2010-03-04T11:00:00Z"]);
});

test("a last record earlier in the year than the first is in the next year (Dec -> Jan)", async () => {
  const span = await readLogTimeSpan(fixture("Dec 31 23:59:00 h p: a\nJan  1 00:01:00 h p: b"), 2005);
  assert.ok(span);
  assert.deepEqual([iso(span.first), iso(span.last)], ["2005-12-31T23:59:00Z", "2006-01-01T00:01:00Z"]);
  const sameDay = placeLogSpan({ month: 5, day: 14, secondsOfDay: 60 }, { month: 5, day: 14, secondsOfDay: 0 }, 2005);
  assert.equal(iso(sameDay.last), "2006-06-14T00:00:00Z");
});

test("a log larger than the parts read at each end still gives its first and last records", async () => {
  // 600 KB: the head and tail (256 KiB each) are cut mid-line; the middle records are never read.
  const filler = Array.from({ length: 6000 }, (_, i) => `Feb  2 12:00:00 host app: middle record ${i} ${"x".repeat(60)}`).join("\n");
  const log = `Feb  1 08:00:00 host app: first\n${filler}\nFeb  9 18:30:00 host app: last\ntrailing text without a time\n`;
  const span = await readLogTimeSpan(fixture(log), 2007);
  assert.ok(span);
  assert.deepEqual([iso(span.first), iso(span.last)], ["2007-02-01T08:00:00Z", "2007-02-09T18:30:00Z"]);
});

test("a file without records at its ends has no span", async () => {
  assert.equal(await readLogTimeSpan(fixture("hello\nworld\n"), 2005), null);
});
