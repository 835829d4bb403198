import { getJob } from "@/lib/db/get-job";
import { getRun } from "@/lib/db/get-run";
import { STOPPED_TWICE } from "@/lib/jobs/queue/queue-messages";
import { stalledIntervalMs } from "@/lib/jobs/queue/queue-worker";
import { sleep, type WorkerProcess } from "../test/jobs/queue/queue-test-env";
import type { Queued } from "./worker-throughput";

/**
 * Step 1 of bench/load-workers.ts: queued runs drain through several workers while one is killed
 * with SIGKILL mid-job; no job may be claimed twice by live workers, and the killed job must be
 * taken over (or failed with its sentence) within its lease plus one stalled check.
 */

interface KillRecord {
  jobId: number;
  pid: number;
  at: number;
  /** Seconds from the kill until the queue put the job back (a live worker's stalled check). */
  requeuedAfter?: number;
  /** Seconds from the kill until a live worker took the job again (it may first finish its own). */
  takenAfter?: number;
  /** Seconds from the kill until the job failed (when it was not taken again). */
  endedAfter?: number;
}

export interface DrainContext {
  /** Every live worker of the bench (start adds to it, stopAll empties it). */
  workers: WorkerProcess[];
  start: (n: number) => Promise<WorkerProcess[]>;
  stopAll: () => Promise<unknown>;
  queue: (n: number) => Promise<Queued[]>;
  say: (text: string) => void;
  lease: number;
  workerCount: number;
  runs: number;
}

/** Polls the runs until none is queued or running (the kill watch runs before each poll). */
async function drain(batch: Queued[], timeoutMs: number, onPoll?: () => Promise<void>) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await onPoll?.();
    const runs = await Promise.all(batch.map((q) => getRun(q.runId)));
    if (runs.every((r) => r && r.status !== "queued" && r.status !== "running")) return runs;
    if (Date.now() > deadline) throw new Error(`runs still active after ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

/** Runs step 1 and returns what the table and the JSON report: time, statuses, double claims, the kill. */
export async function drainWithKill(ctx: DrainContext) {
  await ctx.start(ctx.workerCount);
  const drained = await ctx.queue(ctx.runs);
  const t0 = Date.now();
  const watched: { kill: KillRecord | null } = { kill: null };
  const watchKill = async () => {
    const k = watched.kill;
    if (!k) {
      for (const q of drained) {
        const job = await getJob(q.jobId);
        const holder = ctx.workers.find((w) => w.took().at(-1) === q.jobId && w.child.exitCode === null);
        if (holder && job?.status === "running" && job.progress > 0.5 && Date.now() - t0 > 5000) {
          holder.kill9();
          watched.kill = { jobId: q.jobId, pid: holder.pid, at: Date.now() };
          ctx.say(`  killed worker ${holder.pid} (SIGKILL) while it trained job ${q.jobId}`);
          break;
        }
      }
      return;
    }
    const other = ctx.workers.filter((w) => w.pid !== k.pid && w.child.exitCode === null);
    if (k.requeuedAfter === undefined && other.some((w) => w.output.includes(`job job-${k.jobId} lost its worker`))) k.requeuedAfter = (Date.now() - k.at) / 1000;
    if (k.takenAfter === undefined && other.some((w) => w.took().includes(k.jobId))) k.takenAfter = (Date.now() - k.at) / 1000;
    const job = await getJob(k.jobId);
    if (k.endedAfter === undefined && job?.status === "failed") k.endedAfter = (Date.now() - k.at) / 1000;
  };
  const runs = await drain(drained, 30 * 60_000, watchKill);
  const seconds = (Date.now() - t0) / 1000;
  const killed = watched.kill;
  const claims = new Map<number, number>();
  for (const w of ctx.workers) for (const id of w.took()) claims.set(id, (claims.get(id) ?? 0) + 1);
  const doubleClaims = drained.filter((q) => (claims.get(q.jobId) ?? 0) > (q.jobId === killed?.jobId ? 2 : 1)).map((q) => q.jobId);
  const statuses: Record<string, number> = {};
  for (const r of runs) statuses[r?.status ?? "deleted"] = (statuses[r?.status ?? "deleted"] ?? 0) + 1;
  const killedJob = killed ? await getJob(killed.jobId) : null;
  const outcome = killedJob?.status === "succeeded" ? "retried, succeeded" : killedJob?.error === STOPPED_TWICE ? "failed (stopped twice)" : `${killedJob?.status}: ${killedJob?.error}`;
  const boundSeconds = ctx.lease + (2 * stalledIntervalMs(ctx.lease)) / 1000;
  await ctx.stopAll();
  return { workers: ctx.workerCount, runs: ctx.runs, seconds, statuses, doubleClaims, killed: killed ? { ...killed, outcome, boundSeconds } : null };
}
