import { Queue } from "bullmq";
import { DETECT_JOB } from "@/lib/jobs/job-config";
import { QUEUE_NAME, queueConnection, queueJobId, showQueueUrl } from "./queue-connection";

/**
 * The producer side of queue mode: adding a job for the workers and taking a queued one back.
 * One Queue per process and URL (on globalThis, like the Prisma client: Next.js reloads modules).
 */

/** How long the web server waits for Redis before telling the analyst the queue is down. */
const ADD_TIMEOUT_MS = 5000;
/** Failed BullMQ jobs stay this long for inspection (the DB job holds the analyst's sentence). */
const KEEP_FAILED_SECONDS = 7 * 24 * 3600;

const cache = globalThis as typeof globalThis & { logscopeJobQueue?: { url: string; queue: Queue } };

export function jobQueue(url: string): Queue {
  const kept = cache.logscopeJobQueue;
  if (kept?.url === url) return kept.queue;
  if (kept) void kept.queue.close().catch(() => undefined);
  const queue = new Queue(QUEUE_NAME, { connection: queueConnection(url) });
  // Without a listener an unreachable Redis would be an uncaught 'error' event; calls still fail.
  queue.on("error", (error) => console.error(`Logscope job queue (${showQueueUrl(url)}):`, error.message));
  cache.logscopeJobQueue = { url, queue };
  return queue;
}

/** Closes this process's queue connection (tests, a stopping worker). */
export async function closeJobQueue(): Promise<void> {
  const kept = cache.logscopeJobQueue;
  cache.logscopeJobQueue = undefined;
  await kept?.queue.close();
}

function withTimeout<T>(work: Promise<T>, url: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`The job queue at ${showQueueUrl(url)} did not answer within ${ADD_TIMEOUT_MS / 1000} s; check that Redis is running.`)),
      ADD_TIMEOUT_MS,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Hands a queued DB job to the workers. Idempotent: the BullMQ id is the DB job's, so a second add
 * (a worker's sweep re-adding what a crash lost) does nothing while the first is still there. A
 * training failure is recorded by the worker in the DB, not retried; only a worker that stops
 * mid-job (its lease lapses) hands the job on, once (the workers' maxStalledCount).
 */
export async function enqueueJob(jobId: number, url: string): Promise<void> {
  const queue = jobQueue(url);
  const add = async () => {
    // A finished BullMQ job of this id belongs to an earlier store (a database made anew against
    // the same Redis restarts its ids): it would make this add a no-op, and the run would never start.
    const stale = await queue.getJob(queueJobId(jobId));
    if (stale && ((await stale.isFailed()) || (await stale.isCompleted()))) await stale.remove();
    await queue.add(
      DETECT_JOB,
      { jobId },
      { jobId: queueJobId(jobId), attempts: 1, removeOnComplete: true, removeOnFail: { age: KEEP_FAILED_SECONDS } },
    );
  };
  await withTimeout(add(), url);
}

/**
 * Takes a cancelled job out of the queue if no worker holds it yet. A job a worker holds is locked
 * and stays: that worker sees the cancel in the DB within a second and ends it.
 */
export async function withdrawJob(jobId: number, url: string): Promise<void> {
  await withTimeout(jobQueue(url).remove(queueJobId(jobId)), url);
}
