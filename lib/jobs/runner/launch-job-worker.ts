import { spawn, type ChildProcess } from "node:child_process";
import { DatabaseError } from "@/lib/db/errors";
import { getJob } from "@/lib/db/get-job";
import type { JobRecord } from "@/lib/db/types";
import { updateJob } from "@/lib/db/update-job";
import { updateRun } from "@/lib/db/update-run";
import { workerEnv } from "@/lib/jobs/job-config";
import { settleEndedJob, type WorkerExit } from "./settle-ended-job";
import { WORKER_NOT_BUILT, workerCommand } from "./worker-command";

/**
 * Starting a claimed job's worker process and settling the job once it is gone: the one path both
 * the built-in runner (job-runner.ts) and the queue workers (lib/jobs/queue) take, so a job runs
 * the same whoever claimed it.
 */

export interface LaunchedWorker {
  jobId: number;
  runId: number;
  child: ChildProcess;
  /** Resolves once the worker has exited and the job was settled. */
  exited: Promise<void>;
  /** SIGTERM now, SIGKILL 3 s later if it is still there; once. */
  kill(): void;
}

export interface LaunchOptions {
  /** Settles the job after its worker exits; default settleEndedJob (a crash fails the job). */
  settle?: (runId: number, jobId: number, exit: WorkerExit) => Promise<void>;
  /** Called when the worker has exited, after `settle`. */
  onExit?: () => void;
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

/**
 * Marks the claimed job's run running and starts `node dist/worker-main.cjs <jobId>` for it, or
 * settles the job and returns null when there is nothing to run (no run, the run was deleted, a
 * cancel won, or the worker is not built). The child gets an IPC channel only so that it can tell
 * when this process is gone, even killed with SIGKILL (worker-main exits on 'disconnect'): an
 * orphan must never keep writing to a job the queue has handed to another worker.
 */
export async function launchJobWorker(job: JobRecord, root: string, options: LaunchOptions = {}): Promise<LaunchedWorker | null> {
  if (job.runId === null) {
    await updateJob(job.id, { status: "failed", error: "This job has no run to train." }, { onlyIf: "running" });
    return null;
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
    return null;
  }
  // A cancel between the claim and the update above must win.
  const now = await getJob(job.id);
  if (!now || now.status !== "running") {
    await settleEndedJob(runId, job.id);
    return null;
  }
  await updateJob(job.id, { message: "Starting the worker" }, { onlyIf: "running" });
  const command = workerCommand(job.id, root);
  if ("missing" in command) {
    console.error(`Logscope job ${job.id}: ${command.missing} is missing: run "npm run build" first.`);
    await settleEndedJob(runId, job.id, undefined, WORKER_NOT_BUILT);
    return null;
  }
  const child = spawn(command.command, command.args, { cwd: root, env: workerEnv(), stdio: ["ignore", "pipe", "pipe", "ipc"] });
  forwardOutput(child.stdout, job.id);
  forwardOutput(child.stderr, job.id);
  const settle = options.settle ?? ((run, id, exit) => settleEndedJob(run, id, exit));
  let killing = false;
  const exited = new Promise<void>((resolve) => {
    child.on("error", (error) => console.error(`Logscope job ${job.id}: worker could not start:`, error));
    child.on("close", (code, signal) => {
      settle(runId, job.id, { code, signal })
        .catch((error: unknown) => console.error(`Logscope job ${job.id}: could not settle:`, error))
        .finally(() => {
          resolve();
          options.onExit?.();
        });
    });
  });
  const kill = () => {
    if (killing) return;
    killing = true;
    child.kill("SIGTERM");
    setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill("SIGKILL"), 3000).unref();
  };
  return { jobId: job.id, runId, child, exited, kill };
}
