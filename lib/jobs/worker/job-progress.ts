import { updateJob } from "@/lib/db/update-job";
import type { PipelineEvent, PipelineListener, StageName } from "@/lib/pipeline/types";

/** Where each stage starts on the 0..1 progress bar; parsing and the autoencoder take most time. */
const STAGE_START: Record<StageName, number> = {
  parse: 0,
  scale: 0.3,
  isolationForest: 0.32,
  dbscan: 0.36,
  autoencoder: 0.4,
  save: 0.92,
};
const PARSE_SHARE = 0.3;
const EPOCHS_SHARE = 0.5;
export const STORE_PROGRESS = 0.95;
/**
 * At most one progress write a second: the dashboard reads a job's progress once a second
 * (components/runs/use-run-status.ts), so writing more often only costs CPU in the training
 * process and the database (about 2 ms a write through Prisma on PostgreSQL, measured), which two
 * jobs training side by side on one machine take from each other. A cancel is still seen within a
 * second: each write is conditional on the job still running.
 */
const PROGRESS_INTERVAL_MS = 1000;

/** The progress and message a pipeline event stands for. */
export function describeEvent(event: PipelineEvent): { progress: number; message: string } {
  if (event.kind === "epoch") {
    return {
      progress: STAGE_START.autoencoder + (EPOCHS_SHARE * event.epoch) / Math.max(event.epochs, 1),
      message: `Epoch ${event.epoch}/${event.epochs}, loss ${event.loss.toFixed(6)}`,
    };
  }
  if (event.stage === "parse") {
    const fraction = Math.min(Math.max(event.fraction, 0), 1);
    return { progress: PARSE_SHARE * fraction, message: `Parsing the log (${Math.floor(fraction * 100)}%)` };
  }
  return { progress: STAGE_START[event.stage], message: event.message };
}

/**
 * Writes a worker's progress to its job row, at most every `minIntervalMs` (the latest state
 * always lands eventually). Every write is conditional on the job still running: when it no
 * longer is (cancelled, or the run deleted), `onCancelled` fires once and nothing more is written.
 */
export class JobProgress {
  private readonly jobId: number;
  private readonly minIntervalMs: number;
  private readonly onCancelled: () => void;
  private pending: { progress: number; message: string } | null = null;
  private inFlight: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastWrite = 0;
  private highest = 0;
  private stopped = false;
  cancelled = false;

  constructor(jobId: number, options: { minIntervalMs?: number; onCancelled?: () => void } = {}) {
    this.jobId = jobId;
    this.minIntervalMs = options.minIntervalMs ?? PROGRESS_INTERVAL_MS;
    this.onCancelled = options.onCancelled ?? (() => undefined);
  }

  readonly listener: PipelineListener = (event) => {
    const { progress, message } = describeEvent(event);
    this.report(progress, message);
  };

  report(progress: number, message: string): void {
    if (this.stopped) return;
    // Never backwards: an extended run fits its forest after the autoencoder's epochs.
    this.highest = Math.max(this.highest, progress);
    this.pending = { progress: this.highest, message };
    this.schedule();
  }

  /** Writes what is pending now; false when the job turned out to be cancelled. */
  async flush(): Promise<boolean> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.settle();
    if (this.pending && !this.cancelled) {
      this.write();
      await this.settle();
    }
    return !this.cancelled;
  }

  /** Waits until no write is in flight (a write may start another when more progress arrived meanwhile). */
  private async settle(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  /** Stops writing (the job is being finished by other means). */
  stop(): void {
    this.stopped = true;
    this.pending = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.inFlight || this.timer || this.cancelled) return;
    const wait = this.lastWrite + this.minIntervalMs - Date.now();
    if (wait <= 0) {
      this.write();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      this.write();
    }, wait);
  }

  private write(): void {
    const next = this.pending;
    if (!next || this.cancelled || this.stopped) return;
    this.pending = null;
    this.lastWrite = Date.now();
    this.inFlight = updateJob(this.jobId, next, { onlyIf: "running" })
      .then(
        (job) => {
          if (job) return;
          this.cancelled = true;
          this.onCancelled();
        },
        (error: unknown) => {
          // A busy database only delays progress; the next write carries the latest state.
          console.error(`Logscope job ${this.jobId}: could not record progress:`, error);
        },
      )
      .finally(() => {
        this.inFlight = null;
        if (this.pending) this.schedule();
      });
  }
}
