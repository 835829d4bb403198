import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { generateLogs, planGeneration } from "../../lib/generate";
import { extractWindowsFromText } from "../../lib/logs/extract-windows";
import { LogExtractor } from "../../lib/logs/log-extractor";
import { mergeRanges, sameClock, type RangeParts } from "../../lib/logs/range-extraction";
import type { RolloverState } from "../../lib/logs/syslog-clock";
import type { ExtractOptions } from "../../lib/logs/types";

const encoder = new TextEncoder();

function generated(lines: number, startIso: string): Uint8Array {
  const chunks = generateLogs(planGeneration({ lines, seed: 9, hosts: 4, start: Date.parse(startIso) / 1000, crossYear: true }));
  const parts: string[] = [];
  for (let step = chunks.next(); !step.done; step = chunks.next()) parts.push(step.value);
  return encoder.encode(parts.join(""));
}

/** Byte offsets of the line starts nearest to `fractions` of the text. */
function cutsAt(bytes: Uint8Array, fractions: number[]): number[] {
  return fractions.map((f) => bytes.indexOf(10, Math.floor(bytes.length * f)) + 1);
}

/** Each range extracted on its own, started from the clock the range before ended with, in 4 KiB chunks. */
function byRanges(bytes: Uint8Array, cuts: number[], options: ExtractOptions, edgeRecords = 64): RangeParts[] {
  const bounds = [0, ...cuts, bytes.length];
  const parts: RangeParts[] = [];
  let clock: RolloverState | null = null;
  for (let k = 0; k + 1 < bounds.length; k++) {
    const extractor: LogExtractor = new LogExtractor(options, undefined, { offset: bounds[k]!, clock, edgeRecords });
    for (let at = bounds[k]!; at < bounds[k + 1]!; at += 4096) extractor.push(bytes.subarray(at, Math.min(at + 4096, bounds[k + 1]!)));
    const range: RangeParts = extractor.finishRange(edgeRecords);
    parts.push(range);
    clock = range.clock;
  }
  return parts;
}

describe("range extraction", () => {
  it("merges ranges into exactly the windows and summary of one read, windows cut by a range edge included", () => {
    const bytes = generated(12_000, "2024-12-31T22:30:00Z");
    const options = { year: 2024, window: 300 };
    const whole = extractWindowsFromText(bytes, options);
    const ranges = byRanges(bytes, cutsAt(bytes, [0.2, 0.5, 0.8]), options);
    const starts = ranges.map((r) => new Set(r.tallies.map((t) => t.start)));
    const shared = [...starts[0]!].filter((s) => starts[1]!.has(s));
    assert.ok(shared.length >= 1, "a window spans the first cut");
    const merged = mergeRanges(ranges, options.window);
    assert.ok(merged !== null);
    assert.deepEqual(merged.windows, whole.windows);
    assert.deepEqual(merged.summary, whole.summary);
    assert.equal(whole.summary.yearRollovers, 1);
  });

  it("says a range started from the wrong clock, so its caller parses it again", () => {
    const bytes = generated(6_000, "2024-12-31T23:00:00Z");
    const [cut] = cutsAt(bytes, [0.7]);
    const head = new LogExtractor({ year: 2024, window: 60 }, undefined, { offset: 0, clock: null, edgeRecords: 64 });
    head.push(bytes.subarray(0, cut));
    const ended = head.finishRange(64).clock;
    assert.equal(ended.year, 2025);
    assert.equal(sameClock({ year: 2024, previousMonth: 0 }, ended), false);
    assert.equal(sameClock({ ...ended }, ended), true);
    assert.equal(sameClock(null, ended), false);
  });

  it("refuses to merge a window two ranges counted unless both kept its content, and a range with late records", () => {
    const bytes = generated(8_000, "2025-03-01T00:00:00Z");
    const options = { year: 2025, window: 600 };
    const ranges = byRanges(bytes, cutsAt(bytes, [0.5]), options);
    assert.ok(mergeRanges(ranges, options.window) !== null);
    // A range that finished a shared window (no content kept for it) cannot be merged exactly.
    assert.equal(mergeRanges([ranges[0]!, { ...ranges[1]!, edges: [] }], options.window), null);
    assert.equal(mergeRanges([ranges[0]!, { ...ranges[1]!, late: true }], options.window), null);
  });
});
