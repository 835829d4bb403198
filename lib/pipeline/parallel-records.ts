// Record locations (ReadLogOptions.onRecord) of a range parsed on a worker thread, packed to pass to
// the main thread, which calls onRecord in file order once every range is done and checked. Each
// record is four variable-length numbers, as differences from the record before: the line number,
// the gap between the previous record's end and this one's start, the length and the seconds.
// Consecutive records are mostly one line, no bytes and zero or one second apart, so a record
// takes about 5 bytes, not the 40 of five float64s: a range waiting for the ranges before it holds
// about 5 MB per million records.
import type { RecordLocation } from "@/lib/logs/types";
import { alignWindowStart } from "@/lib/logs/window-grouper";

const CHUNK_BYTES = 1 << 20;
// Room for one record: four varints of up to 8 bytes and a float64 after a tag.
const RECORD_ROOM = 48;
// Seconds that are not whole, or jump by 2^40 or more, are written as a tag then a float64.
const RAW_SECONDS = 1;
const MAX_DELTA = 2 ** 40;

/** The sign in the low bit, so small negative numbers stay small. */
const zigzag = (n: number) => (n >= 0 ? n * 2 : -n * 2 - 1);
const unzigzag = (z: number) => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

/** Packs records in file order into byte chunks, handing each full chunk to `emit`. */
export class RecordPacker {
  private chunk = new Uint8Array(CHUNK_BYTES);
  private view = new DataView(this.chunk.buffer);
  private at = 0;
  private line = 0;
  private end: number;
  private ts = 0;

  /** `startOffset`: the range's first byte in the file. */
  constructor(startOffset: number, private readonly emit: (chunk: Uint8Array) => void) {
    this.end = startOffset;
  }

  add(record: RecordLocation): void {
    if (this.at + RECORD_ROOM > this.chunk.length) this.flush();
    this.varint(zigzag(record.line - this.line));
    this.varint(zigzag(record.offset - this.end));
    this.varint(record.length);
    const delta = record.ts - this.ts;
    if (Number.isInteger(record.ts) && Number.isInteger(delta) && Math.abs(delta) < MAX_DELTA) {
      // Doubled: an odd number marks raw seconds.
      this.varint(zigzag(delta) * 2);
    } else {
      this.varint(RAW_SECONDS);
      this.view.setFloat64(this.at, record.ts, true);
      this.at += 8;
    }
    this.line = record.line;
    this.end = record.offset + record.length;
    this.ts = record.ts;
  }

  /** Hands over the records packed so far (call once more at the end). */
  flush(): void {
    if (this.at === 0) return;
    this.emit(this.chunk.slice(0, this.at));
    this.at = 0;
  }

  private varint(value: number): void {
    const chunk = this.chunk;
    let v = value;
    while (v >= 128) {
      chunk[this.at++] = (v % 128) | 128;
      v = Math.floor(v / 128);
    }
    chunk[this.at++] = v;
  }
}

/**
 * Calls `onRecord` for each record packed in `chunks` (one range's, in order) with absolute line
 * numbers: `lineBase` lines come before the range. `startOffset` is the range's first byte.
 */
export function unpackRecords(
  chunks: readonly Uint8Array[], startOffset: number, lineBase: number, window: number, onRecord: (record: RecordLocation) => void,
): void {
  let line = 0;
  let end = startOffset;
  let ts = 0;
  for (const chunk of chunks) {
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let at = 0;
    const varint = (): number => {
      let value = 0;
      let scale = 1;
      for (;;) {
        const b = chunk[at++]!;
        value += (b & 127) * scale;
        if (b < 128) return value;
        scale *= 128;
      }
    };
    while (at < chunk.length) {
      line += unzigzag(varint());
      const offset = end + unzigzag(varint());
      const length = varint();
      const tag = varint();
      if (tag === RAW_SECONDS) {
        ts = view.getFloat64(at, true);
        at += 8;
      } else {
        ts += unzigzag(tag / 2);
      }
      end = offset + length;
      onRecord({ line: lineBase + line, offset, length, ts, windowStart: alignWindowStart(ts, window) });
    }
  }
}
