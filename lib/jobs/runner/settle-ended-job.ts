import { isActive } from "@/lib/domain/types";
import { getJob } from "@/lib/db/get-job";
import { getRun } from "@/lib/db/get-run";
import { updateJob } from "@/lib/db/update-job";
import { updateRun } from "@/lib/db/update-run";
import { clearRunWindows, removeJobModelFiles } from "@/lib/jobs/run-files";
import { TRAINING_FAILED } from "@/lib/jobs/job-messages";

export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Brings job, run and files in line once a job's worker is gone (or never started). A worker that
 * died with its job still running crashed: the job and run fail with `crashMessage`. A job that
 * did not succeed leaves no model files, and its run (unless it succeeded) no windows; a
 * cancelled job's run shows as cancelled.
 */
export async function settleEndedJob(runId: number, jobId: number, exit?: WorkerExit, crashMessage = TRAINING_FAILED): Promise<void> {
  let job = await getJob(jobId);
  if (job?.status === "running") {
    const how = exit ? (exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`) : "no worker";
    console.error(`Logscope job ${jobId}: the worker ended (${how}) without finishing the job.`);
    job = await updateJob(jobId, { status: "failed", message: "Failed", error: crashMessage }, { onlyIf: "running" });
    if (job) await updateRun(runId, { status: "failed", error: crashMessage }).catch(() => undefined);
    job ??= await getJob(jobId);
  }
  if (job?.status === "succeeded") {
    // The worker recorded the results and the job but died before the run's status.
    const run = await getRun(runId);
    if (run?.status === "running") {
      await updateRun(runId, run.windowCount !== null ? { status: "succeeded" } : { status: "failed", error: crashMessage });
    }
    return;
  }
  await removeJobModelFiles(runId, jobId);
  const run = await getRun(runId);
  if (!run || run.status === "succeeded") return;
  await clearRunWindows(runId);
  if (run.modelDir !== null) await updateRun(runId, { modelDir: null });
  if (job?.status === "cancelled" && isActive(run.status)) {
    await updateRun(runId, { status: "cancelled" });
  }
}
