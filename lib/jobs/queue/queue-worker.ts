import { hostname } from "node:os";
import { QueueEvents, WaitingError, Worker, type Job } from "bullmq";
import { claimJob, requeueJob } from "@/lib/db/claim-job";
import { getJob } from "@/lib/db/get-job";
import { updateJob } from "@/lib/db/update-job";
import { updateRun } from "@/lib/db/update-run";
import { clearRunWindows, removeJobModelFiles } from "@/lib/jobs/run-files";
import { launchJobWorker, type LaunchedWorker } from "@/lib/jobs/runner/launch-job-worker";
import { settleEndedJob, type WorkerExit } from "@/lib/jobs/runner/settle-ended-job";
import { closeJobQueue } from "./job-queue";
import { queueFailedJob, sweepJobs } from "./lost-jobs";
import { HANDED_BACK, LOST_WORKER, TAKEN_OVER } from "./queue-messages";
import { dbJobIdOf, QUEUE_NAME, queueConnection, showQueueUrl } from "./queue-connection";

export interface QueueWorkerOptions {
  /** LOGSCOPE_QUEUE_URL. */
  url: string;
  /** The project root holding dist/worker-main.cjs. */
  root: string;
  /** LOGSCOPE_JOB_LEASE_SECONDS: BullMQ's lockDuration, renewed every half of it while this process lives. */
  leaseSeconds: number;
  /** How often the DB job is checked for a cancel (default 1000 ms). */
  cancelPollMs?: number;
  /** How often the DB and the queue are reconciled (default 60 s; also once at start). */
  sweepMs?: number;
}

export interface QueueWorker {
  /** This worker's name in logs and in BullMQ (host:pid). */
  readonly name: string;
  /** Stops taking jobs, hands the current one back to the queue, closes the connections. */
  stop(): Promise<void>;
}

/** What this worker holds now (one job at a time: concurrency 1). */
interface Holding {
  jobId: number;
  queueId: string;
  launched: LaunchedWorker | null;
  /** BullMQ could not renew the lock: the job is, or soon will be, another worker's. */
  lockLost: boolean;
  /** Stopping, this worker put the job back to queued; BullMQ must get it back too. */
  handedBack: boolean;
}

/**
 * The stalled check runs this often in every worker; with lockDuration it bounds how long a dead
 * worker's job waits: at most one lease for its lock to lapse, plus one interval to be noticed.
 */
export const stalledIntervalMs = (leaseSeconds: number): number => Math.min(Math.max(leaseSeconds * 200, 1000), 5000);

