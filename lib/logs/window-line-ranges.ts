import type { LineRange } from "./types";

/**
 * One part of a log's line ranges packed to pass between threads: the windows in the order they
 * were first seen, how many ranges each has, then four numbers per range (first line, line count,
 * offset, length), window by window.
 */
export interface PackedLineRanges {
  starts: Float64Array<ArrayBuffer>;
  counts: Int32Array<ArrayBuffer>;
  tuples: Float64Array<ArrayBuffer>;
}

/**
 * Where each window's lines sit in the log, for drill-down: runs of consecutive lines per window,
 * so the index grows with windows, not lines (a time-ordered log costs one range per window).
 * Built as the records are read (ExtractOptions.lineRanges), without an object per record: with
 * a callback per record (onRecord) the 10M-line bench log's parallel parse took 10.1-10.4 s on
 * `--profile seed` against 8.2-8.6 s without (records packed on the workers, then replayed here).
 */
export class WindowLineRanges {
  private readonly byWindow = new Map<number, LineRange[]>();
  // The window of the record before and its list: records come window by window, so most skip the map.
  private lastStart = Number.NaN;
  private lastList: LineRange[] = [];

  /** A record's line: 1-based `line`, its first byte at `offset`, `length` bytes without its terminator. */
  add(line: number, offset: number, length: number, windowStart: number): void {
    let ranges = this.lastList;
    if (windowStart !== this.lastStart) {
      ranges = this.listOf(windowStart);
      this.lastStart = windowStart;
      this.lastList = ranges;
    }
    join(ranges, line, 1, offset, length);
  }

  /** The ranges of window `windowStart`, in file order (empty when none). */
  rangesFor(windowStart: number): LineRange[] {
    return this.byWindow.get(windowStart) ?? [];
  }

  /** Ranges for each window in order, ready for insertWindows({ lineRanges }). */
  rangesForWindows(windows: readonly { start: number }[]): LineRange[][] {
    return windows.map((w) => this.rangesFor(w.start));
  }

  /** Drops a window's ranges (a live stream stored the window). */
  forget(windowStart: number): void {
    this.byWindow.delete(windowStart);
    if (windowStart === this.lastStart) {
      this.lastStart = Number.NaN;
      this.lastList = [];
    }
  }

  /** Everything gathered, packed (to post from a worker thread; its buffers may be transferred). */
  pack(): PackedLineRanges {
    const starts = new Float64Array(this.byWindow.size);
    const counts = new Int32Array(this.byWindow.size);
    let total = 0;
    for (const ranges of this.byWindow.values()) total += ranges.length;
    const tuples = new Float64Array(4 * total);
    let w = 0;
    let at = 0;
    for (const [start, ranges] of this.byWindow) {
      starts[w] = start;
      counts[w++] = ranges.length;
      for (const r of ranges) {
        tuples[at++] = r.firstLine;
        tuples[at++] = r.lineCount;
        tuples[at++] = r.offset;
        tuples[at++] = r.length;
      }
    }
    return { starts, counts, tuples };
  }

  /**
   * Adds the ranges of the next part of the log (packed, with line numbers counted from that part's
   * start, after `lineBase` lines), as if its records had been added one by one: a part's first
   * range joins a window's last one exactly when its first record would have.
   */
  addPacked(part: PackedLineRanges, lineBase: number): void {
    let at = 0;
    part.starts.forEach((start, w) => {
      const ranges = this.listOf(start);
      const count = part.counts[w]!;
      for (let k = 0; k < count; k++, at += 4) {
        join(ranges, lineBase + part.tuples[at]!, part.tuples[at + 1]!, part.tuples[at + 2]!, part.tuples[at + 3]!);
      }
    });
  }

  private listOf(windowStart: number): LineRange[] {
    let ranges = this.byWindow.get(windowStart);
    if (ranges === undefined) {
      ranges = [];
      this.byWindow.set(windowStart, ranges);
    }
    return ranges;
  }
}

/**
 * `lineCount` lines from `firstLine` join the last range when they are its very next lines and
 * start past its end, so a range never spans a line of another window or an unparsed line.
 */
function join(ranges: LineRange[], firstLine: number, lineCount: number, offset: number, length: number): void {
  const last = ranges[ranges.length - 1];
  if (last !== undefined && firstLine === last.firstLine + last.lineCount && offset >= last.offset + last.length) {
    last.lineCount += lineCount;
    last.length = offset + length - last.offset;
  } else {
    ranges.push({ firstLine, lineCount, offset, length });
  }
}
