// npm run bench:workers [-- --workers 3] [--runs 30] [--batch 8] [--lines 50000] [--epochs 500] [--lease 10] [--postgres]
// Issue #15's load test on loopback: `npm run worker` processes (standing in for machines) share one
// store (DATABASE_URL when set, PostgreSQL or SQLite; with --postgres a new database on
// LOGSCOPE_TEST_POSTGRES_URL's server, as `tsx scripts/with-test-services.ts npm run bench:workers
// -- --postgres` provides; else a temporary SQLite file), one storage
// location (a temporary DATA_DIR and MODELS_DIR, or LOGSCOPE_STORAGE) and one Redis
// (LOGSCOPE_TEST_REDIS_URL's database 7, emptied; else a private redis-server on a free port).
//  1. --runs queued runs drain through --workers workers; one worker is killed with SIGKILL mid-job:
//     no job may be claimed twice by live workers, and the killed job must be taken over (or failed
//     with its sentence) within its lease plus one stalled check.
//  2. Throughput: the same --batch of runs with 1 worker, then with 2 (target: 2 workers >= 1.7x).
// Each run trains a generated log (bench/out, as npm run bench makes it) for --epochs epochs, so
// training dominates. Prints a table and writes bench/out/load-workers.json. Needs npm run build:node.
import { execFile } from "node:child_process";
import { createReadStream } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { parseArgs, promisify } from "node:util";
import { closeDb } from "@/lib/db/client";
import { getJob } from "@/lib/db/get-job";
import { getRun } from "@/lib/db/get-run";
import { listJobs } from "@/lib/db/list-jobs";
import { closeJobQueue } from "@/lib/jobs/queue/job-queue";
import { STOPPED_TWICE } from "@/lib/jobs/queue/queue-messages";
import { stalledIntervalMs } from "@/lib/jobs/queue/queue-worker";
import { checkDetectParams, type DetectParams } from "@/lib/pipeline/params";
import { queueRun } from "@/lib/server/runs/run-commands";
import { storeUpload } from "@/lib/server/uploads/store-upload";
import { tempPostgresDatabase } from "../test/db/temp-database";
import { requireWorkerBuild, sleep, openTestRedis, WorkerProcess } from "../test/jobs/queue/queue-test-env";
import { ensureGeneratedLog } from "./bench-support";

const { values: args } = parseArgs({
  options: {
    workers: { type: "string", default: "3" },
    runs: { type: "string", default: "30" },
    batch: { type: "string", default: "8" },
    lines: { type: "string", default: "50000" },
    epochs: { type: "string", default: "500" },
    lease: { type: "string", default: "10" },
    postgres: { type: "boolean", default: false },
  },
});
const count = (text: string, min: number, max: number) => Math.min(Math.max(Math.trunc(Number(text)) || min, min), max);
const WORKERS = count(args.workers, 2, 8);
const RUNS = count(args.runs, 3, 200);
const BATCH = count(args.batch, 2, 100);
const LEASE = count(args.lease, 5, 3600);
const run = promisify(execFile);
const say = (text: string) => process.stdout.write(`${text}\n`);
const load = () => loadavg().map((v) => v.toFixed(2)).join(" ");

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

interface Queued {
  runId: number;
  jobId: number;
}

