import { ACTIVE_STATUSES } from "@/lib/domain/types";
import { getJob } from "@/lib/db/get-job";
import { listJobs } from "@/lib/db/list-jobs";
import { updateJob } from "@/lib/db/update-job";
import { updateRun } from "@/lib/db/update-run";
import { DETECT_JOB } from "@/lib/jobs/job-config";
import { settleEndedJob } from "@/lib/jobs/runner/settle-ended-job";
import { enqueueJob, jobQueue } from "./job-queue";
import { QUEUE_FAILED, QUEUE_LOST, STOPPED_TWICE } from "./queue-messages";
import { queueJobId } from "./queue-connection";

/**
 * Keeping the DB (the analyst's truth) in step with the queue when the queue gives up on a job or
 * loses it. Every worker runs this, and every write is conditional on the job still being active,
 * so several workers doing it at once write once.
 */

/** Fails an active DB job with `sentence` and clears what its attempts left (windows, model files). */
export async function failJob(jobId: number, sentence: string): Promise<boolean> {
  const failed = await updateJob(jobId, { status: "failed", message: "Failed", error: sentence }, { onlyIf: ACTIVE_STATUSES });
  if (!failed) return false;
  if (failed.runId !== null) {
    await updateRun(failed.runId, { status: "failed", error: sentence }).catch(() => undefined);
    await settleEndedJob(failed.runId, jobId);
  }
  return true;
}

/** BullMQ failed a job (QueueEvents 'failed'): the DB job ends failed with the reason in words. */
export async function queueFailedJob(jobId: number, failedReason: string): Promise<void> {
  // BullMQ's reason when a job's lock lapsed more often than maxStalledCount allows.
  const sentence = /stalled more than allowable limit/i.test(failedReason) ? STOPPED_TWICE : QUEUE_FAILED;
  if (await failJob(jobId, sentence)) console.error(`Logscope worker: job ${jobId} failed in the queue (${failedReason}).`);
}

/**
 * Reconciles the active DB jobs with the queue: a queued job the queue does not hold (the server
 * stopped between the two writes, or Redis lost it) is added again; a running job the queue holds
 * nowhere, or has failed, had its worker lost with no event to say so, and fails. Reads the DB job
 * again after the queue, so a job finishing meanwhile is left alone.
 */
export async function sweepJobs(url: string): Promise<void> {
  const active = await listJobs({ statuses: ACTIVE_STATUSES, limit: 500 });
  for (const seen of active) {
    if (seen.kind !== DETECT_JOB) continue;
    const state = await jobQueue(url).getJobState(queueJobId(seen.id));
    if (state !== "unknown" && state !== "failed" && state !== "completed") continue;
    const now = await getJob(seen.id);
    if (now?.status === "queued" && state === "unknown") {
      await enqueueJob(now.id, url);
      console.error(`Logscope worker: job ${now.id} was queued in the database but not in the job queue; added it.`);
    } else if (now?.status === "running" && state === "failed") {
      const failed = await jobQueue(url).getJob(queueJobId(now.id));
      await queueFailedJob(now.id, failed?.failedReason ?? "");
    } else if (now?.status === "running") {
      if (await failJob(now.id, QUEUE_LOST)) console.error(`Logscope worker: job ${now.id} was running with no worker holding it; failed it.`);
    }
  }
}
