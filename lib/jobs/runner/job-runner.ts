import { spawn, type ChildProcess } from "node:child_process";
import { claimNextJob } from "@/lib/db/claim-next-job";
import { ensureDatabase } from "@/lib/db/ensure-database";
import { DatabaseError } from "@/lib/db/errors";
import { failStaleJobs } from "@/lib/db/fail-stale-jobs";
import { getJob } from "@/lib/db/get-job";
import type { JobRecord } from "@/lib/db/types";
import { updateJob } from "@/lib/db/update-job";
import { updateRun } from "@/lib/db/update-run";
import { DETECT_JOB, findProjectRoot, jobConcurrency, jobPollMs, workerEnv } from "@/lib/jobs/job-config";
import { RESTART_MESSAGE } from "@/lib/jobs/job-messages";
import { holdQueue, type QueueHold } from "./hold-queue";
import { settleEndedJob } from "./settle-ended-job";
import { WORKER_NOT_BUILT, workerCommand } from "./worker-command";

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

interface Worker {
  jobId: number;
  runId: number;
  child: ChildProcess;
  exited: Promise<void>;
  killing: boolean;
}

function forwardOutput(stream: NodeJS.ReadableStream | null, jobId: number): void {
  let rest = "";
  stream?.setEncoding("utf8");
  stream?.on("data", (text: string) => {
    const lines = (rest + text).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) process.stderr.write(`[logscope job ${jobId}] ${line}\n`);
  });
  stream?.on("end", () => rest && process.stderr.write(`[logscope job ${jobId}] ${rest}\n`));
}

class Runner implements JobRunner {
  readonly ready: Promise<void>;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly root: string;
  private readonly workers = new Map<number, Worker>();
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
    for (const worker of this.workers.values()) this.kill(worker);
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
      if (!job || job.status === "cancelled") this.kill(worker);
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
    if (job.runId === null) {
      await updateJob(job.id, { status: "failed", error: "This job has no run to train." }, { onlyIf: "running" });
      return;
    }
    const runId = job.runId;
    try {
      await updateRun(runId, { status: "running", error: null });
    } catch (error) {
      if (error instanceof DatabaseError && error.code === "not_found") {
        await updateJob(job.id, { status: "cancelled", message: "The run was deleted" }, { onlyIf: "running" });
      } else {
        console.error(`Logscope job ${job.id}: could not start:`, error);
        await settleEndedJob(runId, job.id);
      }
      return;
    }
    // A cancel between the claim and the update above must win.
    const now = await getJob(job.id);
    if (!now || now.status !== "running") {
      await settleEndedJob(runId, job.id);
      return;
    }
    await updateJob(job.id, { message: "Starting the worker" }, { onlyIf: "running" });
    const command = workerCommand(job.id, this.root);
    if ("missing" in command) {
      console.error(`Logscope job ${job.id}: ${command.missing} is missing: run "npm run build" first.`);
      await settleEndedJob(runId, job.id, undefined, WORKER_NOT_BUILT);
      return;
    }
    const child = spawn(command.command, command.args, {
      cwd: this.root,
      env: workerEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    forwardOutput(child.stdout, job.id);
    forwardOutput(child.stderr, job.id);
    const worker: Worker = { jobId: job.id, runId, child, killing: false, exited: Promise.resolve() };
    worker.exited = new Promise<void>((resolve) => {
      child.on("error", (error) => console.error(`Logscope job ${job.id}: worker could not start:`, error));
      child.on("close", (code, signal) => {
        this.workers.delete(job.id);
        // A worker killed because the server is stopping was interrupted, not broken.
        settleEndedJob(runId, job.id, { code, signal }, this.stopped ? RESTART_MESSAGE : undefined)
          .catch((error: unknown) => console.error(`Logscope job ${job.id}: could not settle:`, error))
          .finally(() => {
            resolve();
            this.wake();
          });
      });
    });
    this.workers.set(job.id, worker);
  }

  private kill(worker: Worker): void {
    if (worker.killing) return;
    worker.killing = true;
    worker.child.kill("SIGTERM");
    setTimeout(() => worker.child.exitCode === null && worker.child.signalCode === null && worker.child.kill("SIGKILL"), 3000).unref();
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
