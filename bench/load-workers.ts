// npm run bench:workers [-- --workers 3] [--runs 30] [--batch 8] [--lines 50000] [--epochs 500] [--lease 10] [--postgres]
//                        [--rounds 1] [--quiet 0.1] [--quiet-wait 120] [--skip-drain]
// Issue #15's load test on loopback: `npm run worker` processes (standing in for machines) share one
// store (DATABASE_URL when set, PostgreSQL or SQLite; with --postgres a new database on
// LOGSCOPE_TEST_POSTGRES_URL's server, as `tsx scripts/with-test-services.ts npm run bench:workers
// -- --postgres` provides; else a temporary SQLite file), one storage
// location (a temporary DATA_DIR and MODELS_DIR, or LOGSCOPE_STORAGE) and one Redis
// (LOGSCOPE_TEST_REDIS_URL's database 7, emptied; else a private redis-server on a free port).
//  1. --runs queued runs drain through --workers workers; one worker is killed with SIGKILL mid-job:
//     no job may be claimed twice by live workers, and the killed job must be taken over (or failed
//     with its sentence) within its lease plus one stalled check. --skip-drain leaves this out.
//  2. Throughput: the same --batch of runs with 1 worker, then with 2 (target: 2 workers >= 1.7x).
//     Each pool is started and ready first; the queue is paused while the batch is queued and then
//     resumed, so every worker starts at the same instant with the whole batch waiting. The time runs
//     from that instant to the last worker's "job N ended" line (job processes exited, jobs settled);
//     nothing is left out. Meanwhile the CPU seconds of each worker process, of the job processes it
//     started, of PostgreSQL, Redis, this bench and every other process are read from /proc
//     (bench/process-cpu.ts), with each worker's idle gaps between jobs: where 2 workers lose.
//     The machine may be shared with other work, which slows 2 workers (it takes their cores) and
//     hardly 1 (it leaves a core idle), so: each phase waits (at most --quiet-wait s) until other
//     processes use less than --quiet of the cores, and a round (1 worker, then 2) in which they
//     took more than that during either phase is printed but marked disturbed and repeated, up to
//     2 x --rounds rounds in all. The ratio is the median of the undisturbed rounds (of all rounds,
//     said so, when none was undisturbed). --quiet 1 turns this off.
//  3. The machine's ceiling now: two detect CLIs at once against one after the other.
// Each run trains a generated log (bench/out, as npm run bench makes it) for --epochs epochs, so
// training dominates. Prints tables and writes bench/out/load-workers.json. Needs npm run build:node.
import { execFile } from "node:child_process";
import { createReadStream } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { parseArgs, promisify } from "node:util";
import { closeDb } from "@/lib/db/client";
import { listJobs } from "@/lib/db/list-jobs";
import { closeJobQueue } from "@/lib/jobs/queue/job-queue";
import { stalledIntervalMs } from "@/lib/jobs/queue/queue-worker";
import { checkDetectParams, type DetectParams } from "@/lib/pipeline/params";
import { queueRun } from "@/lib/server/runs/run-commands";
import { storeUpload } from "@/lib/server/uploads/store-upload";
import { tempPostgresDatabase } from "../test/db/temp-database";
import { requireWorkerBuild, openTestRedis, WorkerProcess } from "../test/jobs/queue/queue-test-env";
import { ensureGeneratedLog } from "./bench-support";
import { drainWithKill } from "./worker-drain";
import { measureThroughput, type Queued, type ThroughputResult } from "./worker-throughput";
import { median, roundFigures, roundRows, throughputTables, type RoundFigures } from "./worker-throughput-report";

const { values: args } = parseArgs({
  options: {
    workers: { type: "string", default: "3" },
    runs: { type: "string", default: "30" },
    batch: { type: "string", default: "8" },
    lines: { type: "string", default: "50000" },
    epochs: { type: "string", default: "500" },
    lease: { type: "string", default: "10" },
    postgres: { type: "boolean", default: false },
    rounds: { type: "string", default: "1" },
    quiet: { type: "string", default: "0.1" },
    "quiet-wait": { type: "string", default: "120" },
    "skip-drain": { type: "boolean", default: false },
  },
});
const count = (text: string, min: number, max: number) => Math.min(Math.max(Math.trunc(Number(text)) || min, min), max);
const WORKERS = count(args.workers, 2, 8);
const RUNS = count(args.runs, 3, 200);
const BATCH = count(args.batch, 2, 100);
const LEASE = count(args.lease, 5, 3600);
const ROUNDS = count(args.rounds, 1, 20);
const QUIET = Math.min(Math.max(Number(args.quiet) || 0, 0), 1);
const QUIET_WAIT = count(args["quiet-wait"], 0, 3600);
const run = promisify(execFile);
const say = (text: string) => process.stdout.write(`${text}\n`);
const load = () => loadavg().map((v) => v.toFixed(2)).join(" ");


