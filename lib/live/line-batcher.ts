/**
 * Gathers a receiver's lines into batches for LiveStream.append (docs/live.md): one append (one
 * transaction) per `maxLines` lines or per `maxDelayMs`, whichever comes first, and one append at a
 * time, so the store sees a few large writes instead of one per message. Memory is bounded: while an
 * append is under way at most one more batch waits (`full` tells a TCP receiver to pause its
 * sockets; `onDrain` to resume them), and a sender that cannot be paused (UDP) has its lines
 * dropped past `maxWaitingLines`, counted, so a slow store never fills the server's memory.
 */

export interface BatcherOptions {
  /** Stores one batch: whole lines, each ending with a line break. Retries by itself; a rejection drops the batch. */
  send: (lines: Buffer, count: number) => Promise<void>;
  maxLines?: number;
  maxDelayMs?: number;
  /** Lines kept while the store is slow; those past it are dropped. */
  maxWaitingLines?: number;
  /** The waiting lines went below a batch again: paused senders may go on. */
  onDrain?: () => void;
  /** `count` lines were dropped because `maxWaitingLines` were waiting. */
  onDrop?: (count: number) => void;
}

const NEWLINE = Buffer.from("\n");

export class LineBatcher {
  private waiting: Buffer[] = [];
  private waitingLines = 0;
  private timer: NodeJS.Timeout | undefined;
  private sending: Promise<void> | null = null;
  private readonly maxLines: number;
  private readonly maxDelayMs: number;
  private readonly maxWaitingLines: number;

  constructor(private readonly options: BatcherOptions) {
    this.maxLines = options.maxLines ?? 2000;
    this.maxDelayMs = options.maxDelayMs ?? 100;
    this.maxWaitingLines = options.maxWaitingLines ?? 50_000;
  }

  /** A whole batch is waiting behind the append under way: a sender that can pause should. */
  get full(): boolean {
    return this.waitingLines >= this.maxLines;
  }

  /** Adds one line (without its line break). False when it was dropped. */
  add(line: Buffer): boolean {
    if (this.waitingLines >= this.maxWaitingLines) {
      this.options.onDrop?.(1);
      return false;
    }
    this.waiting.push(line, NEWLINE);
    this.waitingLines++;
    if (this.waitingLines >= this.maxLines) this.kick();
    else this.timer ??= setTimeout(() => this.kick(), this.maxDelayMs);
    return true;
  }

  /** Sends everything waiting; resolves once it is stored (or the send gave up). */
  async flush(): Promise<void> {
    while (this.sending || this.waitingLines > 0) {
      this.kick();
      await this.sending;
    }
  }

  /** Drops the timer (the receiver is closing; call flush first to keep the lines). */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private kick(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.sending || this.waitingLines === 0) return;
    this.sending = this.sendAll().finally(() => {
      this.sending = null;
      // Lines that came during the last append and did not fill a batch wait for the timer.
      if (this.waitingLines > 0) this.timer ??= setTimeout(() => this.kick(), this.maxDelayMs);
    });
  }

  private async sendAll(): Promise<void> {
    while (this.waitingLines >= this.maxLines || (this.waitingLines > 0 && this.timer === undefined)) {
      const parts = this.waiting.splice(0, 2 * this.maxLines);
      const count = parts.length / 2;
      this.waitingLines -= count;
      const wasFull = this.waitingLines + count >= this.maxLines;
      if (wasFull && this.waitingLines < this.maxLines) this.options.onDrain?.();
      // send retries by itself; a batch it still gives up on is lost, and counted as dropped.
      await this.options.send(Buffer.concat(parts), count).catch(() => this.options.onDrop?.(count));
    }
  }
}
