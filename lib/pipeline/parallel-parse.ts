// The parallel parse of issue #14: a log cut into byte ranges at line starts, each parsed on a
// worker thread (parallel-parse-worker.ts) with its own LogExtractor, the ranges merged into exactly
// the extraction a single read gives (lib/logs/range-extraction.ts). Where that cannot be shown,
// it answers null and the caller reads the log on one thread.
import type { Worker } from "node:worker_threads";
import { DEFAULT_IDLE_RECORDS } from "@/lib/logs/extraction-epochs";
import { resolveFormat } from "@/lib/logs/formats/registry";
import { syslogFormat } from "@/lib/logs/formats/syslog-format";
import type { FormatOptions } from "@/lib/logs/formats/types";
import { mergeRanges, sameClock, type RangeParts } from "@/lib/logs/range-extraction";
import type { ExtractionResult, RecordLocation } from "@/lib/logs/types";
import type { PackedLineRanges, WindowLineRanges } from "@/lib/logs/window-line-ranges";
import { planRanges, type PlannedRange } from "./parallel-plan";
import { parseRange, type RangeMessage, type RangeTask } from "./parallel-range";
import { unpackRecords } from "./parallel-records";
import { abortReason, pipelineThreads, startWorker, workerSpecFor, type WorkerSpec } from "./worker-spec";

/**
 * Below this many bytes a log is read on one thread. A worker thread starts cold: on the 100k-line
 * generated log (17 MB) the parallel parse took 0.43 s of CPU against 0.21 s on one thread, so a
 * thread pays for itself on 2 cores from about 40 MB of syslog, and only on an idle machine.
 */
export const PARALLEL_MIN_BYTES = 64 << 20;

export interface ParallelOptions {
  year: number;
  window: number;
  utcOffsetMinutes?: number;
  /** Settled already: undefined (the classic path) or a concrete format; only `syslog` is read in parallel. */
  formatOptions?: FormatOptions;
  onProgress?: (bytesRead: number) => void;
  onRecord?: (record: RecordLocation) => void;
  lineRanges?: WindowLineRanges;
  signal?: AbortSignal;
  /** Threads (ranges); default the machine's cores. 1 reads on one thread. */
  threads?: number;
  /** Default PARALLEL_MIN_BYTES (tests make it 0). */
  minBytes?: number;
  /** Months sampled to guess each range's clock (parallel-plan.ts); tests make it 0 to check the re-parse. */
  clockSamples?: number;
}

/** How a parallel parse went, for tests and the bench. */
export interface ParallelStats {
  ranges: number;
  /** Windows counted in more than one range, merged. */
  mergedWindows: number;
  /** Ranges parsed again because their guessed clock was not the one the range before left. */
  reparsed: number;
}

export type { WorkerSpec } from "./worker-spec";

/** The parallel parse's thread module (dist/parallel-parse-worker.cjs beside the bundle), or null. */
export function parseWorkerSpec(self: string = __filename): WorkerSpec | null {
  return workerSpecFor("parallel-parse-worker", self);
}

/** Whether these options can be read in parallel at all: seed features, classic or `syslog` lines. */
export function parallelFormat(formatOptions: FormatOptions | undefined): boolean {
  if (formatOptions === undefined) return true;
  try {
    // A multi-line or detected format keeps state across lines that a range cannot know.
    return resolveFormat(formatOptions).definition === syslogFormat;
  } catch {
    return false;
  }
}

interface RangeRun {
  parts: RangeParts;
  records: Uint8Array[];
  lineRanges: PackedLineRanges | null;
}

/**
 * The extraction of the log at `path` (`size` bytes, plain text) on several threads, with records
 * reported in file order once every range is checked; null when it should be read on one thread
 * (small file, one core, no worker module, a window two ranges cannot merge, a worker that failed).
 */
export async function extractInParallel(path: string, size: number, options: ParallelOptions, stats?: ParallelStats): Promise<ExtractionResult | null> {
  const threads = pipelineThreads(options.threads);
  const spec = parseWorkerSpec();
  if (threads < 2 || size < (options.minBytes ?? PARALLEL_MIN_BYTES) || spec === null || !parallelFormat(options.formatOptions)) return null;
  const syslog = options.formatOptions !== undefined;
  const plan = await planRanges(path, size, threads, { year: options.year, syslogFormat: syslog, samples: options.clockSamples });
  if (plan.length < 2) return null;
  const ranges = new RangeRunner(spec, path, options, plan.length);
  // The first range is parsed on this thread (one thread fewer to start and warm up), the rest on workers.
  const runs = await ranges.settle(Promise.all(plan.map((range, k) => (k === 0 ? ranges.here(range, k) : ranges.onWorker(range, k)))));
  if (runs === null) return null;
  let reparsed = 0;
  // A range is right only if it started where the one before ended; parse it again from there if not.
  for (let k = 1; k < runs.length; k++) {
    const before = runs[k - 1]!.parts.clock;
    if (sameClock(plan[k]!.clock, before)) continue;
    const again = await ranges.settle(ranges.here({ ...plan[k]!, clock: before }, -1));
    if (again === null) return null;
    runs[k] = again;
    reparsed++;
  }
  const result = mergeRanges(runs.map((run) => run.parts), options.window);
  if (result === null) return null;
  if (stats !== undefined) {
    stats.ranges = runs.length;
    stats.mergedWindows = countMerged(runs.map((run) => run.parts));
    stats.reparsed = reparsed;
  }
  const { onRecord, lineRanges } = options;
  let lineBase = 0;
  runs.forEach((run, k) => {
    if (onRecord !== undefined) unpackRecords(run.records, plan[k]!.start, lineBase, options.window, onRecord);
    if (lineRanges !== undefined && run.lineRanges !== null) lineRanges.addPacked(run.lineRanges, lineBase);
    lineBase += run.parts.summary.lines;
  });
  return result;
}

