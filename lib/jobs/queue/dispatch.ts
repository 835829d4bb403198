import { config } from "@/lib/config/env";
import { wakeJobRunner } from "@/lib/jobs/runner/job-runner";
import { enqueueJob, withdrawJob } from "./job-queue";

/**
 * What the server calls after queueing or cancelling jobs, whichever mode runs them: with
 * LOGSCOPE_QUEUE_URL the BullMQ queue of `npm run worker` processes, else this process's own
 * runner (job-runner.ts). The DB job row is the truth for status and progress in both modes.
 */

/** After a DB job was created queued: hand it to whoever runs jobs. Throws when the queue is unreachable. */
export async function dispatchJob(jobId: number): Promise<void> {
  const url = config().queueUrl;
  if (url === undefined) wakeJobRunner();
  else await enqueueJob(jobId, url);
}

/**
 * After DB jobs were marked cancelled: a job no worker holds yet leaves the queue; a running one's
 * worker sees the cancel in the DB and stops. Never throws: a job left in the queue by a Redis
 * hiccup is dropped by the worker that takes it (its DB row is no longer queued).
 */
export async function jobsCancelled(jobIds: readonly number[]): Promise<void> {
  const url = config().queueUrl;
  if (url === undefined) {
    wakeJobRunner();
    return;
  }
  for (const jobId of jobIds) {
    await withdrawJob(jobId, url).catch((error: unknown) => {
      console.error(`Logscope: could not take job ${jobId} out of the queue (a worker will drop it):`, error);
    });
  }
}
