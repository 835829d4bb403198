import { createView } from "./byte-view";
import { emptyFieldOffsets, lookupMonth, type SyslogFieldOffsets } from "./parse-line";

// tsx runs each file as CommonJS, where every use of an imported name is a getter call (two, in
// fact); code that runs per line or per token uses local copies, read once at load.
const monthOf = lookupMonth;
const makeView = createView;

/** Outcomes of `scanLineBytes`. */
export const NOT_RECORD = 0;
export const RECORD = 1;
/** The line holds a non-ASCII byte or a stray `\r`: decode it and let `scanLine` decide. */
export const NEEDS_TEXT = 2;

/**
 * A matched line as ranges of UTF-8 bytes. The message is `bytes[messageStart, end)`. The host
 * hash is computed while scanning, as the host is interned for every record.
 */
export interface ByteFields extends SyslogFieldOffsets {
  bytes: Uint8Array;
  /** A DataView of `bytes`, made once per buffer (lines of one chunk come in a row). */
  view: DataView;
  end: number;
}

export function createByteFields(): ByteFields {
  return {
    bytes: new Uint8Array(0),
    view: new DataView(new ArrayBuffer(0)),
    ...emptyFieldOffsets(),
    end: 0,
  };
}

function isSpaceByte(b: number): boolean {
  return b === 32 || (b >= 9 && b <= 13);
}

function isDigitByte(b: number): boolean {
  return b >= 48 && b <= 57;
}

function twoDigits(bytes: Uint8Array, at: number, end: number): number {
  if (at + 1 >= end) return -1;
  const a = bytes[at]!;
  const b = bytes[at + 1]!;
  return isDigitByte(a) && isDigitByte(b) ? (a - 48) * 10 + (b - 48) : -1;
}

/**
 * `scanLine` for a line given as bytes, deciding on its own only where the line is plain ASCII
 * without a stray `\r` (there UTF-8 bytes are the UTF-16 units the regex sees). Anything else,
 * and the rare case where the regex could backtrack into the whitespace before `proc`, is
 * answered with NEEDS_TEXT. RECORD and NOT_RECORD are final: they are what `scanLine` says.
 */
export function scanLineBytes(bytes: Uint8Array, start: number, lineEnd: number, out: ByteFields): number {
  const end = lineEnd > start && bytes[lineEnd - 1] === 13 ? lineEnd - 1 : lineEnd;
  if (end - start < 15) return NOT_RECORD;
  const month = monthOf(bytes[start]!, bytes[start + 1]!, bytes[start + 2]!);
  if (month < 0) return NOT_RECORD;

  let i = start + 3;
  let b = bytes[i]!;
  if (!isSpaceByte(b)) return b >= 0x80 ? NEEDS_TEXT : NOT_RECORD;
  while (i < end && isSpaceByte((b = bytes[i]!))) i++;
  if (b >= 0x80) return NEEDS_TEXT;

  let day = 0;
  const dayStart = i;
  while (i < end && isDigitByte((b = bytes[i]!))) {
    day = day * 10 + (b - 48);
    i++;
  }
  if (i === dayStart || i - dayStart > 2 || i >= end) return NOT_RECORD;
  b = bytes[i]!;
  if (!isSpaceByte(b)) return b >= 0x80 ? NEEDS_TEXT : NOT_RECORD;
  while (i < end && isSpaceByte((b = bytes[i]!))) i++;
  if (b >= 0x80) return NEEDS_TEXT;

  const hh = twoDigits(bytes, i, end);
  const mm = twoDigits(bytes, i + 3, end);
  const ss = twoDigits(bytes, i + 6, end);
  if (hh < 0 || mm < 0 || ss < 0 || bytes[i + 2] !== 58 || bytes[i + 5] !== 58) return NOT_RECORD;
  i += 8;
  if (i >= end) return NOT_RECORD;
  b = bytes[i]!;
  if (!isSpaceByte(b)) return b >= 0x80 ? NEEDS_TEXT : NOT_RECORD;
  while (i < end && isSpaceByte((b = bytes[i]!))) i++;

  const hostStart = i;
  while (i < end && !isSpaceByte((b = bytes[i]!))) {
    if (b >= 0x80) return NEEDS_TEXT;
    i++;
  }
  if (i === hostStart || i >= end) return NOT_RECORD;
  const hostEnd = i;
  while (i < end && isSpaceByte((b = bytes[i]!))) i++;
  if (i >= end) return NOT_RECORD;
  if (b >= 0x80) return NEEDS_TEXT;
  if (day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60) return NOT_RECORD;

  if (out.bytes !== bytes) {
    out.bytes = bytes;
    out.view = makeView(bytes);
  }
  out.month = month;
  out.day = day;
  out.secondsOfDay = hh * 3600 + mm * 60 + ss;
  out.hostStart = hostStart;
  out.hostEnd = hostEnd;
  out.end = end;
  const found = matchProcessBytes(bytes, i, end, out);
  if (found === RECORD) return isPlainText(out.view, out.messageStart, end) ? RECORD : NEEDS_TEXT;
  if (found === NEEDS_TEXT) return NEEDS_TEXT;
  // A longer whitespace run lets the regex start `proc` inside it; leave that to the regex.
  return i - hostEnd > 1 ? NEEDS_TEXT : NOT_RECORD;
}

