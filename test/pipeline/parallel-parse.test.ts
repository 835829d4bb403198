import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { generateLogs, planGeneration } from "../../lib/generate";
import type { FormatOptions } from "../../lib/logs/formats/types";
import type { RecordLocation } from "../../lib/logs/types";
import { WindowLineRanges } from "../../lib/logs/window-line-ranges";
import { formatResultRow, resultsCsvHeader } from "../../lib/pipeline/format-results-csv";
import { extractInParallel, type ParallelStats } from "../../lib/pipeline/parallel-parse";
import { readLogFile, type LogExtraction, type ReadLogOptions } from "../../lib/pipeline/read-log-file";
import { FEATURE_NAMES } from "../../lib/logs/types";
import { fixturePath } from "../fixtures/fixture-path";

const folder = mkdtempSync(join(tmpdir(), "logscope-parallel-"));
after(() => rmSync(folder, { recursive: true, force: true }));

/** The results CSV's rows for these windows (labels and scores fixed: only the features differ). */
function resultsCsv(extraction: LogExtraction): string {
  const rows = extraction.windows.map((w) =>
    formatResultRow({ start: w.start, end: w.end, features: w.values, labels: [0, 0, 0, 0], ifScore: 0, aeError: 0, dbscanDistance: 0 }),
  );
  return [resultsCsvHeader(FEATURE_NAMES), ...rows].join("\n");
}

/** Reads `path` on one thread and on `threads`, with every record's location; both readings. */
async function bothWays(path: string, options: Omit<ReadLogOptions, "window">, threads = 4) {
  const read = async (count: number) => {
    const records: RecordLocation[] = [];
    const lineRanges = new WindowLineRanges();
    const extraction = await readLogFile(path, { window: 60, ...options, threads: count, parallelMinBytes: 0, onRecord: (r) => records.push(r), lineRanges });
    return { extraction, records, lineRanges };
  };
  return { single: await read(1), parallel: await read(threads) };
}

function assertSameReading(both: Awaited<ReturnType<typeof bothWays>>): void {
  const { single, parallel } = both;
  assert.equal(resultsCsv(parallel.extraction), resultsCsv(single.extraction));
  assert.deepEqual(parallel.extraction.summary, single.extraction.summary);
  assert.deepEqual(parallel.extraction.reading, single.extraction.reading);
  assert.equal(parallel.records.length, single.records.length);
  assert.deepEqual(parallel.records, single.records);
  // The drill-down index gathered by the ranges and merged: as if built from every record in order.
  const fromRecords = new WindowLineRanges();
  for (const r of single.records) fromRecords.add(r.line, r.offset, r.length, r.windowStart);
  const windows = single.extraction.windows;
  assert.deepEqual(single.lineRanges.rangesForWindows(windows), fromRecords.rangesForWindows(windows));
  assert.deepEqual(parallel.lineRanges.rangesForWindows(windows), fromRecords.rangesForWindows(windows));
}

function writeGenerated(name: string, lines: number, startIso: string): string {
  const chunks = generateLogs(planGeneration({ lines, seed: 3, hosts: 5, start: Date.parse(startIso) / 1000, crossYear: true }));
  const parts: string[] = [];
  for (let step = chunks.next(); !step.done; step = chunks.next()) parts.push(step.value);
  const path = join(folder, name);
  writeFileSync(path, parts.join(""));
  return path;
}

