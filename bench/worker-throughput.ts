import { cpus, loadavg } from "node:os";
import { getRun } from "@/lib/db/get-run";
import { jobQueue } from "@/lib/jobs/queue/job-queue";
import type { WorkerProcess } from "../test/jobs/queue/queue-test-env";
import { busiestOthers, cpuDelta, findProcess, machineSeconds, processTable, treePids, treeSeconds, type CpuSnapshot, type ProcCpu } from "./process-cpu";

/**
 * The throughput phase of bench/load-workers.ts: one batch of runs through `n` ready workers, timed
 * from the moment the whole batch becomes claimable to the moment the last worker reports its last
 * job ended, with where the machine's CPU went meanwhile and how long each worker stood idle.
 */

export interface Queued {
  runId: number;
  jobId: number;
}

interface JobSpan {
  worker: number;
  jobId: number;
  /** performance.now() when the worker printed "took job", and "job N ended". */
  took: number;
  ended?: number;
}

export interface ThroughputResult {
  workers: number;
  runs: number;
  seconds: number;
  runsPerMinute: number;
  load: string;
  /** Per worker: seconds from the batch becoming claimable to its first job, idle seconds between its jobs, and after its last. */
  perWorker: { jobs: number; firstTakenAfter: number; gaps: number[]; idleAtEnd: number }[];
  /** Mean per job: the worker's span (took -> ended), the pipeline's own stage seconds inside it, and the rest. */
  perJob: { span: number; stages: number; autoencoder: number; rest: number; byStage: Record<string, number> };
  /** CPU seconds spent during the phase per component (see cpuSnapshot), with the machine's busy and idle seconds. */
  cpu: CpuSnapshot;
  /** Seconds waited for a quiet machine before the phase, and the share of the cores others used in the last sample. */
  waited: { seconds: number; share: number };
  /** The share of the cores other processes used during the phase. */
  otherShare: number;
  /** The busiest other processes meanwhile, by command name. */
  others: { comm: string; seconds: number }[];
}

export interface ServicePorts {
  postgres?: string;
  redis?: string;
}

/** Listens to a worker's log for "took job N" and "job N ended", timestamped as they arrive. */
function trackSpans(worker: WorkerProcess, index: number, spans: JobSpan[], onEnded: () => void): void {
  let rest = "";
  worker.child.stderr?.on("data", (chunk: Buffer) => {
    const now = performance.now();
    const lines = (rest + chunk.toString()).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) {
      if (line.startsWith("[logscope job")) continue; // the job process's own output
      const took = /took job (\d+) /.exec(line);
      if (took) spans.push({ worker: index, jobId: Number(took[1]), took: now });
      const ended = /: job (\d+) ended /.exec(line);
      const span = ended ? spans.filter((s) => s.jobId === Number(ended[1]) && s.ended === undefined).at(-1) : undefined;
      if (span) {
        span.ended = now;
        onEnded();
      }
    }
  });
}

/**
 * CPU seconds so far of each worker process, of the job processes each has started (the worker's
 * descendants), of PostgreSQL (the server and its backends) and Redis when they run on this
 * machine, of this bench process, and the machine's busy and idle totals over all cores.
 */
function cpuSnapshot(pool: readonly WorkerProcess[], services: { postgres?: number; redis?: number }): { cpu: CpuSnapshot; table: Map<number, ProcCpu>; mine: Set<number> } {
  const table = processTable();
  const out: CpuSnapshot = {};
  const mine = new Set<number>([process.pid]);
  for (const root of [...pool.map((w) => w.pid), ...Object.values(services)]) {
    if (root !== undefined) for (const pid of treePids(table, root)) mine.add(pid);
  }
  pool.forEach((w, i) => {
    const tree = treeSeconds(table, w.pid);
    out[`worker ${i + 1} process`] = tree.root;
    out[`worker ${i + 1} jobs`] = tree.descendants;
  });
  for (const [name, pid] of Object.entries(services)) {
    if (pid === undefined) continue;
    const tree = treeSeconds(table, pid);
    out[name] = tree.root + tree.descendants;
  }
  const own = process.cpuUsage();
  out.bench = (own.user + own.system) / 1e6;
  const machine = machineSeconds();
  out["machine busy"] = machine.busy;
  out["machine idle"] = machine.idle;
  return { cpu: out, table, mine };
}

/** CPU seconds in `cpu` (a snapshot or a delta) of processes that are not the pool's: the machine's busy time less every component's. */
export function otherSeconds(cpu: CpuSnapshot): number {
  const pool = Object.entries(cpu).filter(([name]) => !name.startsWith("machine ")).reduce((a, [, s]) => a + s, 0);
  return (cpu["machine busy"] ?? 0) - pool;
}

/**
 * Waits (at most `maxSeconds`) until other processes use less than `share` of the machine's cores,
 * sampled over 3 s: a phase that starts while the machine is busy with other work measures that
 * work, not the pool. Returns the seconds waited and the last sample's share.
 */
