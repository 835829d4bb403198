import "server-only";
import { quoteInput } from "@/lib/domain/quote-input";
import { resolveFormat } from "@/lib/logs/formats/registry";
import type { FormatOptions } from "@/lib/logs/formats/types";
import { LogExtractor } from "@/lib/logs/log-extractor";
import type { LiveStream } from "@/lib/live/live-stream";
import { ServiceError } from "@/lib/server/http/service-error";

/** How many of a batch's first lines are read to tell whether it is in the model's format at all. */
export const PROBE_LINES = 20;

/**
 * Refuses (422) a batch none of whose first PROBE_LINES lines is a record of the format the
 * stream's model was trained on, before anything is stored: a sender of the wrong log would
 * otherwise fill the stream with unmatched lines. The lines are read by a throwaway LogExtractor
 * with the stream's own reading (predictionFormat, as LiveStream reads them); the stream itself is
 * not touched, so it keeps running. A batch with one record among them passes: a stray line is
 * counted as unparsed, as in a trained run.
 */
export function probeStreamFormat(streamId: number, reading: LiveStream["reading"], lines: Buffer): void {
  const { formatOptions } = reading;
  const extractor = new LogExtractor({
    year: reading.year,
    window: reading.window,
    features: "seed",
    formatOptions,
    streaming: true,
    maxUnparsedSamples: 1,
  });
  extractor.push(head(lines, PROBE_LINES));
  const summary = extractor.endInput();
  if (summary.parsedLines > 0 || summary.unparsedLines === 0) return;
  const name = summary.format?.name ?? formatOptions?.format ?? "syslog";
  const first = summary.unparsedSamples[0]?.text;
  throw new ServiceError(
    422,
    `None of the first ${Math.min(summary.lines, PROBE_LINES)} lines of this batch is a ${name} record, the format stream ${streamId}'s model reads (${describe(name, formatOptions)})` +
      (first === undefined ? "" : `; the first line was ${quoteInput(first)}`) +
      `: send lines in that format, or create a stream with a model trained on this log; nothing was stored.`,
  );
}

/** The first `count` lines of `bytes` (all of it when it has fewer). */
function head(bytes: Buffer, count: number): Buffer {
  let end = -1;
  for (let i = 0; i < count; i++) {
    end = bytes.indexOf(10, end + 1);
    if (end === -1) return bytes;
  }
  return bytes.subarray(0, end + 1);
}

function describe(name: string, options: FormatOptions | undefined): string {
  try {
    return resolveFormat({ ...options, format: name }).definition.description;
  } catch {
    return `records of ${name}`;
  }
}
