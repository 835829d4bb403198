/** Receives each line without its terminator, with its 1-based number and byte position. */
export type LineHandler = (text: string, line: number, offset: number, length: number) => void;

export interface LineSplitterOptions {
  /** Text kept of a longer line (bytes, default 1 MiB); its offset and length stay exact. */
  maxLineBytes?: number;
}

const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const DEFAULT_MAX_LINE_BYTES = 1 << 20;

/**
 * Splits a byte stream into lines on `\n` (dropping a `\r` before it) and decodes them as UTF-8;
 * bytes that are not UTF-8 become U+FFFD. Only the unfinished last line of a chunk is held
 * between chunks, so memory stays at one chunk plus one line whatever the file size.
 */
export class LineSplitter {
  private readonly onLine: LineHandler;
  private readonly maxLineBytes: number;
  // ignoreBOM keeps a U+FEFF that starts a later chunk; only the file's own BOM is dropped, by hand.
  private readonly decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private pendingKept = 0;
  private pendingLastByte = -1;
  private lineCount = 0;
  private nextOffset = 0;
  private byteCount = 0;

  constructor(onLine: LineHandler, options: LineSplitterOptions = {}) {
    this.onLine = onLine;
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    if (!(this.maxLineBytes > 0)) throw new RangeError(`maxLineBytes must be positive, got ${this.maxLineBytes}`);
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
    const last = chunk.lastIndexOf(NEWLINE);
    if (last >= start) {
      this.splitRegion(chunk, start, last);
      start = last + 1;
    }
    if (start < chunk.length) this.keep(chunk.subarray(start));
  }

  /** Deliver a last line that has no newline. */
  end(): void {
    if (this.pendingBytes > 0) this.flushPending(0);
  }

  /** Lines of `chunk[from, to)`, where `chunk[to]` is a newline: decoded in one call, then cut. */
  private splitRegion(chunk: Uint8Array, from: number, to: number): void {
    const text = this.decoder.decode(chunk.subarray(from, to));
    // UTF-8 never yields more UTF-16 units than bytes, so equal totals mean every line is aligned.
    const aligned = text.length === to - from;
    let b = from;
    let s = 0;
    for (;;) {
      const nb = chunk.indexOf(NEWLINE, b);
      const ns = aligned ? nb - from : nb === to ? text.length : text.indexOf("\n", s);
      let length = nb - b;
      let textEnd = ns;
      if (length > 0 && chunk[nb - 1] === CARRIAGE_RETURN) {
        length--;
        textEnd--;
      }
      if (textEnd - s > this.maxLineBytes) textEnd = s + this.maxLineBytes;
      this.deliver(text.slice(s, textEnd), length, nb - b + 1);
      if (nb === to) return;
      b = nb + 1;
      s = ns + 1;
    }
  }

  private keep(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.pendingBytes += bytes.length;
    this.pendingLastByte = bytes[bytes.length - 1] ?? -1;
    const room = this.maxLineBytes - this.pendingKept;
    if (room <= 0) return;
    // Copy: a stream may reuse the chunk's memory once we return.
    const kept = bytes.slice(0, Math.min(room, bytes.length));
    this.pending.push(kept);
    this.pendingKept += kept.length;
  }

  private flushPending(terminatorBytes: number): void {
    const joined = joinBytes(this.pending, this.pendingKept);
    const truncated = this.pendingKept < this.pendingBytes;
    let text = this.decoder.decode(joined);
    let length = this.pendingBytes;
    if (this.pendingLastByte === CARRIAGE_RETURN) {
      length--;
      if (!truncated) text = text.slice(0, -1);
    }
    const consumed = this.pendingBytes + terminatorBytes;
    this.pending = [];
    this.pendingBytes = 0;
    this.pendingKept = 0;
    this.pendingLastByte = -1;
    this.deliver(text, length, consumed);
  }

  private deliver(text: string, length: number, consumed: number): void {
    const offset = this.nextOffset;
    this.nextOffset += consumed;
    this.lineCount++;
    const line = offset === 0 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    this.onLine(line, this.lineCount, offset, length);
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

/** Split a whole in-memory text or byte array into lines (small inputs, tests, previews). */
export function splitLines(input: Uint8Array | string, options?: LineSplitterOptions): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((text) => lines.push(text), options);
  splitter.push(typeof input === "string" ? new TextEncoder().encode(input) : input);
  splitter.end();
  return lines;
}
