import type { ExtractOptions, ExtractionSummary } from "./types";

const DEFAULT_MAX_UNPARSED_SAMPLES = 20;
// Samples are for display; a megabyte-long junk line should not sit in the summary.
const MAX_SAMPLE_CHARS = 1000;

type UnparsedSample = ExtractionSummary["unparsedSamples"][number];

/**
 * The lines of a log that are not records: counted, the first `maxUnparsedSamples` kept for the
 * summary, each reported to `onUnparsed`. A line's bytes are decoded only when a sample or the
 * callback wants its text, so a log that is mostly junk costs little more than a count per line.
 */
export class UnparsedLines {
  // The caller's options object itself: `onUnparsed` is read at each line, as it always was.
  private readonly options: Pick<ExtractOptions, "onUnparsed">;
  private readonly maxSamples: number;
  private readonly kept: UnparsedSample[] = [];
  private readonly decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  private counted = 0;

  constructor(options: Pick<ExtractOptions, "onUnparsed" | "maxUnparsedSamples">) {
    this.options = options;
    this.maxSamples = options.maxUnparsedSamples ?? DEFAULT_MAX_UNPARSED_SAMPLES;
  }

  get count(): number {
    return this.counted;
  }

  /** A line still in bytes, `bytes[start, end)`. */
  addBytes(bytes: Uint8Array, start: number, end: number, line: number, offset: number, length: number): void {
    this.counted++;
    const wantSample = this.kept.length < this.maxSamples;
    const onUnparsed = this.options.onUnparsed;
    if (!wantSample && onUnparsed === undefined) return;
    const text = this.decoder.decode(bytes.subarray(start, end));
    if (wantSample) this.kept.push({ line, text: text.slice(0, MAX_SAMPLE_CHARS) });
    onUnparsed?.({ line, offset, length, text });
  }

  /** addBytes for a line already decoded (by a FormatStage). */
  addText(text: string, line: number, offset: number, length: number): void {
    this.counted++;
    if (this.kept.length < this.maxSamples) this.kept.push({ line, text: text.slice(0, MAX_SAMPLE_CHARS) });
    this.options.onUnparsed?.({ line, offset, length, text });
  }

  /** Copies of the samples, for a summary that is the caller's to keep. */
  samples(): UnparsedSample[] {
    return this.kept.map((s) => ({ ...s }));
  }
}
