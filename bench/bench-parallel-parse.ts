// Issue #14's parallel parse: parse + window + features on one thread and on the machine's cores,
// run alternately (single, parallel, single, parallel, ...) since the machine is shared and its load
// moves. Each run is bench/parse-child.ts bundled as dist/ is (scripts/build-node.ts), with the
// worker threads' bundles beside it: under tsx every worker thread would compile TypeScript first.
// `npx tsx bench/bench-parallel-parse.ts [lines...]` runs it alone (default 1M and 5M lines).
import { loadavg } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { NODE_BUNDLE } from "../scripts/node-bundle";
import type { ParseTiming } from "./bench-pipeline";
import { OUT_DIR, ensureGeneratedLog, fmt, run, type GeneratedLog } from "./bench-support";

const BUNDLE_DIR = join(OUT_DIR, "parse-bundle");

/** Bundles parse-child and the two worker threads readLogFile starts (hashing, parallel parse) into bench/out/parse-bundle. */
export async function bundleParseChild(): Promise<string> {
  await build({
    entryPoints: {
      "parse-child": "bench/parse-child.ts",
      "hash-file-worker": "lib/pipeline/hash-file-worker.ts",
      "parallel-parse-worker": "lib/pipeline/parallel-parse-worker.ts",
    },
    outdir: BUNDLE_DIR,
    ...NODE_BUNDLE,
  });
  return join(BUNDLE_DIR, "parse-child.cjs");
}

/** One parse-child process: `threads` 1 is the single-threaded path, 0 readLogFile's default (the cores). */
export async function benchParseThreads(child: string, generated: GeneratedLog, threads: number, repeats: number): Promise<ParseTiming & { load: number }> {
  const load = loadavg()[0] ?? 0;
  const args = [child, generated.log, String(generated.year), threads === 0 ? "" : String(threads), String(repeats)];
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 20 });
  return { ...(JSON.parse(stdout) as ParseTiming), load };
}

export interface ParallelParseRow {
  lines: number;
  single: (ParseTiming & { load: number })[];
  parallel: (ParseTiming & { load: number })[];
}

/** `rounds` alternations of a single-threaded and a parallel child on a generated log of `lines` lines. */
export async function benchParallelParse(lines: number, rounds = 2, repeats = lines > 2_000_000 ? 1 : 3): Promise<ParallelParseRow> {
  const generated = await ensureGeneratedLog(lines, 7);
  const child = await bundleParseChild();
  const row: ParallelParseRow = { lines, single: [], parallel: [] };
  for (let k = 0; k < rounds; k++) {
    row.single.push(await benchParseThreads(child, generated, 1, repeats));
    row.parallel.push(await benchParseThreads(child, generated, 0, repeats));
  }
  return row;
}

const perSecond = (r: ParseTiming) => Math.round(r.linesPerSecond).toLocaleString("en");

/** The rows `npm run bench` prints: every run, in the order they ran. */
export function parallelParseSection(rows: readonly ParallelParseRow[], target: number): string[] {
  const out = [`\n== Parse + window + features, one thread vs parallel (issue #14: >= ${target.toLocaleString("en")} lines/s on 2 cores; runs alternated, load = 1-minute load average at each run's start)`];
  for (const row of rows) {
    const runs = row.single.flatMap((s, k) => [["single", s], ["parallel", row.parallel[k]]] as const);
    for (const [kind, r] of runs) {
      if (r === undefined) continue;
      const mark = kind === "parallel" ? `  [target: ${r.linesPerSecond >= target ? "ok" : "MISSED"}]` : "";
      out.push(`  ${`${row.lines.toLocaleString("en")} lines`.padEnd(16)} ${kind.padEnd(8)} ${perSecond(r).padStart(10)} lines/s (${fmt(r.seconds)}, max RSS ${r.maxRssMiB.toFixed(0)} MiB, load ${r.load.toFixed(1)})${mark}`);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const lengths = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const rows: ParallelParseRow[] = [];
  for (const lines of lengths.length > 0 ? lengths : [1_000_000, 5_000_000]) rows.push(await benchParallelParse(lines));
  for (const line of parallelParseSection(rows, 1_200_000)) process.stdout.write(`${line}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
