import { setStreamProblem } from "@/lib/db/set-stream-problem";

/**
 * Writes a live source's problems to its stream (lastProblem, one sentence the live page shows), at
 * most once per `intervalMs`: a sender spraying bad messages must not turn each one into a database
 * write. The latest sentence wins; the first one is written at once. A failed write is dropped (the
 * next problem tries again): a problem report must never stop a source.
 */
export class ProblemReporter {
  private latest: string | null = null;
  private lastWrite = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly streamId: number,
    private readonly intervalMs = 1000,
  ) {}

  report(sentence: string): void {
    this.latest = sentence;
    if (this.timer) return;
    const wait = this.lastWrite + this.intervalMs - Date.now();
    if (wait <= 0) this.write();
    else this.timer = setTimeout(() => this.write(), wait);
  }

  /** Writes what is waiting now and resolves once every write is done. */
  async flush(): Promise<void> {
    if (this.timer) this.write();
    await this.writing;
  }

  private write(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const sentence = this.latest;
    this.latest = null;
    if (sentence === null) return;
    this.lastWrite = Date.now();
    this.writing = this.writing.then(() => setStreamProblem(this.streamId, sentence)).catch(() => undefined);
  }
}
