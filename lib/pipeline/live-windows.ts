import { WindowLineRanges } from "@/lib/logs/window-line-ranges";
import type { LineRange } from "@/lib/db/types";
import type { StreamCheckpoint } from "@/lib/domain/stream-types";
import type { FormatOptions } from "@/lib/logs/formats/types";
import type { RecordLocation } from "@/lib/logs/types";
import type { DetectorModels } from "./detector-models";
import type { WindowResults } from "./types";
import { WatchWindows } from "./watch-windows";

/**
 * A live stream's windows (issue #17, docs/live.md): `npm run watch`'s WatchWindows (the same
 * parse, features and scoring as predict) plus what a stream must persist to resume after a
 * crash without losing or repeating a window.
 *
 * The caller appends whole lines to the stream's stored log and pushes the same bytes here. The
 * checkpoint names a replay point: the start of the earliest pushed chunk that holds a line of a
 * window still open (or a line a format still holds). A restart re-reads the stored log from there
 * (`replay`), with windows before `closedBefore` already written; re-read records of those windows
 * and re-read unmatched lines are not counted twice. Chunk starts are line starts with known line
 * numbers, so the replay numbers lines and bytes exactly as the first reading did.
 */

export interface LiveWindowsOptions {
  name: string;
  year: number;
  formatOptions?: FormatOptions;
  /** Seconds a window stays open past its end. */
  lateness: number;
  /** Where the previous process stopped (absent: a new stream, from byte 0). */
  resume?: StreamCheckpoint;
}

/** Windows that closed, scored, with where their lines sit in the stored log. */
export interface ClosedWindows {
  results: WindowResults;
  lineRanges: LineRange[][];
}

interface ChunkStart {
  offset: number;
  line: number;
}

export class LiveWindows {
  private readonly windows: WatchWindows;
  private readonly ranges = new WindowLineRanges();
  // Per open window, the offset of the chunk its first record came in.
  private readonly firstChunk = new Map<number, number>();
  private readonly chunks: ChunkStart[] = [];
  private readonly resumed: StreamCheckpoint;
  private offset: number;
  private line: number;
  private chunkOffset = 0;
  // The last line of the stored log the extraction reported (a record, a late record or an unmatched line).
  private reportedLine = 0;
  private replaying = false;
  // Counts of the extraction when the replay ended: what came after is new.
  private unparsedAtResume = 0;
  private late = 0;

  constructor(models: DetectorModels, options: LiveWindowsOptions) {
    const resume = options.resume;
    this.resumed = resume ?? { bytes: 0, lines: 0, unparsedLines: 0, replayOffset: 0, replayLine: 1, closedBefore: null, lateRecords: 0 };
    this.offset = this.resumed.replayOffset;
    this.line = this.resumed.replayLine;
    this.late = this.resumed.lateRecords;
    this.reportedLine = this.resumed.replayLine - 1;
    this.windows = new WatchWindows(models, {
      name: options.name,
      year: options.year,
      formatOptions: options.formatOptions,
      lateness: options.lateness,
      closedBefore: this.resumed.closedBefore ?? undefined,
      refuseUnmatched: false,
      onAccepted: (record) => this.accept(record),
      onLate: (record) => {
        this.reported(record.line);
        if (!this.replaying) this.late++;
      },
      onUnparsed: (line) => this.reported(line.line),
    });
  }

  /** Re-reads the stored log from the checkpoint's replay point to its `bytes` (whole lines). */
  replay(bytes: Uint8Array): ClosedWindows | null {
    if (bytes.length !== this.resumed.bytes - this.resumed.replayOffset) {
      throw new Error(`LiveWindows.replay: expected ${this.resumed.bytes - this.resumed.replayOffset} bytes, got ${bytes.length}`);
    }
    this.replaying = true;
    try {
      return this.push(bytes);
    } finally {
      this.replaying = false;
      this.unparsedAtResume = this.windows.summary().unparsedLines;
    }
  }

  /** Pushes whole lines (each ending in a line break) just appended to the stored log. */
  push(chunk: Uint8Array): ClosedWindows | null {
    this.chunkOffset = this.offset;
    this.chunks.push({ offset: this.offset, line: this.line });
    let newlines = 0;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
    this.offset += chunk.length;
    this.line += newlines;
    return this.withRanges(this.windows.push(chunk));
  }

  /** Closes the windows a record stamped `seconds` would close (wall time moving while no line comes). */
  advanceTo(seconds: number): ClosedWindows | null {
    return this.withRanges(this.windows.advanceTo(seconds));
  }

  /** Closes every open window (the stream stops). */
  end(): ClosedWindows | null {
    return this.withRanges(this.windows.end().results);
  }

  /** Running totals: lines of the stored log, records and unmatched lines read by this process, late records in all. */
  counts(): { lines: number; records: number; unparsed: number; late: number } {
    const summary = this.windows.summary();
    return { lines: this.line - 1, records: summary.parsedLines, unparsed: summary.unparsedLines, late: this.late };
  }

  /** The latest record time read (Unix seconds), or null before the first record. */
  latestRecordTime(): number | null {
    return this.windows.summary().maxTimestamp;
  }

  /** What to store with the windows just taken, so a restart resumes here. */
  checkpoint(): StreamCheckpoint {
    const summary = this.windows.summary();
    // A line not reported yet (a format holds it; or a record's continuation line, or a blank line,
    // read again for nothing): the chunk that holds it must be read again too.
    let replay: ChunkStart | undefined;
    if (this.reportedLine < this.line - 1) {
      for (const c of this.chunks) if (c.line <= this.reportedLine + 1) replay = c;
    }
    for (const offset of this.firstChunk.values()) {
      if (replay === undefined || offset < replay.offset) replay = this.chunks.find((c) => c.offset === offset);
    }
    const point = replay ?? { offset: this.offset, line: this.line };
    // Chunks before the replay point are never needed again.
    while (this.chunks.length > 0 && (this.chunks[0]?.offset ?? Infinity) < point.offset) this.chunks.shift();
    return {
      bytes: this.offset,
      lines: this.line - 1,
      unparsedLines: this.resumed.unparsedLines + summary.unparsedLines - this.unparsedAtResume,
      replayOffset: point.offset,
      replayLine: point.line,
      closedBefore: this.windows.closedBefore,
      lateRecords: this.late,
    };
  }

  private accept(record: RecordLocation): void {
    // Offsets and line numbers in the stored log, not in what this process pushed.
    this.ranges.add(record.line + this.resumed.replayLine - 1, record.offset + this.resumed.replayOffset, record.length, record.windowStart);
    this.reported(record.line);
    if (!this.firstChunk.has(record.windowStart)) this.firstChunk.set(record.windowStart, this.chunkOffset);
  }

  /** `line` as the extractor numbers it (from the replay point). */
  private reported(line: number): void {
    const inLog = line + this.resumed.replayLine - 1;
    if (inLog > this.reportedLine) this.reportedLine = inLog;
  }

  private withRanges(results: WindowResults | null): ClosedWindows | null {
    if (results === null) return null;
    const lineRanges = results.windows.map((w) => {
      const ranges = this.ranges.rangesFor(w.start);
      this.ranges.forget(w.start);
      this.firstChunk.delete(w.start);
      return ranges;
    });
    return { results, lineRanges };
  }
}
