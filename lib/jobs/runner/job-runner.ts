import { claimNextJob } from "@/lib/db/claim-next-job";
import { ensureDatabase } from "@/lib/db/ensure-database";
import { failStaleJobs } from "@/lib/db/fail-stale-jobs";
import { getJob } from "@/lib/db/get-job";
import type { JobRecord } from "@/lib/db/types";
import { DETECT_JOB, findProjectRoot, jobConcurrency, jobPollMs } from "@/lib/jobs/job-config";
import { RESTART_MESSAGE } from "@/lib/jobs/job-messages";
import { holdQueue, type QueueHold } from "./hold-queue";
import { launchJobWorker, type LaunchedWorker } from "./launch-job-worker";
import { settleEndedJob } from "./settle-ended-job";

export interface JobRunnerOptions {
  /** Jobs at once; default LOGSCOPE_JOB_CONCURRENCY or 1. */
  concurrency?: number;
  /** How often the queue and cancellations are checked; default LOGSCOPE_JOB_POLL_MS or 1000. */
  pollMs?: number;
  /** The project root, holding dist/worker-main.cjs; default findProjectRoot(). */
  root?: string;
}

export interface JobRunner {
  /** Resolves once stale jobs were failed and the first poll ran. */
  readonly ready: Promise<void>;
  /** Polls now (a job was queued or cancelled). */
  wake(): void;
  /** Stops polling and kills running workers (their jobs stay as they are). */
  stop(): Promise<void>;
  /** Ids of jobs whose worker is alive. */
  runningJobIds(): number[];
}

const START_RETRY_MS = 5000;

class Runner implements JobRunner {
  readonly ready: Promise<void>;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly root: string;
  private readonly workers = new Map<number, LaunchedWorker>();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private hold: QueueHold | null = null;

  constructor(options: JobRunnerOptions) {
    this.concurrency = options.concurrency ?? jobConcurrency();
    this.pollMs = options.pollMs ?? jobPollMs();
    this.root = options.root ?? findProjectRoot();
    this.ready = this.start();
  }

  private async start(): Promise<void> {
    for (;;) {
      try {
        this.hold ??= await holdQueue();
        if ("refusal" in this.hold) {
          // Another live server works this queue (and its running jobs): run nothing here.
          console.error(this.hold.refusal);
          this.stopped = true;
          return;
        }
        await ensureDatabase();
        // This process holds DATA_DIR's lock: whatever is still marked running lost its worker with the last server.
        const stale = await failStaleJobs({ message: RESTART_MESSAGE });
        if (stale.jobIds.length > 0) console.error(`Logscope: marked ${stale.jobIds.length} interrupted job(s) as failed.`);
        break;
      } catch (error) {
        // An unwritable DATA_DIR or a locked database should not leave the server without jobs for good.
        console.error(`Logscope job runner could not start; retrying in ${START_RETRY_MS / 1000} s:`, error);
        await new Promise((resolve) => setTimeout(resolve, START_RETRY_MS).unref());
        if (this.stopped) return;
      }
    }
    if (!this.stopped) await this.tick();
  }

  wake(): void {
    if (this.stopped) return;
    void this.tick();
  }

  runningJobIds(): number[] {
    return [...this.workers.keys()];
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ready.catch(() => undefined);
    await this.ticking;
    for (const worker of this.workers.values()) worker.kill();
    await Promise.all([...this.workers.values()].map((w) => w.exited));
    if (this.hold && "release" in this.hold) this.hold.release();
  }

  /** One poll at a time; a wake during a poll runs another right after it. */
  private tick(): Promise<void> {
    if (this.ticking) {
      this.again = true;
      return this.ticking;
    }
    this.ticking = (async () => {
      do {
        this.again = false;
        try {
          await this.killCancelled();
          await this.claimJobs();
        } catch (error) {
          console.error("Logscope job runner: poll failed:", error);
        }
      } while (this.again && !this.stopped);
    })().finally(() => {
      this.ticking = null;
      this.schedule();
    });
    return this.ticking;
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), this.pollMs);
    this.timer.unref();
  }

  private async killCancelled(): Promise<void> {
    for (const worker of this.workers.values()) {
      // Only a cancel (or a deleted run) stops a worker: a succeeded job's worker is still
      // finishing its run.
      const job = await getJob(worker.jobId);
      if (!job || job.status === "cancelled") worker.kill();
    }
  }

  private async claimJobs(): Promise<void> {
    while (!this.stopped && this.workers.size < this.concurrency) {
      const job = await claimNextJob({ kinds: [DETECT_JOB], maxRunning: this.concurrency });
      if (!job) return;
      await this.launch(job);
    }
  }

  private async launch(job: JobRecord): Promise<void> {
    const worker = await launchJobWorker(job, this.root, {
      // A worker killed because the server is stopping was interrupted, not broken.
      settle: (runId, jobId, exit) => settleEndedJob(runId, jobId, exit, this.stopped ? RESTART_MESSAGE : undefined),
      onExit: () => {
        this.workers.delete(job.id);
        this.wake();
      },
    });
    if (worker) this.workers.set(job.id, worker);
  }
}

const globalForRunner = globalThis as typeof globalThis & { logscopeJobRunner?: Runner };

/**
 * Starts this process's job runner, once (dev servers reload modules; the runner lives on
 * globalThis). Later calls return the running one.
 */
export function startJobRunner(options: JobRunnerOptions = {}): JobRunner {
  globalForRunner.logscopeJobRunner ??= new Runner(options);
  const runner = globalForRunner.logscopeJobRunner;
  runner.ready.catch((error: unknown) => console.error("Logscope job runner could not start:", error));
  return runner;
}

/** The runner of this process, if one was started. */
export function currentJobRunner(): JobRunner | null {
  return globalForRunner.logscopeJobRunner ?? null;
}

/** Polls now if this process runs jobs (after queueing or cancelling one). */
export function wakeJobRunner(): void {
  globalForRunner.logscopeJobRunner?.wake();
}

/** Stops and forgets this process's runner (tests). */
export async function stopJobRunner(): Promise<void> {
  const runner = globalForRunner.logscopeJobRunner;
  globalForRunner.logscopeJobRunner = undefined;
  await runner?.stop();
}
