import { LineSplitter } from "./line-splitter";
import { createLineFields, scanLine, type LineFields } from "./parse-line";
import { SyslogClock } from "./syslog-clock";
import type { ExtractOptions, ExtractionResult, ExtractionSummary } from "./types";
import { WindowGrouper } from "./window-features";

// Callers sniff a file before streaming it; one import for both.
export { looksBinary } from "./looks-binary";

const DEFAULT_MAX_UNPARSED_SAMPLES = 20;
// Samples are for display; a megabyte-long junk line should not sit in the summary.
const MAX_SAMPLE_CHARS = 1000;

/**
 * Streaming extraction (SPEC §1-3) for callers that feed chunks themselves:
 * `push` each chunk in file order, then `finish` once.
 */
export class LogExtractor {
  private readonly options: ExtractOptions;
  private readonly splitter: LineSplitter;
  private readonly clock: SyslogClock;
  private readonly grouper: WindowGrouper;
  private readonly scratch: LineFields = createLineFields();
  private readonly maxSamples: number;
  private readonly samples: { line: number; text: string }[] = [];
  private parsed = 0;
  private unparsed = 0;
  private minTs = Infinity;
  private maxTs = -Infinity;
  private finished = false;

  constructor(options: ExtractOptions) {
    this.options = options;
    this.clock = new SyslogClock(options);
    this.grouper = new WindowGrouper(options.window);
    this.maxSamples = options.maxUnparsedSamples ?? DEFAULT_MAX_UNPARSED_SAMPLES;
    this.splitter = new LineSplitter((text, line, offset, length) => this.handleLine(text, line, offset, length), {
      maxLineBytes: options.maxLineBytes,
    });
  }

  /** Bytes pushed so far. */
  get bytesRead(): number {
    return this.splitter.bytes;
  }

  push(chunk: Uint8Array): void {
    if (this.finished) throw new Error("LogExtractor.push called after finish");
    this.splitter.push(chunk);
  }

  finish(): ExtractionResult {
    if (!this.finished) {
      this.splitter.end();
      this.finished = true;
    }
    return { windows: this.grouper.finish(), summary: this.summary() };
  }

  private handleLine(text: string, line: number, offset: number, length: number): void {
    const r = this.scratch;
    if (!scanLine(text, r)) {
      this.unparsed++;
      if (this.samples.length < this.maxSamples) this.samples.push({ line, text: text.slice(0, MAX_SAMPLE_CHARS) });
      this.options.onUnparsed?.({ line, offset, length, text });
      return;
    }
    this.parsed++;
    const ts = this.clock.toUnixSeconds(r.month, r.day, r.secondsOfDay);
    if (ts < this.minTs) this.minTs = ts;
    if (ts > this.maxTs) this.maxTs = ts;
    const windowStart = this.grouper.add(ts, r);
    if (this.options.onRecord !== undefined) this.options.onRecord({ line, offset, length, ts, windowStart });
  }

  private summary(): ExtractionSummary {
    return {
      lines: this.splitter.lines,
      parsedLines: this.parsed,
      unparsedLines: this.unparsed,
      unparsedSamples: this.samples.map((s) => ({ ...s })),
      bytes: this.splitter.bytes,
      minTimestamp: this.parsed > 0 ? this.minTs : null,
      maxTimestamp: this.parsed > 0 ? this.maxTs : null,
      yearRollovers: this.clock.yearRollovers,
    };
  }
}

/**
 * Parse, window and featurize a byte stream, e.g. `fs.createReadStream(path, { highWaterMark: 1 << 20 })`.
 * Holds one chunk and the per-window accumulators, never the whole file.
 */
export async function extractWindows(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: ExtractOptions,
): Promise<ExtractionResult> {
  const extractor = new LogExtractor(options);
  const { signal, onProgress } = options;
  signal?.throwIfAborted();
  for await (const chunk of chunks) {
    extractor.push(chunk);
    onProgress?.(extractor.bytesRead);
    signal?.throwIfAborted();
  }
  return extractor.finish();
}

/** Same as `extractWindows` for a text or bytes already in memory. */
export function extractWindowsFromText(input: string | Uint8Array, options: ExtractOptions): ExtractionResult {
  const extractor = new LogExtractor(options);
  extractor.push(typeof input === "string" ? new TextEncoder().encode(input) : input);
  return extractor.finish();
}
