import "server-only";
import { ACTIVE_STATUSES, isActive } from "@/lib/domain/types";
import { createJob } from "@/lib/db/create-job";
import { createRun } from "@/lib/db/create-run";
import { deleteRun } from "@/lib/db/delete-run";
import { DatabaseError } from "@/lib/db/errors";
import { getRun } from "@/lib/db/get-run";
import { listJobs } from "@/lib/db/list-jobs";
import type { RunRecord } from "@/lib/db/types";
import { updateJob } from "@/lib/db/update-job";
import { updateRun } from "@/lib/db/update-run";
import type { DetectParams } from "@/lib/pipeline/params";
import { DETECT_JOB } from "@/lib/jobs/job-config";
import { dispatchJob, jobsCancelled } from "@/lib/jobs/queue/dispatch";
import { forgetRunCaches } from "./relabel-run";
import { removeRunModelFiles, removeUploadFile } from "@/lib/jobs/run-files";
import { notFound, ServiceError } from "@/lib/server/http/service-error";
import { isStored } from "@/lib/storage/local-copy";
import { forgetExplanationCaches } from "./window-explanation";
import { discardLabels, keepLabelsForRun, type ReceivedLabels } from "@/lib/server/uploads/store-labels";
import { removeRunLabels } from "@/lib/jobs/run-files";

/**
 * Queues a detection run of a stored log; returns at once (the job runner trains it). A labels
 * file (already read once, so known to be labels) moves to the run's labels folder before the job
 * exists, so the worker always finds it.
 */
export async function queueRun(input: { logFileId: number; params: DetectParams; labels?: ReceivedLabels | null }): Promise<RunRecord> {
  let run: RunRecord;
  try {
    run = await createRun({ logFileId: input.logFileId, params: input.params });
  } catch (error) {
    if (input.labels) await discardLabels(input.labels);
    if (error instanceof DatabaseError && error.code === "invalid") {
      const message = `There is no stored log with id ${input.logFileId}: upload the log again.`;
      throw new ServiceError(404, message, { logFileId: message });
    }
    throw error;
  }
  try {
    const stored = await getRun(run.id);
    if (!stored || !(await isStored(stored.logFile.storedPath))) {
      const message = `The stored copy of ${stored?.logFile.originalName ?? "this log"} is no longer on the server: upload it again.`;
      throw new ServiceError(409, message, { logFileId: message });
    }
    if (input.labels) await keepLabelsForRun(input.labels, run.id);
    const job = await createJob({ kind: DETECT_JOB, runId: run.id, message: "Waiting for the worker" });
    // To the built-in runner, or the queue of `npm run worker` processes (LOGSCOPE_QUEUE_URL).
    await dispatchJob(job.id).catch((error: unknown) => {
      console.error(`Logscope: could not queue job ${job.id}:`, error);
      throw new ServiceError(503, "The job queue is not answering, so the run was not started; try again in a moment (the administrator should check Redis).");
    });
  } catch (error) {
    if (input.labels) await discardLabels(input.labels);
    await removeRunLabels(run.id).catch(() => undefined);
    await deleteRun(run.id).catch(() => undefined);
    throw error;
  }
  return run;
}

/**
 * Cancels a queued or running run: its jobs are marked cancelled (a queued one is then never
 * started; the runner kills a running one's worker and removes what it wrote) and so is the run.
 */
export async function cancelRun(runId: number): Promise<RunRecord> {
  const run = await getRun(runId);
  if (!run) throw notFound(`There is no run ${runId}.`);
  if (!isActive(run.status)) {
    throw new ServiceError(409, `Run ${runId} has already ${run.status === "cancelled" ? "been cancelled" : run.status}; there is nothing to cancel.`);
  }
  const jobs = await listJobs({ runId, statuses: ACTIVE_STATUSES });
  if (jobs.length === 0) {
    // Its job has just succeeded; the worker is recording the run's status.
    const [latest] = await listJobs({ runId, limit: 1 });
    if (latest?.status === "succeeded") throw new ServiceError(409, `Run ${runId} finished before it could be cancelled.`);
  }
  let cancelled = jobs.length === 0;
  const cancelledIds: number[] = [];
  for (const job of jobs) {
    const done = await updateJob(job.id, { status: "cancelled", message: "Cancelled" }, { onlyIf: ACTIVE_STATUSES });
    cancelled ||= done !== null;
    if (done) cancelledIds.push(job.id);
  }
  if (!cancelled) {
    // The worker finished (or failed) in the meantime.
    const now = await getRun(runId);
    throw new ServiceError(409, `Run ${runId} finished before it could be cancelled (${now?.status ?? "deleted"}).`);
  }
  const updated = await updateRun(runId, { status: "cancelled", error: null });
  await jobsCancelled(cancelledIds);
  return updated;
}

/**
 * Deletes a run: its rows (windows, jobs, presets), its model files and, when no other run uses
 * it, the stored upload. A run in progress is cancelled first. Nothing of another run is touched.
 */
export async function removeRun(runId: number): Promise<void> {
  // Deleting is the remedy a damaged row's message names, so a run that cannot be read is still deleted.
  const run = await getRun(runId).catch((error: unknown) => {
    if (error instanceof DatabaseError && error.code === "corrupt") return undefined;
    throw error;
  });
  if (run === null) throw notFound(`There is no run ${runId}.`);
  if (run && isActive(run.status)) await cancelRun(runId).catch(() => undefined);
  const deleted = await deleteRun(runId);
  if (!deleted) throw notFound(`There is no run ${runId}.`);
  forgetRunCaches(runId);
  forgetExplanationCaches(runId, deleted.modelDir);
  if (!deleted.modelStillUsed) await removeRunModelFiles(runId, deleted.modelDir);
  await removeRunLabels(runId);
  if (!deleted.logFileStillUsed) await removeUploadFile(deleted.storedPath);
}
