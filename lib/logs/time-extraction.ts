import { extractWindows } from "./extract-windows";
import type { ExtractOptions, ExtractionResult } from "./types";

export interface ExtractionTiming {
  result: ExtractionResult;
  /** Wall-clock seconds from the first chunk requested to the windows returned. */
  seconds: number;
  linesPerSecond: number;
  megabytesPerSecond: number;
}

/**
 * `extractWindows` with a stopwatch, for benchmarks. The time includes reading the chunks, so pass
 * a stream with large chunks (e.g. `highWaterMark: 1 << 20`) to measure the parser, not the reads.
 */
export async function timeExtraction(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: ExtractOptions,
): Promise<ExtractionTiming> {
  const started = performance.now();
  const result = await extractWindows(chunks, options);
  const seconds = (performance.now() - started) / 1000;
  return {
    result,
    seconds,
    linesPerSecond: result.summary.lines / seconds,
    megabytesPerSecond: result.summary.bytes / 1e6 / seconds,
  };
}