/**
 * True when `view[start, end)` is ASCII without `\r`: there UTF-8 bytes are the UTF-16 units the
 * regex sees and its `.` matches every byte. Reads 4 bytes at a time: no top bit set, and no zero
 * byte in the word xor "\r\r\r\r" (the classic has-zero-byte test).
 */
function isPlainText(view: DataView, start: number, end: number): boolean {
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const w = view.getInt32(i, true);
    const cr = w ^ 0x0d0d0d0d;
    if ((w | ((cr - 0x01010101) & ~cr)) & 0x80808080) return false;
  }
  for (; i < end; i++) {
    const b = view.getUint8(i);
    if (b >= 0x80 || b === 13) return false;
  }
  return true;
}

/** The lazy `(?<proc>.+?)(?:\[(?<pid>\d+)\])?:(?:\s|$)` search; bytes of `proc` must be ASCII, not `\r`. */
function matchProcessBytes(bytes: Uint8Array, procStart: number, end: number, out: ByteFields): number {
  for (let p = procStart + 1; p < end; p++) {
    const b = bytes[p]!;
    if (b >= 0x80 || b === 13) return NEEDS_TEXT;
    if (b === 91) {
      let j = p + 1;
      let pid = 0;
      while (j < end && isDigitByte(bytes[j]!)) pid = pid * 10 + (bytes[j++]! - 48);
      if (j > p + 1 && j + 1 < end && bytes[j] === 93 && bytes[j + 1] === 58) {
        const after = afterColon(bytes, j + 1, end);
        if (after === -2) return NEEDS_TEXT;
        if (after >= 0) {
          out.processStart = procStart;
          out.processEnd = p;
          out.pid = j - p - 1 > 15 ? Number(new TextDecoder().decode(bytes.subarray(p + 1, j))) : pid;
          out.messageStart = after;
          return RECORD;
        }
      }
    } else if (b === 58) {
      const after = afterColon(bytes, p, end);
      if (after === -2) return NEEDS_TEXT;
      if (after >= 0) {
        out.processStart = procStart;
        out.processEnd = p;
        out.pid = null;
        out.messageStart = after;
        return RECORD;
      }
    }
  }
  return NOT_RECORD;
}

/** Where the message starts after the colon at `colon` (`(?:\s|$)`), -1 if it cannot, -2 if unsure. */
function afterColon(bytes: Uint8Array, colon: number, end: number): number {
  if (colon + 1 === end) return end;
  const b = bytes[colon + 1]!;
  if (b >= 0x80 || b === 13) return -2;
  return isSpaceByte(b) ? colon + 2 : -1;
}
