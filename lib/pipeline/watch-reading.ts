import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DETECTION_SAMPLE_LINES } from "@/lib/logs/formats/detect-format";
import { isAutoFormat } from "@/lib/logs/formats/registry";
import type { FormatOptions } from "@/lib/logs/formats/types";
import { settleReading, type SettledReading } from "./read-log-file";

/**
 * The year and format a watched log is read with, settled as predict settles them (read-log-file.ts
 * readPlainLog): without --year, inferred from the log's head and tail (infer-log-year.ts); `auto`
 * detected on the head. A followed file that already holds lines is settled on the file itself;
 * a stream (standard input, an empty file) on its head, held back until it has the detection
 * sample, so the year of a stream is the one predict would infer from that head alone.
 */

/** The year and format a stream is read with: settleReading's answer without what `auto` saw. */
export type WatchReading = Omit<SettledReading, "settled">;

/** Whether anything is left to settle: no year given, or the format is `auto`. */
export function needsSettling(year: number | undefined, formatOptions: FormatOptions | undefined): boolean {
  return year === undefined || (formatOptions !== undefined && isAutoFormat(formatOptions));
}

/** settleReading on a file (the followed file, or a stream's head written to one). */
export async function settleOnFile(path: string, size: number, year: number | undefined, formatOptions: FormatOptions | undefined): Promise<WatchReading> {
  const { year: settledYear, yearInferred, formatOptions: readOptions } = await settleReading(path, size, year, formatOptions);
  return { year: settledYear, yearInferred, formatOptions: readOptions };
}

// As format-stage.ts: detection reads at most this much of a head, whatever its line count.
const HEAD_MAX_BYTES = 8 << 20;

/** What readHead took of a stream, and the read still under way when the stream went quiet. */
export interface StreamHead {
  chunks: Uint8Array[];
  ended: boolean;
  /** The next chunk's read, when the head was cut short by a pause: the caller takes it next. */
  pending?: Promise<IteratorResult<Uint8Array>>;
}

/**
 * The first chunks of a stream, up to the detection sample (or all of a shorter stream). A live
 * stream may take hours to give a thousand lines: once it holds a line and stays silent for
 * `quietMs`, the head is what came so far (a file or a pipe from one is never that slow).
 */
export async function readHead(iterator: AsyncIterator<Uint8Array>, quietMs = 2000): Promise<StreamHead> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let content = 0;
  let lineHasText = false;
  while (content < DETECTION_SAMPLE_LINES && bytes < HEAD_MAX_BYTES) {
    const read = iterator.next();
    const next = content === 0 ? await read : await quietOrNext(read, quietMs);
    if (next === null) return { chunks, ended: false, pending: read };
    if (next.done === true) return { chunks, ended: true };
    const chunk = next.value;
    chunks.push(chunk);
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === 0x0a) {
        if (lineHasText) content++;
        lineHasText = false;
      } else if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) {
        lineHasText = true;
      }
    }
  }
  return { chunks, ended: false };
}

/** The read's result, or null when it takes longer than `ms`. */
async function quietOrNext<T>(read: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const quiet = new Promise<null>((done) => (timer = setTimeout(() => done(null), ms)));
  try {
    return await Promise.race([read, quiet]);
  } finally {
    clearTimeout(timer);
  }
}

/** Settles the reading on a stream's head (readHead's chunks), through a temporary file. */
export async function settleOnHead(chunks: readonly Uint8Array[], year: number | undefined, formatOptions: FormatOptions | undefined): Promise<WatchReading> {
  const dir = await mkdtemp(join(tmpdir(), "logscope-watch-"));
  try {
    const path = join(dir, "head.log");
    const head = Buffer.concat(chunks);
    await writeFile(path, head);
    return await settleOnFile(path, head.length, year, formatOptions);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
