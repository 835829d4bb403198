/**
 * Receives each line as a byte range `bytes[start, end)` without its `\n` / `\r\n`, with its 1-based
 * number, the byte offset of its first byte in the stream and its full byte length (`end - start`
 * unless the line was longer than `maxLineBytes`).
 */
export type ByteLineHandler = (
  bytes: Uint8Array,
  start: number,
  end: number,
  line: number,
  offset: number,
  length: number,
) => void;

/** Receives each line decoded as UTF-8 (bytes that are not UTF-8 become U+FFFD). */
export type LineHandler = (text: string, line: number, offset: number, length: number) => void;

export interface LineSplitterOptions {
  /** Bytes kept of a longer line (default 1 MiB, at most 4 MiB); its offset and length stay exact. */
  maxLineBytes?: number;
  /**
   * Where the bytes start in the file (a range read on its own, parallel-parse): offsets count from
   * the file's start, and only the file's first line (offset 0) can lose a byte order mark.
   */
  startOffset?: number;
}

const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const DEFAULT_MAX_LINE_BYTES = 1 << 20;
// Distinct messages are stored in 4 MiB blocks (byte-interner.ts), so no line may be longer.
const MAX_LINE_BYTES = 1 << 22;

/**
 * Splits a byte stream into lines on `\n`, dropping a `\r` before it, without decoding: lines inside
 * a chunk are handed over as ranges of the chunk itself. Only the unfinished last line of a chunk is
 * copied and held until the next one, so memory stays at one chunk plus one line.
 */
export class ByteLineSplitter {
  private readonly onLine: ByteLineHandler;
  private readonly maxLineBytes: number;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private pendingKept = 0;
  private pendingLastByte = -1;
  private lineCount = 0;
  private nextOffset = 0;
  private byteCount = 0;

  constructor(onLine: ByteLineHandler, options: LineSplitterOptions = {}) {
    this.onLine = onLine;
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    this.nextOffset = options.startOffset ?? 0;
    if (!(this.maxLineBytes > 0 && this.maxLineBytes <= MAX_LINE_BYTES)) {
      throw new RangeError(`maxLineBytes must be between 1 and ${MAX_LINE_BYTES}, got ${this.maxLineBytes}`);
    }
  }

  /** Bytes pushed so far. */
  get bytes(): number {
    return this.byteCount;
  }

  /** Lines delivered so far. */
  get lines(): number {
    return this.lineCount;
  }

  push(chunk: Uint8Array): void {
    this.byteCount += chunk.length;
    let start = 0;
    if (this.pendingBytes > 0) {
      const newline = chunk.indexOf(NEWLINE);
      if (newline === -1) {
        this.keep(chunk);
        return;
      }
      this.keep(chunk.subarray(0, newline));
      this.flushPending(1);
      start = newline + 1;
    }
    // A Node Buffer's indexOf is memchr; a plain Uint8Array's is slower but still native.
    let newline = chunk.indexOf(NEWLINE, start);
    while (newline !== -1) {
      const full = newline - start;
      let end = newline > start && chunk[newline - 1] === CARRIAGE_RETURN ? newline - 1 : newline;
      const length = end - start;
      if (length > this.maxLineBytes) end = start + this.maxLineBytes;
      this.deliver(chunk, start, end, length, full + 1);
      start = newline + 1;
      newline = chunk.indexOf(NEWLINE, start);
    }
    if (start < chunk.length) this.keep(chunk.subarray(start));
  }

  /** Deliver a last line that has no newline. */
  end(): void {
    if (this.pendingBytes > 0) this.flushPending(0);
  }

  private keep(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.pendingBytes += bytes.length;
    this.pendingLastByte = bytes[bytes.length - 1] ?? -1;
    const room = this.maxLineBytes - this.pendingKept;
    if (room <= 0) return;
    // Copy: a stream may reuse the chunk's memory once we return (lib/pipeline/file-chunks.ts's fileChunks
    // does). Uint8Array's slice, called as such: a Buffer's own slice is a view, not a copy.
    const kept = Uint8Array.prototype.slice.call(bytes, 0, Math.min(room, bytes.length));
    this.pending.push(kept);
    this.pendingKept += kept.length;
  }

  private flushPending(terminatorBytes: number): void {
    const joined = joinBytes(this.pending, this.pendingKept);
    const length = this.pendingLastByte === CARRIAGE_RETURN ? this.pendingBytes - 1 : this.pendingBytes;
    const consumed = this.pendingBytes + terminatorBytes;
    this.pending = [];
    this.pendingBytes = 0;
    this.pendingKept = 0;
    this.pendingLastByte = -1;
    this.deliver(joined, 0, Math.min(length, joined.length), length, consumed);
  }

  private deliver(bytes: Uint8Array, start: number, end: number, length: number, consumed: number): void {
    const offset = this.nextOffset;
    this.nextOffset += consumed;
    this.lineCount++;
    // The file's own UTF-8 byte order mark is not part of its first line.
    if (offset === 0 && end - start >= 3 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf) {
      start += 3;
    }
    this.onLine(bytes, start, end, this.lineCount, offset, length);
  }
}

function joinBytes(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The same splitting, with each line decoded as UTF-8; for previews and callers that want text. */
export class LineSplitter {
  private readonly bytesSplitter: ByteLineSplitter;
  private readonly decoder = new TextDecoder("utf-8", { ignoreBOM: true });

  constructor(onLine: LineHandler, options: LineSplitterOptions = {}) {
    this.bytesSplitter = new ByteLineSplitter(
      (bytes, start, end, line, offset, length) => onLine(this.decoder.decode(bytes.subarray(start, end)), line, offset, length),
      options,
    );
  }

  get bytes(): number {
    return this.bytesSplitter.bytes;
  }

  get lines(): number {
    return this.bytesSplitter.lines;
  }

  push(chunk: Uint8Array): void {
    this.bytesSplitter.push(chunk);
  }

  end(): void {
    this.bytesSplitter.end();
  }
}

/** Split a whole in-memory text or byte array into lines (small inputs, tests, previews). */
export function splitLines(input: Uint8Array | string, options?: LineSplitterOptions): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((text) => lines.push(text), options);
  splitter.push(typeof input === "string" ? new TextEncoder().encode(input) : input);
  splitter.end();
  return lines;
}