function countMerged(ranges: readonly RangeParts[]): number {
  const seen = new Map<number, number>();
  for (const range of ranges) for (const tally of range.tallies) seen.set(tally.start, (seen.get(tally.start) ?? 0) + 1);
  return [...seen.values()].filter((n) => n > 1).length;
}

/** Collects a range's messages into its run; resolves it on "done", and says so. */
function collector(onBytes: (bytes: number) => void, resolve: (run: RangeRun) => void): (message: RangeMessage) => boolean {
  const records: Uint8Array[] = [];
  return (message) => {
    if (message.kind === "progress") onBytes(message.bytes);
    else if (message.kind === "records") records.push(message.chunk);
    else resolve({ parts: message.parts, records, lineRanges: message.lineRanges });
    return message.kind === "done";
  };
}

/** Runs the ranges of one parse, here or on worker threads, and stops them all at the first failure. */
class RangeRunner {
  private readonly workers = new Set<Worker>();
  private readonly progress: Float64Array;
  private stopped = false;

  constructor(
    private readonly spec: WorkerSpec,
    private readonly path: string,
    private readonly options: ParallelOptions,
    ranges: number,
  ) {
    this.progress = new Float64Array(ranges);
  }

  /** The runs, or null (workers stopped) when one failed; an abort is the caller's to see. */
  async settle<T>(runs: Promise<T>): Promise<T | null> {
    try {
      return await runs;
    } catch {
      // Any other failure sends the read back to one thread, which says what is wrong, if anything.
      this.stopped = true;
      for (const worker of this.workers) void worker.terminate();
      const signal = this.options.signal;
      if (signal?.aborted) throw signal.reason;
      return null;
    }
  }

  /** A range parsed on this thread; `k` < 0: no progress reported (a range parsed again). */
  async here(range: PlannedRange, k: number): Promise<RangeRun> {
    let run: RangeRun | null = null;
    const take = collector((bytes) => this.report(k, bytes), (done) => (run = done));
    await parseRange(this.task(range), (message) => {
      take(message);
      // Between chunks: an abort, or another range's failure, stops this one too.
      this.options.signal?.throwIfAborted();
      if (this.stopped) throw new Error("the parallel parse stopped");
    });
    if (run === null) throw new Error("a range parse ended without its result");
    return run;
  }

  /** A range parsed on a worker thread. */
  onWorker(range: PlannedRange, k: number): Promise<RangeRun> {
    const signal = this.options.signal;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      const worker = startWorker(this.spec, this.task(range));
      this.workers.add(worker);
      let done = false;
      const abort = () => void worker.terminate();
      signal?.addEventListener("abort", abort, { once: true });
      const release = () => {
        this.workers.delete(worker);
        signal?.removeEventListener("abort", abort);
      };
      const take = collector((bytes) => this.report(k, bytes), resolve);
      worker.on("message", (message: RangeMessage) => {
        if (!take(message)) return;
        done = true;
        release();
      });
      worker.once("error", (error) => {
        release();
        reject(error);
      });
      worker.once("exit", (code) => {
        release();
        if (!done) reject(signal?.aborted ? abortReason(signal) : new Error(`parallel parse worker exited with code ${code}`));
      });
    });
  }

  private report(k: number, bytes: number): void {
    if (k < 0) return;
    this.progress[k] = bytes;
    this.options.onProgress?.(this.progress.reduce((a, b) => a + b, 0));
  }

  private task(range: PlannedRange): RangeTask {
    const { year, window, utcOffsetMinutes, formatOptions } = this.options;
    return {
      path: this.path,
      start: range.start,
      end: range.end,
      clock: range.clock,
      edgeRecords: DEFAULT_IDLE_RECORDS,
      records: this.options.onRecord !== undefined,
      lineRanges: this.options.lineRanges !== undefined,
      options: { year, window, utcOffsetMinutes, formatOptions },
    };
  }
}