async function waitForQuiet(
  pool: readonly WorkerProcess[],
  services: { postgres?: number; redis?: number },
  share: number,
  maxSeconds: number,
): Promise<{ seconds: number; share: number }> {
  const since = performance.now();
  for (;;) {
    const before = cpuSnapshot(pool, services).cpu;
    const t = performance.now();
    await new Promise((done) => setTimeout(done, 3000));
    const delta = cpuDelta(before, cpuSnapshot(pool, services).cpu);
    const now = Math.max(otherSeconds(delta), 0) / (((performance.now() - t) / 1000) * cpus().length);
    const seconds = (performance.now() - since) / 1000;
    if (now < share || seconds >= maxSeconds) return { seconds, share: now };
  }
}

const mean = (values: readonly number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);

/**
 * Runs `batch` through the ready `pool`. The queue is paused while the batch is queued and resumed
 * at once, so every worker starts from the same instant with the whole batch waiting (no worker
 * gets a head start while the others are still being handed jobs); the end is the last "ended".
 * Nothing polls the store during the phase: the workers' own log lines tell when jobs end.
 */
export async function measureThroughput(
  pool: readonly WorkerProcess[],
  queueUrl: string,
  queueBatch: () => Promise<Queued[]>,
  ports: ServicePorts,
  quiet: { share: number; maxSeconds: number },
): Promise<ThroughputResult> {
  const spans: JobSpan[] = [];
  let wake: () => void = () => undefined;
  pool.forEach((w, i) => trackSpans(w, i, spans, () => wake()));
  const queue = jobQueue(queueUrl);
  await queue.pause();
  const batch = await queueBatch();
  const services = {
    postgres: ports.postgres ? findProcess(["bin/postgres", `-p ${ports.postgres} `]) : undefined,
    redis: ports.redis ? findProcess(["redis-server", `:${ports.redis}`]) : undefined,
  };
  const waited = quiet.share < 1 ? await waitForQuiet(pool, services, quiet.share, quiet.maxSeconds) : { seconds: 0, share: 0 };
  const before = cpuSnapshot(pool, services);
  const started = performance.now();
  await queue.resume();
  const deadline = Date.now() + 30 * 60_000;
  const ended = () => batch.every((q) => spans.some((s) => s.jobId === q.jobId && s.ended !== undefined));
  while (!ended()) {
    if (Date.now() > deadline) throw new Error("throughput runs still active after 30 minutes");
    if (pool.some((w) => w.child.exitCode !== null || w.child.signalCode !== null)) throw new Error("a worker exited during the throughput phase");
    // Woken by each "ended" line; the 2 s timeout only rechecks the deadline.
    await new Promise<void>((done) => {
      const timer = setTimeout(done, 2000);
      wake = () => {
        clearTimeout(timer);
        done();
      };
    });
  }
  const finished = Math.max(...spans.map((s) => s.ended ?? 0));
  const after = cpuSnapshot(pool, services);
  const cpu = cpuDelta(before.cpu, after.cpu);
  const seconds = (finished - started) / 1000;
  const runs = await Promise.all(batch.map((q) => getRun(q.runId)));
  if (runs.some((r) => r?.status !== "succeeded")) throw new Error(`a throughput run did not succeed: ${runs.map((r) => r?.status).join(", ")}`);

  const perWorker = pool.map((_, i) => {
    const mine = spans.filter((s) => s.worker === i).sort((a, b) => a.took - b.took);
    const gaps = mine.slice(1).map((s, k) => (s.took - (mine[k]?.ended ?? s.took)) / 1000);
    return {
      jobs: mine.length,
      firstTakenAfter: ((mine[0]?.took ?? finished) - started) / 1000,
      gaps,
      idleAtEnd: (finished - (mine.at(-1)?.ended ?? finished)) / 1000,
    };
  });
  const jobs = batch.map((q, i) => {
    const span = spans.find((s) => s.jobId === q.jobId);
    const stages = runs[i]?.stageSeconds ?? {};
    const stageSum = Object.values(stages).reduce((a, b) => a + b, 0);
    const spanSeconds = span?.ended === undefined ? 0 : (span.ended - span.took) / 1000;
    return { span: spanSeconds, stages: stageSum, autoencoder: stages.autoencoder ?? 0, rest: spanSeconds - stageSum, byStage: stages };
  });
  const stageNames = [...new Set(jobs.flatMap((j) => Object.keys(j.byStage)))];
  return {
    workers: pool.length,
    runs: batch.length,
    seconds,
    runsPerMinute: (batch.length / seconds) * 60,
    load: loadavg().map((v) => v.toFixed(2)).join(" "),
    perWorker,
    perJob: {
      span: mean(jobs.map((j) => j.span)),
      stages: mean(jobs.map((j) => j.stages)),
      autoencoder: mean(jobs.map((j) => j.autoencoder)),
      rest: mean(jobs.map((j) => j.rest)),
      byStage: Object.fromEntries(stageNames.map((name) => [name, mean(jobs.map((j) => j.byStage[name] ?? 0))])),
    },
    cpu,
    waited,
    otherShare: Math.max(otherSeconds(cpu), 0) / (seconds * cpus().length),
    others: busiestOthers(before.table, after.table, new Set([...before.mine, ...after.mine])),
  };
}
