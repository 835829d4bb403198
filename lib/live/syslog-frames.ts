/**
 * Cuts a syslog TCP byte stream into messages (RFC 6587). Each frame is told by its first byte:
 * a digit 1-9 starts octet counting (`MSG-LEN SP SYSLOG-MSG`, the message may hold line breaks);
 * anything else is non-transparent framing, up to a LF. Senders mix the two only across
 * connections, but deciding per frame costs nothing and tolerates a LF some senders add after an
 * octet-counted frame. A frame that cannot be read (a count not followed by a space, a message
 * longer than MAX_SYSLOG_MESSAGE_BYTES) is reported and skipped up to the next LF, where the
 * stream is most likely to be in step again.
 */

/** Larger than any syslog daemon sends (rsyslog's default is 8 KiB), small enough to bound memory per connection. */
export const MAX_SYSLOG_MESSAGE_BYTES = 256 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const EMPTY = Buffer.alloc(0);

export interface FrameSink {
  message(frame: Buffer): void;
  /** Why the bytes were skipped, as a noun phrase ("a frame whose ..."). */
  bad(reason: string): void;
}

export class SyslogFramer {
  private pending: Buffer = EMPTY;
  // After a bad frame: bytes are dropped up to the next LF.
  private skipping = false;

  constructor(private readonly maxBytes = MAX_SYSLOG_MESSAGE_BYTES) {}

  /** Takes the next bytes of the connection; whole messages go to `sink` in order. */
  push(chunk: Buffer, sink: FrameSink): void {
    let data = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    let at = 0;
    for (;;) {
      if (this.skipping) {
        const lf = data.indexOf(LF, at);
        if (lf === -1) {
          at = data.length;
          break;
        }
        this.skipping = false;
        at = lf + 1;
      }
      // Line breaks between frames (a LF after an octet-counted frame, blank lines) carry nothing.
      while (at < data.length && (data[at] === LF || data[at] === CR || data[at] === 0)) at++;
      if (at >= data.length) break;
      const first = data[at]!;
      const next = first >= 0x31 && first <= 0x39 ? this.octetCounted(data, at, sink) : this.lineFramed(data, at, sink);
      if (next === null) break;
      at = next;
    }
    this.pending = at >= data.length ? EMPTY : Buffer.from(data.subarray(at));
    data = EMPTY;
  }

  /** The connection closed: a last LF-framed message without its LF still counts; a cut octet-counted one does not. */
  end(sink: FrameSink): void {
    const rest = this.pending;
    this.pending = EMPTY;
    if (rest.length === 0 || this.skipping) return;
    const first = rest[0]!;
    if (first >= 0x31 && first <= 0x39) sink.bad(`an octet-counted frame cut short by the end of its connection`);
    else sink.message(trimEnd(rest));
  }

  /** The position after the frame at `at`, or null when it is not all there yet. */
  private octetCounted(data: Buffer, at: number, sink: FrameSink): number | null {
    let i = at;
    let length = 0;
    while (i < data.length && data[i]! >= 0x30 && data[i]! <= 0x39 && i - at < 10) {
      length = length * 10 + (data[i]! - 0x30);
      i++;
    }
    if (i >= data.length) return null;
    if (data[i] !== SPACE || length > this.maxBytes) {
      sink.bad(
        data[i] !== SPACE
          ? `a frame that started with a digit whose length was not followed by a space`
          : `a frame of ${length} bytes, more than the ${this.maxBytes} a syslog message may have`,
      );
      this.skipping = true;
      return at;
    }
    const end = i + 1 + length;
    if (end > data.length) return null;
    sink.message(trimEnd(data.subarray(i + 1, end)));
    return end;
  }

  private lineFramed(data: Buffer, at: number, sink: FrameSink): number | null {
    const lf = data.indexOf(LF, at);
    if (lf === -1) {
      if (data.length - at <= this.maxBytes) return null;
      sink.bad(`a message longer than ${this.maxBytes} bytes without a line break`);
      this.skipping = true;
      return data.length;
    }
    sink.message(trimEnd(data.subarray(at, lf)));
    return lf + 1;
  }
}

/** The message without the trailer a sender may leave (CR, LF, NUL). */
export function trimEnd(message: Buffer): Buffer {
  let end = message.length;
  while (end > 0 && (message[end - 1] === LF || message[end - 1] === CR || message[end - 1] === 0)) end--;
  return end === message.length ? message : message.subarray(0, end);
}
