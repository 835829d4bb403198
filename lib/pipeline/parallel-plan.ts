// Where a log is cut for the parallel parse, and the year-less clock each piece is guessed to start
// from. The guess only saves time: parallel-parse.ts checks every range's assumed start against the
// state the range before really ended with, and parses a range again when they differ.
import { open, type FileHandle } from "node:fs/promises";
import { SyslogLineParser } from "@/lib/logs/formats/syslog-format";
import { createLineFields, scanLine } from "@/lib/logs/parse-line";
import { YearRollover, type RolloverState } from "@/lib/logs/syslog-clock";

/** One range of the file: bytes [start, end), starting at a line's first byte. */
export interface PlannedRange {
  start: number;
  end: number;
  /** The clock state the records before it are guessed to leave; null for the first range. */
  clock: RolloverState | null;
}

// Reads for the plan: a line boundary, the last lines before a cut, and the month samples.
const PROBE_BYTES = 64 * 1024;
const SAMPLE_BYTES = 4096;
/** Months sampled across the bytes before a cut to guess how often the year rolled over before it. */
export const DEFAULT_CLOCK_SAMPLES = 64;

const NEWLINE = 10;

/** Reads the month of a line's year-less stamp: §1's scanner, or the `syslog` format's parser. */
type MonthOf = (text: string) => number | null;

function monthReader(syslogFormat: boolean): MonthOf {
  if (syslogFormat) {
    const parser = new SyslogLineParser();
    return (text) => {
      const verdict = parser.parseLine(text);
      return verdict !== null && typeof verdict === "object" && verdict.stamp.kind === "yearless" ? verdict.stamp.month : null;
    };
  }
  const fields = createLineFields();
  return (text) => (scanLine(text, fields) ? fields.month : null);
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** The offset just past the first newline at or after `from` (so a line starts there), or -1. */
async function nextLineStart(handle: FileHandle, from: number, size: number): Promise<number> {
  for (let at = from; at < size; at += PROBE_BYTES) {
    const bytes = await readAt(handle, at, Math.min(PROBE_BYTES, size - at));
    const newline = bytes.indexOf(NEWLINE);
    if (newline !== -1) return at + newline + 1 < size ? at + newline + 1 : -1;
  }
  return -1;
}

/** Months of the complete lines in `bytes`, in order (the first line skipped unless it starts the file). */
function monthsIn(bytes: Buffer, startsFile: boolean, monthOf: MonthOf): number[] {
  const lines = bytes.toString("utf8").split("\n");
  // The last piece may be cut short; the first too, unless it starts the file.
  const whole = lines.slice(startsFile ? 0 : 1, -1);
  return whole.map(monthOf).filter((month): month is number => month !== null);
}

/**
 * Cuts a file of `size` bytes into about `count` ranges of equal size at line starts, each with a
 * guessed clock state: the rollover rule run over `samples` months read evenly across the bytes
 * before the cut, then the last stamp before it. A file of few long lines may give fewer ranges.
 */
export async function planRanges(
  path: string, size: number, count: number, options: { year: number; syslogFormat: boolean; samples?: number },
): Promise<PlannedRange[]> {
  const handle = await open(path, "r");
  try {
    const cuts: number[] = [];
    for (let k = 1; k < count; k++) {
      const cut = await nextLineStart(handle, Math.max(Math.floor((size * k) / count) - 1, (cuts.at(-1) ?? 0)), size);
      if (cut > 0 && cut > (cuts.at(-1) ?? 0)) cuts.push(cut);
    }
    const monthOf = monthReader(options.syslogFormat);
    const samples = options.samples ?? DEFAULT_CLOCK_SAMPLES;
    const ranges: PlannedRange[] = [];
    let start = 0;
    for (const cut of [...cuts, size]) {
      ranges.push({ start, end: cut, clock: start === 0 ? null : await guessClock(handle, start, options.year, samples, monthOf) });
      start = cut;
    }
    return ranges;
  } finally {
    await handle.close();
  }
}

async function guessClock(handle: FileHandle, cut: number, year: number, samples: number, monthOf: MonthOf): Promise<RolloverState> {
  const roll = new YearRollover(year);
  const feed = (month: number) => roll.accept(month, roll.yearFor(month));
  for (let k = 0; k < samples; k++) {
    const at = Math.floor((cut * k) / samples);
    const bytes = await readAt(handle, at, Math.min(SAMPLE_BYTES, cut - at));
    const first = monthsIn(bytes, at === 0, monthOf)[0];
    if (first !== undefined) feed(first);
  }
  const from = Math.max(0, cut - PROBE_BYTES);
  const before = monthsIn(await readAt(handle, from, cut - from), from === 0, monthOf);
  for (const month of before) feed(month);
  return roll.state;
}
