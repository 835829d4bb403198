// One range of a parallel parse (parallel-parse.ts): the task, what it reports, and the parse itself,
// which runs on a worker thread (parallel-parse-worker.ts) or, for the first range, on the caller's.
import type { FormatOptions } from "@/lib/logs/formats/types";
import { LogExtractor } from "@/lib/logs/log-extractor";
import type { RangeParts } from "@/lib/logs/range-extraction";
import type { RolloverState } from "@/lib/logs/syslog-clock";
import type { ExtractOptions } from "@/lib/logs/types";
import { WindowLineRanges, type PackedLineRanges } from "@/lib/logs/window-line-ranges";
import { fileChunks } from "./file-chunks";
import { RecordPacker } from "./parallel-records";

/** What a range parse is asked to do. */
export interface RangeTask {
  path: string;
  start: number;
  end: number;
  clock: RolloverState | null;
  edgeRecords: number;
  /** Pack record locations (the caller wants onRecord). */
  records: boolean;
  /** Gather the range's line ranges per window (the caller wants lineRanges). */
  lineRanges: boolean;
  options: { year: number; window: number; utcOffsetMinutes?: number; formatOptions?: FormatOptions };
}

/** What a range parse reports: progress, packed records, then its range's parts. */
export type RangeMessage =
  | { kind: "progress"; bytes: number }
  | { kind: "records"; chunk: Uint8Array }
  | { kind: "done"; parts: RangeParts; lineRanges: PackedLineRanges | null };

export type RangePost = (message: RangeMessage, transfer?: ArrayBuffer[]) => void;

// Progress a few times a second is plenty; from a worker each message wakes the main thread.
const PROGRESS_BYTES = 8 << 20;
/** Parses the task's bytes with a LogExtractor of its own, reporting through `post`. */
export async function parseRange(task: RangeTask, post: RangePost): Promise<void> {
  const packer = task.records ? new RecordPacker(task.start, (chunk) => post({ kind: "records", chunk }, [chunk.buffer as ArrayBuffer])) : null;
  const options: ExtractOptions = { ...task.options };
  if (packer !== null) options.onRecord = (record) => packer.add(record);
  // Line numbers from the range's start, byte offsets in the file, as the extractor reports them.
  const lineRanges = task.lineRanges ? new WindowLineRanges() : null;
  if (lineRanges !== null) options.lineRanges = lineRanges;
  const extractor = new LogExtractor(options, undefined, { offset: task.start, clock: task.clock, edgeRecords: task.edgeRecords });
  let reported = 0;
  for await (const chunk of fileChunks(task.path, task.start, task.end)) {
    extractor.push(chunk);
    if (extractor.bytesRead - reported >= PROGRESS_BYTES) post({ kind: "progress", bytes: (reported = extractor.bytesRead) });
  }
  const parts = extractor.finishRange(task.edgeRecords);
  packer?.flush();
  post({ kind: "progress", bytes: extractor.bytesRead });
  const packed = lineRanges?.pack() ?? null;
  post({ kind: "done", parts, lineRanges: packed }, packed === null ? undefined : [packed.starts.buffer, packed.counts.buffer, packed.tuples.buffer]);
}
