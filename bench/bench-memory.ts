import { join, resolve } from "node:path";
import { OUT_DIR, ensureGeneratedLog, run } from "./bench-support";
import { rm } from "node:fs/promises";
import { withPipelineMemory } from "@/lib/config/pipeline-memory";

/** Issue #14: peak RSS of `detect` at most this, whatever the log's length. */
export const DETECT_RSS_TARGET_MIB = 350;

/** The profiles measured: the contract's, and the default (extended features, the combined score). */
export const MEMORY_PROFILES = ["seed", "recommended"] as const;
export type MemoryProfile = (typeof MEMORY_PROFILES)[number];

export interface DetectMemory {
  profile: MemoryProfile;
  lines: number;
  windows: number;
  /** Process start to exit. */
  seconds: number;
  /** The detect process's peak resident set (process.resourceUsage().maxRSS at exit). */
  maxRssMiB: number;
  /** The CLI's own figure for the parse stage (parse + window + features). */
  parseSeconds: number;
  /** Lines / parseSeconds. */
  parseLinesPerSecond: number;
  /** The machine's 1-minute load average when the row started (the figures are noisy above ~1). */
  load: number;
}

const DETECT = resolve("dist/detect.cjs");

// The child runs the real CLI bundle in-process and reports its own peak RSS as it exits: no
// /usr/bin/time needed, and the bench's process is not counted. It gets the memory settings that
// `npm run detect` starts the bundle with (scripts/pipeline-node.sh, lib/config/pipeline-memory.ts).
const CHILD = `process.on("exit", () => process.stderr.write("\\nmaxRSS " + process.resourceUsage().maxRSS + "\\n"));
process.argv.splice(1, 0, ${JSON.stringify(DETECT)});
require(${JSON.stringify(DETECT)});`;

/**
 * `npm run detect --profile <profile>` on a generated log of `lines` lines, in its own process:
 * `seed` (the contract: seed features, its thresholds) or `recommended` (the default).
 */
export async function benchDetectMemory(lines: number, seed = 7, profile: MemoryProfile = "seed"): Promise<DetectMemory> {
  const generated = await ensureGeneratedLog(lines, seed);
  const csv = join(OUT_DIR, "memory-results.csv");
  const modelsDir = join(OUT_DIR, "memory-models");
  const { loadavg } = await import("node:os");
  const load = loadavg()[0] ?? 0;
  const t = performance.now();
  const { stdout, stderr } = await run(
    process.execPath,
    ["-e", CHILD, "--", generated.log, "--profile", profile, "--year", String(generated.year), "--out", csv, "--models-dir", modelsDir],
    { maxBuffer: 1 << 24, env: withPipelineMemory(process.env) },
  );
  const seconds = (performance.now() - t) / 1000;
  await rm(modelsDir, { recursive: true, force: true });
  const maxRss = Number(/maxRSS (\d+)/.exec(stderr)?.[1] ?? NaN);
  const parseSeconds = Number(/Seconds: parse ([\d.]+)/.exec(stdout)?.[1] ?? NaN);
  const windows = Number(/Windows: (\d+)/.exec(stdout)?.[1] ?? NaN);
  return { profile, lines, windows, seconds, maxRssMiB: maxRss / 1024, parseSeconds, parseLinesPerSecond: lines / parseSeconds, load };
}

/** The lengths measured: 1M and 5M by default; BENCH_MEMORY_10M=1 adds 10M (1.8 GB generated, ~30 s more). */
export function memoryBenchLines(): number[] {
  const lines = [1_000_000, 5_000_000];
  if (process.env.BENCH_MEMORY_10M === "1") lines.push(10_000_000);
  return lines;
}

/** The rows `npm run bench` prints, one per length. */
export function memorySection(rows: readonly DetectMemory[]): string[] {
  return [
    `\n== Peak memory of the whole detect CLI (issue #14: at most ${DETECT_RSS_TARGET_MIB} MiB at any length; BENCH_MEMORY_10M=1 adds 10M lines)`,
    ...rows.map((r) => {
      const ok = r.maxRssMiB <= DETECT_RSS_TARGET_MIB ? "ok" : "MISSED";
      return `  ${`--profile ${r.profile}`.padEnd(22)} ${`${r.lines.toLocaleString("en")} lines`.padEnd(16)} --rss ${r.maxRssMiB.toFixed(0).padStart(4)} MiB  [target ${DETECT_RSS_TARGET_MIB}: ${ok}]  ${r.seconds.toFixed(2)} s wall, parse ${r.parseSeconds.toFixed(2)} s (${Math.round(r.parseLinesPerSecond).toLocaleString("en")} lines/s), ${r.windows} windows, load ${r.load.toFixed(1)}`;
    }),
  ];
}