async function main(): Promise<void> {
  requireWorkerBuild();
  const dir = await mkdtemp(join(tmpdir(), "logscope-load-workers-"));
  process.env.DATA_DIR = dir;
  process.env.MODELS_DIR = join(dir, "models");
  await mkdir(process.env.MODELS_DIR, { recursive: true }); // workers create no folder: they expect the shared one
  // --postgres: a new database on LOGSCOPE_TEST_POSTGRES_URL's server (scripts/with-test-services.ts), dropped afterwards.
  const postgres = args.postgres ? tempPostgresDatabase() : undefined;
  if (postgres) process.env.DATABASE_URL = postgres.url;
  process.env.DATABASE_URL ||= `file:${join(dir, "logscope.db")}`;
  process.env.LOGSCOPE_JOB_LEASE_SECONDS = String(LEASE);
  process.env.LOGSCOPE_JOB_RUNNER = "off";
  const redis = await openTestRedis(7);
  process.env.LOGSCOPE_QUEUE_URL = redis.url;
  const store = process.env.DATABASE_URL.startsWith("file:") ? "SQLite" : "PostgreSQL";
  const workers: WorkerProcess[] = [];
  const workerEnv = Object.fromEntries(
    ["DATA_DIR", "MODELS_DIR", "DATABASE_URL", "LOGSCOPE_JOB_LEASE_SECONDS", "LOGSCOPE_QUEUE_URL"].map((name) => [name, process.env[name] ?? ""]),
  );
  const start = async (n: number) => {
    const started = Array.from({ length: n }, () => new WorkerProcess(workerEnv));
    workers.push(...started);
    await Promise.all(started.map((w) => w.ready()));
    return started;
  };
  const stopAll = async () => Promise.all(workers.splice(0).map((w) => w.stop()));
  try {
    const generated = await ensureGeneratedLog(Number(args.lines), 5);
    const { logFile } = await storeUpload(Readable.from(createReadStream(generated.log)), { originalName: "generated.log" });
    const check = checkDetectParams({ year: generated.year, epochs: Number(args.epochs) });
    if (!check.params) throw new Error(`bad parameters: ${JSON.stringify(check.errors)}`);
    const params: DetectParams = check.params;
    const queue = async (n: number): Promise<Queued[]> => {
      const out: Queued[] = [];
      for (let i = 0; i < n; i += 1) {
        const run = await queueRun({ logFileId: logFile.id, params });
        const [job] = await listJobs({ runId: run.id, limit: 1 });
        if (!job) throw new Error(`run ${run.id} has no job`);
        out.push({ runId: run.id, jobId: job.id });
      }
      return out;
    };
    const drain = async (batch: Queued[], timeoutMs: number, onPoll?: () => Promise<void>) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await onPoll?.();
        const runs = await Promise.all(batch.map((q) => getRun(q.runId)));
        if (runs.every((r) => r && r.status !== "queued" && r.status !== "running")) return runs;
        if (Date.now() > deadline) throw new Error(`runs still active after ${timeoutMs / 1000} s`);
        await sleep(250);
      }
    };
    say(`Logscope worker pool load test: ${WORKERS} workers, ${store} store, Redis ${redis.url}, lease ${LEASE} s, ${cpus().length} CPUs, load ${load()}`);

    // 1. Drain with a SIGKILL mid-job.
    await start(WORKERS);
    const drained = await queue(RUNS);
    const t0 = Date.now();
    const watched: { kill: KillRecord | null } = { kill: null };
    const watchKill = async () => {
      const k = watched.kill;
      if (!k) {
        for (const q of drained) {
          const job = await getJob(q.jobId);
          const holder = workers.find((w) => w.took().at(-1) === q.jobId && w.child.exitCode === null);
          if (holder && job?.status === "running" && job.progress > 0.5 && Date.now() - t0 > 5000) {
            holder.kill9();
            watched.kill = { jobId: q.jobId, pid: holder.pid, at: Date.now() };
            say(`  killed worker ${holder.pid} (SIGKILL) while it trained job ${q.jobId}`);
            break;
          }
        }
        return;
      }
      const other = workers.filter((w) => w.pid !== k.pid && w.child.exitCode === null);
      if (k.requeuedAfter === undefined && other.some((w) => w.output.includes(`job job-${k.jobId} lost its worker`))) k.requeuedAfter = (Date.now() - k.at) / 1000;
      if (k.takenAfter === undefined && other.some((w) => w.took().includes(k.jobId))) k.takenAfter = (Date.now() - k.at) / 1000;
      const job = await getJob(k.jobId);
      if (k.endedAfter === undefined && job?.status === "failed") k.endedAfter = (Date.now() - k.at) / 1000;
    };
    const runs = await drain(drained, 30 * 60_000, watchKill);
    const drainSeconds = (Date.now() - t0) / 1000;
    const killed = watched.kill;
    const claims = new Map<number, number>();
    for (const w of workers) for (const id of w.took()) claims.set(id, (claims.get(id) ?? 0) + 1);
    const doubleClaims = drained.filter((q) => (claims.get(q.jobId) ?? 0) > (q.jobId === killed?.jobId ? 2 : 1)).map((q) => q.jobId);
    const statuses: Record<string, number> = {};
    for (const r of runs) statuses[r?.status ?? "deleted"] = (statuses[r?.status ?? "deleted"] ?? 0) + 1;
    const killedJob = killed ? await getJob(killed.jobId) : null;
    const killOutcome = killedJob?.status === "succeeded" ? "retried, succeeded" : killedJob?.error === STOPPED_TWICE ? "failed (stopped twice)" : `${killedJob?.status}: ${killedJob?.error}`;
    const bound = LEASE + (2 * stalledIntervalMs(LEASE)) / 1000;
    await stopAll();

    // 2. Throughput with 1 and 2 workers on the same batch.
    const throughput: { workers: number; runs: number; seconds: number; runsPerMinute: number; load: string }[] = [];
    for (const n of [1, 2]) {
      await start(n);
      const batch = await queue(BATCH);
      const started = Date.now();
      const done = await drain(batch, 30 * 60_000);
      const seconds = (Date.now() - started) / 1000;
      if (done.some((r) => r?.status !== "succeeded")) throw new Error(`a throughput run did not succeed: ${done.map((r) => r?.status).join(", ")}`);
      throughput.push({ workers: n, runs: BATCH, seconds, runsPerMinute: (BATCH / seconds) * 60, load: load() });
      await stopAll();
    }
    const ratio = (throughput[1]?.runsPerMinute ?? 0) / (throughput[0]?.runsPerMinute ?? 1);
    // What this machine allows right now (other processes share its cores): the same training as
    // two detect CLI processes, one after the other and then at once.
    const detect = () => {
      const argv = ["dist/detect.cjs", generated.log, "--year", String(generated.year), "--epochs", args.epochs, "--out", join(dir, `ref-${Math.random()}.csv`), "--models-dir", join(dir, "ref-models")];
      return run(process.execPath, argv, { maxBuffer: 1 << 24 });
    };
    let started = Date.now();
    await detect();
    await detect();
    const sequential = (Date.now() - started) / 1000;
    started = Date.now();
    await Promise.all([detect(), detect()]);
    const parallel = (Date.now() - started) / 1000;
    const machineRatio = sequential / parallel;

    say("");
    say("| measure | value | target |");
    say("|---|---|---|");
    say(`| ${RUNS} runs drained by ${WORKERS} workers | ${drainSeconds.toFixed(1)} s, ${JSON.stringify(statuses)} | all end |`);
    say(`| jobs claimed twice by live workers | ${doubleClaims.length === 0 ? "none" : doubleClaims.join(", ")} | none |`);
    say(`| SIGKILL mid-job (job ${killed?.jobId ?? "-"}) | ${killOutcome}; back in the queue after ${killed?.requeuedAfter?.toFixed(1) ?? "-"} s, taken again after ${killed?.takenAfter?.toFixed(1) ?? "-"} s (by the first worker free) | back within lease + stalled check (${bound.toFixed(0)} s) |`);
    for (const t of throughput) say(`| throughput, ${t.workers} worker${t.workers > 1 ? "s" : ""} | ${t.runsPerMinute.toFixed(2)} runs/min (${t.runs} runs in ${t.seconds.toFixed(1)} s; load ${t.load}) | |`);
    say(`| 2 workers / 1 worker | ${ratio.toFixed(2)}x | >= 1.7x |`);
    say(`| machine ceiling now: 2 detect CLIs at once / one after the other | ${machineRatio.toFixed(2)}x (${sequential.toFixed(1)} s vs ${parallel.toFixed(1)} s) | |`);
    say(`load average after: ${load()}`);

    const result = {
      when: new Date().toISOString(),
      store,
      cpus: cpus().length,
      lease: LEASE,
      run: { lines: Number(args.lines), epochs: Number(args.epochs) },
      drain: { workers: WORKERS, runs: RUNS, seconds: drainSeconds, statuses, doubleClaims, killed: killed ? { ...killed, outcome: killOutcome, boundSeconds: bound } : null },
      throughput,
      ratio,
      targetRatio: 1.7,
      machineCeiling: { sequentialSeconds: sequential, parallelSeconds: parallel, ratio: machineRatio },
      loadAverage: load(),
    };
    await writeFile(join("bench", "out", "load-workers.json"), `${JSON.stringify(result, null, 2)}\n`);
    say("wrote bench/out/load-workers.json");
  } finally {
    await stopAll();
    await closeJobQueue();
    await redis.cleanup();
    await closeDb();
    await postgres?.drop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
