import { otherSeconds, type ThroughputResult } from "./worker-throughput";

/** The throughput phase's figures as markdown rows (bench/load-workers.ts prints them). */

const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const each = (p: ThroughputResult, kind: string) => Array.from({ length: p.workers }, (_, i) => p.cpu[`worker ${i + 1} ${kind}`] ?? 0);

export interface RoundFigures {
  ratio: number;
  /** The larger share of the cores other processes took during either phase. */
  otherShare: number;
  /** Other processes took more than the --quiet share in a phase: the round measured them too. */
  disturbed: boolean;
  /** CPU seconds per run of the pool (jobs, worker processes, PostgreSQL, Redis), 1 worker then 2. */
  cpuPerRun: [number, number];
}

/** Every component's CPU seconds but the bench's and the machine totals, per run. */
function poolCpuPerRun(p: ThroughputResult): number {
  const pool = Object.entries(p.cpu).filter(([name]) => !name.startsWith("machine ") && name !== "bench");
  return sum(pool.map(([, s]) => s)) / p.runs;
}

export function roundFigures(one: ThroughputResult, two: ThroughputResult, quietShare: number): RoundFigures {
  const otherShare = Math.max(one.otherShare, two.otherShare);
  return {
    ratio: two.runsPerMinute / one.runsPerMinute,
    otherShare,
    disturbed: otherShare > quietShare,
    cpuPerRun: [poolCpuPerRun(one), poolCpuPerRun(two)],
  };
}

export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** One markdown row per phase of every round, and the round's ratio with what disturbed it. */
export function roundRows(rounds: readonly (readonly [ThroughputResult, ThroughputResult])[], figures: readonly RoundFigures[]): string[] {
  return rounds.flatMap((pair, r) => {
    const f = figures[r];
    const round = rounds.length > 1 ? ` (round ${r + 1})` : "";
    const share = `other processes took up to ${((f?.otherShare ?? 0) * 100).toFixed(0)}% of the cores${f?.disturbed ? ": disturbed, not counted" : ""}`;
    return [
      ...pair.map((t) => `| throughput, ${t.workers} worker${t.workers > 1 ? "s" : ""}${round} | ${t.runsPerMinute.toFixed(2)} runs/min (${t.runs} runs in ${f1(t.seconds)} s; load after ${t.load}) | |`),
      `| 2 workers / 1 worker${round} | ${f?.ratio.toFixed(2)}x (${share}; the pool's CPU seconds a run: ${f?.cpuPerRun.map(f2).join(" vs ")}) | >= 1.7x |`,
    ];
  });
}

/** Markdown rows: where the CPU went in each phase, each worker's idle time, and what a job's span holds. */
export function throughputTables(phases: readonly ThroughputResult[], cpus: number): string[] {
  const header = `| ${phases.map((p) => `${p.workers} worker${p.workers > 1 ? "s" : ""}`).join(" | ")} |`;
  const rule = `|---|${phases.map(() => "---|").join("")}`;
  const row = (label: string, cell: (p: ThroughputResult) => string) => `| ${label} | ${phases.map(cell).join(" | ")} |`;
  return [
    `| CPU seconds during the throughput phase ${header}`,
    rule,
    row("job processes (worker-main: parse, train, store), per worker", (p) => each(p, "jobs").map(f1).join(" + ")),
    row("worker processes (queue, lease, cancel watch, settle), per worker", (p) => each(p, "process").map(f2).join(" + ")),
    row("PostgreSQL (server and backends)", (p) => f2(p.cpu.postgres ?? 0)),
    row("Redis", (p) => f2(p.cpu.redis ?? 0)),
    row("this bench process", (p) => f2(p.cpu.bench ?? 0)),
    row("everything else on the machine (other work)", (p) => f1(otherSeconds(p.cpu))),
    row("their share of the cores (seconds waited before the phase for a quiet machine)", (p) => `${(p.otherShare * 100).toFixed(0)}% (${f1(p.waited.seconds)} s)`),
    row("of which the busiest by command name", (p) => p.others.map((o) => `${o.comm} ${f1(o.seconds)}`).join(", ") || "-"),
    row("the pool's CPU seconds per run (jobs, worker processes, PostgreSQL, Redis)", (p) => f2(poolCpuPerRun(p))),
    row(`idle, summed over the ${cpus} cores`, (p) => f1(p.cpu["machine idle"] ?? 0)),
    row("wall time x cores", (p) => f1(p.seconds * cpus)),
    "",
    `| per worker, seconds ${header}`,
    rule,
    row("first job taken after the batch became claimable", (p) => p.perWorker.map((w) => f2(w.firstTakenAfter)).join(" / ")),
    row("idle between one job's end and the next claim (each gap)", (p) => p.perWorker.map((w) => w.gaps.map(f2).join(", ")).join(" / ")),
    row("idle at the end (waiting for the other worker's last job)", (p) => p.perWorker.map((w) => f2(w.idleAtEnd)).join(" / ")),
    row("mean job span (took -> ended)", (p) => f2(p.perJob.span)),
    row("of which the pipeline's stages (autoencoder alone)", (p) => `${f2(p.perJob.stages)} (${f2(p.perJob.autoencoder)})`),
    row("of which the rest: claim, spawn, start-up, progress and result writes, settle", (p) => f2(p.perJob.rest)),
    row("mean seconds per stage", (p) => Object.entries(p.perJob.byStage).map(([name, s]) => `${name} ${f2(s)}`).join(", ")),
  ];
}
