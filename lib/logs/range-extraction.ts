// One byte range of a log parsed on its own, and the ranges merged back into the extraction of the
// whole log (lib/pipeline/parallel-parse.ts runs each range on a worker thread). A range's result
// is exactly the whole read's part when it starts from the clock state the records before it left;
// windows counted in two ranges are merged by content (window-content.ts).
import type { RolloverState } from "./syslog-clock";
import { TallyScratch, finishTallies, tallyWindow, type WindowTally } from "./template-features";
import type { ExtractionResult, ExtractionSummary } from "./types";
import { mergeWindowParts, windowContent, type WindowContent } from "./window-content";
import type { WindowGrouper } from "./window-grouper";

/** Where a range starts: LogExtractor's `range`. */
export interface RangeStart {
  /** Its first byte's offset in the file (at a line's start). */
  offset: number;
  /** The year-less clock's state after the records before the range; null for the file's start. */
  clock: RolloverState | null;
  /**
   * Windows that get one of the range's first or last this-many records keep their content (they
   * may have records in the range before or after); the others are finished in the range.
   */
  edgeRecords: number;
}

/** What a range gives back. Line numbers in the summary count from the range's first line (1). */
export interface RangeParts {
  /** One tally per window the range counted, in no particular order. */
  tallies: WindowTally[];
  /** The content of the windows at the range's edges (see RangeStart.edgeRecords). */
  edges: WindowContent[];
  summary: ExtractionSummary;
  /** The clock's state after the range's last record: where the next range must start from. */
  clock: RolloverState;
  /**
   * Records came back to a window the range had finished: a whole read makes a second pass for it,
   * which a range cannot share with its neighbours; the caller reads the log as a whole instead.
   */
  late: boolean;
}

/** RangeParts of a finished range extraction (LogExtractor.finishRange). */
export function rangeParts(
  grouper: WindowGrouper, closed: readonly WindowTally[], edgeRecords: number, late: boolean, summary: ExtractionSummary, clock: RolloverState,
): RangeParts {
  const scratch = new TallyScratch();
  const messages = grouper.vocabulary.messages;
  const tallies = [...closed];
  const edges: WindowContent[] = [];
  const records = grouper.recordCount;
  if (!late) {
    for (const acc of grouper.openWindows()) {
      tallies.push(tallyWindow(acc, messages, null, scratch));
      if (acc.keptOpen || records - acc.lastRecord < edgeRecords) edges.push(windowContent(acc, grouper.vocabulary, scratch.messages));
    }
  }
  return { tallies, edges, summary, clock, late };
}

/** Same rolling state: a range that started from `assumed` counted what a whole read counts. */
export function sameClock(assumed: RolloverState | null, actual: RolloverState): boolean {
  return assumed !== null && assumed.year === actual.year && assumed.previousMonth === actual.previousMonth;
}

/**
 * The extraction of the whole log from its ranges in file order, each started from the clock state
 * the range before ended with (the caller checks it: sameClock). Null when a window two ranges
 * counted cannot be merged exactly (a range finished it early, or a range had late records): the
 * caller then reads the log as a whole. `maxSamples`: unparsed samples kept (ExtractOptions).
 */
export function mergeRanges(ranges: readonly RangeParts[], window: number, maxSamples = 20): ExtractionResult | null {
  const byStart = new Map<number, { tallies: WindowTally[]; parts: WindowContent[] }>();
  for (const range of ranges) {
    if (range.late) return null;
    for (const tally of range.tallies) {
      const entry = byStart.get(tally.start);
      if (entry === undefined) byStart.set(tally.start, { tallies: [tally], parts: [] });
      else entry.tallies.push(tally);
    }
    for (const part of range.edges) byStart.get(part.start)?.parts.push(part);
  }
  const scratch = new TallyScratch();
  const tallies: WindowTally[] = [];
  for (const { tallies: counted, parts } of byStart.values()) {
    if (counted.length === 1) tallies.push(counted[0]!);
    else if (parts.length === counted.length) tallies.push(mergeWindowParts(parts, scratch));
    else return null;
  }
  tallies.sort((a, b) => a.start - b.start);
  return { windows: finishTallies(tallies, window, null).windows, summary: mergeSummaries(ranges.map((r) => r.summary), maxSamples) };
}

/** The summary of the whole log from its ranges' (in file order; their line numbers count from 1 each). */
export function mergeSummaries(summaries: readonly ExtractionSummary[], maxSamples: number): ExtractionSummary {
  const first = summaries[0];
  if (first === undefined) throw new Error("mergeSummaries needs at least one range");
  let lines = 0;
  const merged: ExtractionSummary = { ...first, lines: 0, parsedLines: 0, unparsedLines: 0, unparsedSamples: [], bytes: 0, yearRollovers: 0 };
  let continuationLines = 0;
  let metaLines = 0;
  for (const s of summaries) {
    for (const sample of s.unparsedSamples) {
      if (merged.unparsedSamples.length < maxSamples) merged.unparsedSamples.push({ line: sample.line + lines, text: sample.text });
    }
    lines += s.lines;
    merged.parsedLines += s.parsedLines;
    merged.unparsedLines += s.unparsedLines;
    merged.bytes += s.bytes;
    merged.yearRollovers += s.yearRollovers;
    if (s.minTimestamp !== null && (merged.minTimestamp === null || s.minTimestamp < merged.minTimestamp)) merged.minTimestamp = s.minTimestamp;
    if (s.maxTimestamp !== null && (merged.maxTimestamp === null || s.maxTimestamp > merged.maxTimestamp)) merged.maxTimestamp = s.maxTimestamp;
    continuationLines += s.format?.continuationLines ?? 0;
    metaLines += s.format?.metaLines ?? 0;
  }
  merged.lines = lines;
  if (first.format !== undefined) merged.format = { ...first.format, continuationLines, metaLines };
  return merged;
}
