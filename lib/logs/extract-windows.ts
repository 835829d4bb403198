// The entry points of extraction: a log streamed in chunks (read a second time when a bounded run
// needs it) or one already in memory. The machinery they drive is LogExtractor (log-extractor.ts).
import { LogExtractor } from "./log-extractor";
import type { ExtractOptions, ExtractionResult } from "./types";

// Callers sniff a file before streaming it; one import for both.
export { looksBinary } from "./looks-binary";

/**
 * Parse, window and featurize a byte stream, e.g. `fs.createReadStream(path, { highWaterMark: 1 << 20 })`.
 * Holds one chunk, the per-window counters and the distinct values, never the whole file.
 */
export async function extractWindows(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: ExtractOptions,
): Promise<ExtractionResult> {
  const extractor = new LogExtractor(options);
  const { signal, onProgress, reread } = options;
  await feed(extractor, chunks, signal, onProgress);
  await extractor.completeTemplates();
  const only = extractor.secondPassWindows();
  if (only === null || reread === undefined) return extractor.finish();
  const again = extractor.secondPass(only);
  await feed(again, reread(), signal, undefined);
  return extractor.finishWith(again);
}

async function feed(
  extractor: LogExtractor,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  signal: AbortSignal | undefined,
  onProgress: ((bytesRead: number) => void) | undefined,
): Promise<void> {
  signal?.throwIfAborted();
  for await (const chunk of chunks) {
    extractor.push(chunk);
    const behind = extractor.templatesBehind();
    if (behind !== null) await behind;
    onProgress?.(extractor.bytesRead);
    signal?.throwIfAborted();
  }
}

/** Same as `extractWindows` for a text or bytes already in memory. */
export function extractWindowsFromText(input: string | Uint8Array, options: ExtractOptions): ExtractionResult {
  const extractor = new LogExtractor(options);
  extractor.push(typeof input === "string" ? new TextEncoder().encode(input) : input);
  return extractor.finish();
}