/** The port of a service URL (to find its process), or undefined. */
function portOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).port || undefined : undefined;
  } catch {
    return undefined;
  }
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
    say(`Logscope worker pool load test: ${WORKERS} workers, ${store} store, Redis ${redis.url}, lease ${LEASE} s, ${cpus().length} CPUs, load ${load()}`);

    // 1. Drain with a SIGKILL mid-job (bench/worker-drain.ts).
    const drained = args["skip-drain"] ? null : await drainWithKill({ workers, start, stopAll, queue, say, lease: LEASE, workerCount: WORKERS, runs: RUNS });

    // 2. Throughput with 1 and 2 workers on the same batch, --rounds times.
    const rounds: [ThroughputResult, ThroughputResult][] = [];
    const ports = { postgres: portOf(postgres?.url), redis: portOf(redis.url) };
    const phase = async (n: number) => {
      const pool = await start(n);
      const result = await measureThroughput(pool, redis.url, () => queue(BATCH), ports, { share: QUIET, maxSeconds: QUIET_WAIT });
      await stopAll();
      return result;
    };
    // A round that other processes disturbed is repeated (at most --rounds more times); all are printed.
    const figures: RoundFigures[] = [];
    while (figures.filter((f) => !f.disturbed).length < ROUNDS && figures.length < 2 * ROUNDS) {
      const pair: [ThroughputResult, ThroughputResult] = [await phase(1), await phase(2)];
      rounds.push(pair);
      figures.push(roundFigures(pair[0], pair[1], QUIET));
    }
    const counted = figures.filter((f) => !f.disturbed);
    const ratio = median((counted.length > 0 ? counted : figures).map((f) => f.ratio));
    const basis = counted.length > 0 ? `${counted.length} undisturbed round${counted.length > 1 ? "s" : ""}` : `all ${figures.length} rounds, none undisturbed`;
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
    if (drained) {
      const { killed, doubleClaims } = drained;
      say(`| ${RUNS} runs drained by ${WORKERS} workers | ${drained.seconds.toFixed(1)} s, ${JSON.stringify(drained.statuses)} | all end |`);
      say(`| jobs claimed twice by live workers | ${doubleClaims.length === 0 ? "none" : doubleClaims.join(", ")} | none |`);
      say(`| SIGKILL mid-job (job ${killed?.jobId ?? "-"}) | ${killed?.outcome ?? "no kill"}; back in the queue after ${killed?.requeuedAfter?.toFixed(1) ?? "-"} s, taken again after ${killed?.takenAfter?.toFixed(1) ?? "-"} s (by the first worker free) | back within lease + stalled check (${(LEASE + (2 * stalledIntervalMs(LEASE)) / 1000).toFixed(0)} s) |`);
    }
    for (const line of roundRows(rounds, figures)) say(line);
    say(`| 2 workers / 1 worker, median of ${basis} | ${ratio.toFixed(2)}x | >= 1.7x |`);
    say(`| machine ceiling now: 2 detect CLIs at once / one after the other | ${machineRatio.toFixed(2)}x (${sequential.toFixed(1)} s vs ${parallel.toFixed(1)} s) | |`);
    say("");
    rounds.forEach((pair, r) => {
      if (rounds.length > 1) say(`round ${r + 1}:`);
      for (const line of throughputTables(pair, cpus().length)) say(line);
      say("");
    });
    say(`load average after: ${load()}`);

    const result = {
      when: new Date().toISOString(),
      store,
      cpus: cpus().length,
      lease: LEASE,
      run: { lines: Number(args.lines), epochs: Number(args.epochs) },
      drain: drained,
      rounds: rounds.map((pair, r) => ({ throughput: pair, ...figures[r] })),
      ratio,
      ratioBasis: basis,
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