/**
 * A BullMQ worker of LOGSCOPE_QUEUE_URL's queue running one job at a time, each exactly as the
 * built-in runner does (launchJobWorker: `node dist/worker-main.cjs <jobId>`, then settleEndedJob).
 * Concurrency 1: a job's training is single-threaded CPU work, so throughput scales with worker
 * processes (machines), not with jobs per process.
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const name = `${hostname()}:${process.pid}`;
  const say = (text: string) => console.error(`Logscope worker ${name}: ${text}`);
  const cancelPollMs = options.cancelPollMs ?? 1000;
  let holding: Holding | null = null;
  let stopping = false;

  /** After the job's process exited: leave it to the queue, hand it back, or settle it as the runner does. */
  const settle = async (held: Holding, runId: number, jobId: number, exit: WorkerExit): Promise<void> => {
    if (held.lockLost) {
      say(`lost its lease on job ${jobId}; the queue hands it to another worker.`);
      return;
    }
    if (stopping && (await requeueJob(jobId, HANDED_BACK))) {
      held.handedBack = true;
      await removeJobModelFiles(runId, jobId);
      await clearRunWindows(runId);
      await updateRun(runId, { status: "queued", modelDir: null }).catch(() => undefined);
      say(`stopping: handed job ${jobId} back to the queue.`);
      return;
    }
    await settleEndedJob(runId, jobId, exit);
  };

  const watchCancel = async (held: Holding): Promise<void> => {
    const job = await getJob(held.jobId).catch(() => undefined);
    if (job === null || job?.status === "cancelled") held.launched?.kill();
  };

  const processJob = async (queued: Job, token?: string): Promise<string> => {
    const jobId = dbJobIdOf(queued.id);
    if (jobId === null) return "ignored";
    const claimed = await claimJob(jobId);
    if (!claimed) {
      // Cancelled (or finished, or deleted) before any worker took it: tidy up and drop it.
      const job = await getJob(jobId);
      if (job?.runId != null) await settleEndedJob(job.runId, jobId);
      say(`dropped job ${jobId}: it is ${job?.status ?? "deleted"}.`);
      return "dropped";
    }
    const { job, takeover } = claimed;
    say(`took job ${jobId} (run ${job.runId ?? "none"}), attempt ${queued.attemptsStarted}${takeover ? ", after its previous worker stopped" : ""}.`);
    if (takeover && job.runId !== null) {
      // What the dead attempt wrote goes before this one starts (its model directory has the same name).
      await updateJob(jobId, { message: TAKEN_OVER }, { onlyIf: "running" });
      await removeJobModelFiles(job.runId, jobId);
      await clearRunWindows(job.runId);
      await updateRun(job.runId, { modelDir: null }).catch(() => undefined);
    }
    const held: Holding = { jobId, queueId: String(queued.id), launched: null, lockLost: false, handedBack: false };
    holding = held;
    try {
      held.launched = await launchJobWorker(job, options.root, { settle: (runId, id, exit) => settle(held, runId, id, exit) });
      if (!held.launched) return "ended";
      if (stopping) held.launched.kill();
      const timer = setInterval(() => void watchCancel(held), cancelPollMs);
      try {
        await held.launched.exited;
      } finally {
        clearInterval(timer);
      }
      if (held.handedBack && token) {
        await queued.moveToWait(token);
        throw new WaitingError();
      }
      const final = await getJob(jobId);
      say(`job ${jobId} ended ${final?.status ?? "deleted"}.`);
      return final?.status ?? "deleted";
    } finally {
      holding = null;
    }
  };

  const connection = queueConnection(options.url);
  const worker = new Worker(QUEUE_NAME, processJob, {
    connection,
    name,
    concurrency: 1,
    lockDuration: options.leaseSeconds * 1000,
    stalledInterval: stalledIntervalMs(options.leaseSeconds),
    maxStalledCount: 1,
    autorun: false,
  });
  worker.on("error", (error) => {
    const lost = /could not renew lock for job (\S+)/.exec(error.message);
    const held: Holding | null = holding;
    if (lost && held && held.queueId === lost[1]) {
      held.lockLost = true;
      held.launched?.kill();
    }
    say(`queue error: ${error.message}`);
  });
  worker.on("stalled", (queueId) => {
    say(`job ${queueId} lost its worker (lease expired); back in the queue.`);
    const jobId = dbJobIdOf(queueId);
    if (jobId !== null) void updateJob(jobId, { message: LOST_WORKER }, { onlyIf: "running" }).catch(() => undefined);
  });

  // Every worker hears every 'failed' event; the DB write is conditional, so it lands once.
  const events = new QueueEvents(QUEUE_NAME, { connection });
  events.on("error", (error) => say(`queue events error: ${error.message}`));
  events.on("failed", ({ jobId: queueId, failedReason }) => {
    const jobId = dbJobIdOf(queueId);
    if (jobId !== null) void queueFailedJob(jobId, failedReason).catch((error: unknown) => say(`could not record job ${jobId} as failed: ${String(error)}`));
  });

  await Promise.all([worker.waitUntilReady(), events.waitUntilReady()]);
  const sweep = () => sweepJobs(options.url).catch((error: unknown) => say(`could not reconcile the queue: ${String(error)}`));
  await sweep();
  const sweeper = setInterval(() => void sweep(), options.sweepMs ?? 60_000);
  sweeper.unref();
  void worker.run().catch((error: unknown) => say(`stopped: ${String(error)}`));
  say(`waiting for jobs on ${showQueueUrl(options.url)} (lease ${options.leaseSeconds} s).`);

  let stopped: Promise<void> | null = null;
  return {
    name,
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        clearInterval(sweeper);
        holding?.launched?.kill();
        await worker.close();
        await events.close();
        await closeJobQueue();
      })()),
  };
}
