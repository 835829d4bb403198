import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

export const OUT_DIR = resolve("bench/out");
export const run = promisify(execFile);

/** Seconds taken by `work`, best of `repeats` runs (the machine has 2 shared cores). */
export async function timeBest<T>(repeats: number, work: () => T | Promise<T>): Promise<{ seconds: number; result: T }> {
  let best = Infinity;
  let result: T | undefined;
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    result = await work();
    best = Math.min(best, (performance.now() - t) / 1000);
  }
  return { seconds: best, result: result as T };
}

export interface GeneratedLog {
  log: string;
  labels: string;
  year: number;
}

/** Generates (once; reused while its arguments are unchanged) a labelled log with the project's generator. */
export async function ensureGeneratedLog(lines: number, seed: number): Promise<GeneratedLog> {
  await mkdir(OUT_DIR, { recursive: true });
  const log = join(OUT_DIR, `generated-${lines}-seed${seed}.log`);
  const labels = `${log}.labels.csv`;
  const stamp = `${log}.args.json`;
  const args = ["dist/generate.cjs", "--lines", String(lines), "--seed", String(seed), "--out", log];
  const wanted = JSON.stringify(args);
  const have = existsSync(stamp) && existsSync(log) ? await readFile(stamp, "utf8") : "";
  if (have !== wanted) {
    process.stdout.write(`Generating ${lines.toLocaleString("en")} lines (seed ${seed})...\n`);
    await run(process.execPath, args, { maxBuffer: 1 << 24 });
    await writeFile(stamp, wanted);
  }
  const firstLabel = (await readFile(labels, "utf8")).split("\n")[1] ?? "";
  const year = Number(firstLabel.slice(0, 4)) || new Date().getUTCFullYear();
  return { log, labels, year };
}

export const fmt = (seconds: number) => `${seconds.toFixed(2)} s`;
export const verdict = (value: number, target: number, higherIsBetter = false) =>
  (higherIsBetter ? value >= target : value <= target) ? "ok" : "MISSED";
