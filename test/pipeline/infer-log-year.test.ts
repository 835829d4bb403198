import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Stamp } from "@/lib/logs/formats/types";
import { inferEdgesYear, inferLogYear, readEdgeStamps } from "@/lib/pipeline/infer-log-year";

const dir = mkdtempSync(join(tmpdir(), "logscope-edges-"));
after(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function fixture(content: string | Uint8Array): { path: string; size: number } {
  const path = join(dir, `log-${++files}.log`);
  writeFileSync(path, content);
  return { path, size: statSync(path).size };
}

const SYSLOG = { format: "syslog" };
/** A year-less stamp's day and seconds, e.g. "3 36000", to compare stamps briefly. */
const brief = (stamp: Stamp) => (stamp.kind === "yearless" ? `${stamp.day} ${stamp.secondsOfDay}` : stamp.kind);

test("a CRLF log's tail begins right after the head's last line, so no head record is read twice", async () => {
  // 1000 records fill the head; the 5 after them are the tail. Counting decoded lengths without the
  // `\r` once put the tail's start 1000 bytes too early, inside the head, half a line in.
  const line = (i: number) => `Mar  3 ${String(Math.floor(i / 60) % 24).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}:00 host app: record ${i}\r\n`;
  const { path, size } = fixture(Array.from({ length: 1005 }, (_, i) => line(i)).join(""));
  const edges = await readEdgeStamps(path, size, SYSLOG);
  assert.equal(edges.head.length, 1000);
  assert.deepEqual(edges.tail?.map(brief), ["3 60000", "3 60060", "3 60120", "3 60180", "3 60240"]);
});

test("a byte order mark before the first syslog record does not hide it, as the extractor drops it too", async () => {
  const { path, size } = fixture("\uFEFFMar  3 10:00:00 host app: first\nMar  4 11:00:00 host app: last\n");
  const edges = await readEdgeStamps(path, size, SYSLOG);
  assert.deepEqual(edges.head.map(brief), ["3 36000", "4 39600"]);
  assert.equal(edges.tail, null, "the head holds the whole file");
});

test("a tail of blank lines is no tail, and a tail with content keeps its records apart from the head's", async () => {
  const records = Array.from({ length: 1000 }, () => '{"time":"2024-01-01T00:00:00Z","msg":"head"}').join("\n");
  const blank = fixture(`${records}\n\n\n`);
  assert.equal((await readEdgeStamps(blank.path, blank.size, { format: "auto" })).tail, null);
  const more = fixture(`${records}\n{"time":"2024-01-02T00:00:00Z","msg":"tail"}\nnot json\n`);
  const edges = await readEdgeStamps(more.path, more.size, { format: "auto" });
  assert.equal(edges.settled.format.definition.name, "json");
  assert.deepEqual(edges.tail, [{ kind: "instant", seconds: 1704153600 }]);
});

test("the year inferred from the edge stamps is the one inferLogYear gives for the same log", async () => {
  const { path, size } = fixture("Dec 30 10:00:00 host app: a\nJan  2 11:00:00 host app: b\n");
  const now = new Date("2021-06-01T00:00:00Z");
  const inferred = await inferLogYear(path, size, SYSLOG, now);
  assert.deepEqual(inferEdgesYear(await readEdgeStamps(path, size, SYSLOG), undefined, now), { year: 2020, yearless: true });
  assert.equal(inferred.year, 2020);
  assert.equal(inferred.yearless, true);
});