describe("parallel parse", () => {
  // `settled`: the format the parallel parse is given once `auto` is settled; absent: read on one thread.
  const fixtures: { name: string; path: string[]; year: number; formatOptions?: FormatOptions; settled?: FormatOptions | null }[] = [
    { name: "Loghub Linux_2k, classic path", path: ["loghub", "Linux_2k.log"], year: 2005, settled: null },
    { name: "Loghub OpenSSH_2k, classic path", path: ["loghub", "OpenSSH_2k.log"], year: 2017, settled: null },
    { name: "auth.log as syslog, detected", path: ["formats", "auth-syslog.log"], year: 2023, formatOptions: { format: "auto" }, settled: { format: "syslog" } },
    { name: "haproxy as syslog, named", path: ["formats", "haproxy-syslog.log"], year: 2020, formatOptions: { format: "syslog" }, settled: { format: "syslog" } },
    { name: "a syslog year rollover fixture", path: ["formats", "syslog-rollover.log"], year: 2023, settled: null },
    { name: "rsyslog ISO stamps", path: ["formats", "rsyslog-iso.log"], year: 2019, formatOptions: { format: "syslog" }, settled: { format: "syslog" } },
    { name: "JSON lines (read on one thread)", path: ["formats", "pino.log"], year: 2024, formatOptions: { format: "auto" } },
  ];
  for (const fixture of fixtures) {
    it(`gives the single thread's CSV, summary and record locations on ${fixture.name}`, async () => {
      const path = fixturePath(...fixture.path);
      assertSameReading(await bothWays(path, { year: fixture.year, formatOptions: fixture.formatOptions }));
      if (fixture.settled === undefined) return;
      // The comparison above means something only if the ranges really were parsed apart.
      const stats: ParallelStats = { ranges: 0, mergedWindows: 0, reparsed: 0 };
      const options = { year: fixture.year, window: 60, threads: 4, minBytes: 0, formatOptions: fixture.settled ?? undefined };
      assert.ok((await extractInParallel(path, statSync(path).size, options, stats)) !== null);
      assert.ok(stats.ranges >= 3, `ranges ${stats.ranges}`);
    });
  }

  it("gives the same CSV and line ranges on a generated log that rolls over into a new year", async () => {
    const path = writeGenerated("rollover.log", 30_000, "2024-12-31T21:00:00Z");
    const both = await bothWays(path, { year: 2024 }, 3);
    assertSameReading(both);
    assert.equal(both.single.extraction.summary.yearRollovers, 1);
  });

  it("parses a range again when its guessed year is wrong, and still gives the same windows", async () => {
    const path = writeGenerated("rollover-guess.log", 30_000, "2024-12-31T21:00:00Z");
    const single = await readLogFile(path, { year: 2024, window: 60, threads: 1 });
    const stats: ParallelStats = { ranges: 0, mergedWindows: 0, reparsed: 0 };
    // No months sampled: a range after the new year is guessed to start in 2024, which is wrong.
    const parallel = await extractInParallel(path, statSync(path).size, { year: 2024, window: 60, threads: 4, minBytes: 0, clockSamples: 0 }, stats);
    assert.ok(parallel !== null);
    assert.ok(stats.reparsed >= 1, `reparsed ${stats.reparsed}`);
    assert.deepEqual(parallel.windows, single.windows);
    assert.deepEqual(parallel.summary, single.summary);
  });

  it("merges a window that spans a range boundary exactly", async () => {
    const path = writeGenerated("boundary.log", 20_000, "2025-03-01T00:00:00Z");
    const single = await readLogFile(path, { year: 2025, window: 300, threads: 1 });
    const stats: ParallelStats = { ranges: 0, mergedWindows: 0, reparsed: 0 };
    const parallel = await extractInParallel(path, statSync(path).size, { year: 2025, window: 300, threads: 4, minBytes: 0 }, stats);
    assert.ok(parallel !== null);
    assert.equal(stats.ranges, 4);
    assert.ok(stats.mergedWindows >= 1, `merged ${stats.mergedWindows}`);
    assert.deepEqual(parallel.windows, single.windows);
  });

  it("gives the single thread's windows on a log whose records come back to windows left long before", async () => {
    const path = writeGenerated("ordered.log", 20_000, "2025-03-01T00:00:00Z");
    const lines = readFileSync(path, "utf8").split("\n");
    const last = lines.pop();
    // Every 500th line of the second half moved to the head: late for its windows in any range.
    const moved = lines.filter((_, k) => k > lines.length / 2 && k % 500 === 0);
    const rest = lines.filter((_, k) => !(k > lines.length / 2 && k % 500 === 0));
    const disordered = join(folder, "disordered.log");
    writeFileSync(disordered, [...rest.slice(0, 100), ...moved, ...rest.slice(100), last].join("\n"));
    assertSameReading(await bothWays(disordered, { year: 2025 }, 4));
  });

  it("stops with the caller's reason when the read is aborted", async () => {
    const path = fixturePath("loghub", "Linux_2k.log");
    const signal = AbortSignal.abort(new Error("stopped by the test"));
    await assert.rejects(extractInParallel(path, statSync(path).size, { year: 2005, window: 60, threads: 3, minBytes: 0, signal }), /stopped by the test/);
  });

  it("reads on one thread when asked to, when the log is small, and for extended features", async () => {
    const path = fixturePath("loghub", "Linux_2k.log");
    const size = statSync(path).size;
    assert.equal(await extractInParallel(path, size, { year: 2005, window: 60, threads: 1, minBytes: 0 }), null);
    assert.equal(await extractInParallel(path, size, { year: 2005, window: 60, threads: 4 }), null);
    assert.equal(await extractInParallel(path, size, { year: 2005, window: 60, threads: 4, minBytes: 0, formatOptions: { format: "json" } }), null);
    const extended = await bothWays(path, { year: 2005, features: "extended" });
    assert.deepEqual(extended.parallel.extraction.windows, extended.single.extraction.windows);
  });
});
