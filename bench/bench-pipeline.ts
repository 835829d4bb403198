import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { evaluateLabels, type LabelScore } from "@/lib/detectors/evaluate-labels";
import { readLabelsFile } from "@/lib/pipeline/read-labels";
import { benchParseThreads, bundleParseChild } from "./bench-parallel-parse";
import { OUT_DIR, run, type GeneratedLog } from "./bench-support";

export interface ParseTiming {
  lines: number;
  windows: number;
  seconds: number;
  linesPerSecond: number;
  maxRssMiB: number;
}

/**
 * Parse + window + features (and the SHA-256 the pipeline computes on the way), best of 3, in its own
 * process, bundled as dist/ runs it (bench-parallel-parse.ts): readLogFile's default, the parallel
 * parse on the machine's cores for a log this size. `threads` 1: the single-threaded path.
 */
export async function benchParse(generated: GeneratedLog, threads = 0): Promise<ParseTiming> {
  return benchParseThreads(await bundleParseChild(), generated, threads, 3);
}

export interface DetectTiming {
  seconds: number;
  windows: number;
  labelledWindows: number;
  scores: Record<"isolationForest" | "dbscan" | "autoencoder" | "ensemble", LabelScore>;
  summary: string;
}

const ISO_PREFIX = 20; // "2025-06-14T00:00:00Z"

/**
 * The bench's rows measure the pipeline contract unless they name a profile: the default profile
 * ("recommended") fills every option a row leaves out, which would change what the row measures.
 */
const contractUnlessNamed = (args: string[]): string[] => (args.includes("--profile") ? args : ["--profile", "seed", ...args]);

/** The real CLI, start to finish (process start, tfjs load, training, CSV, models), then F1 from its CSV. */
export async function benchDetect(generated: GeneratedLog, extraArgs: string[] = []): Promise<DetectTiming> {
  const csv = join(OUT_DIR, "detect-results.csv");
  const modelsDir = join(OUT_DIR, "models");
  const args = ["dist/detect.cjs", generated.log, "--year", String(generated.year), "--out", csv, "--models-dir", modelsDir, ...contractUnlessNamed(extraArgs)];
  const t = performance.now();
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 24 });
  const seconds = (performance.now() - t) / 1000;
  await rm(modelsDir, { recursive: true, force: true });
  return { seconds, ...(await scoreResultsCsv(csv, generated)), summary: summaryOf(stdout) };
}

/**
 * Thresholds chosen with labels on one generated log (`train`), applied unchanged by `predict` to
 * another (`test`): an F1 that has not seen the labels it is measured against.
 */
export async function benchHeldOut(train: GeneratedLog, test: GeneratedLog, trainArgs: string[]): Promise<DetectTiming> {
  const modelsDir = join(OUT_DIR, "held-out-models");
  await rm(modelsDir, { recursive: true, force: true });
  const trainCsv = join(OUT_DIR, "held-out-train.csv");
  const csv = join(OUT_DIR, "held-out-results.csv");
  await run(process.execPath, ["dist/detect.cjs", train.log, "--year", String(train.year), "--out", trainCsv, "--models-dir", modelsDir, "--labels", train.labels, ...contractUnlessNamed(trainArgs)], { maxBuffer: 1 << 24 });
  const [model] = await readdir(modelsDir);
  const t = performance.now();
  const { stdout } = await run(process.execPath, ["dist/predict.cjs", test.log, "--year", String(test.year), "--model", join(modelsDir, model ?? ""), "--out", csv], { maxBuffer: 1 << 24 });
  const seconds = (performance.now() - t) / 1000;
  await rm(modelsDir, { recursive: true, force: true });
  return { seconds, ...(await scoreResultsCsv(csv, test)), summary: summaryOf(stdout) };
}

const summaryOf = (stdout: string) => stdout.split("\n").filter((line) => /^(Lines|Windows|Anomalies|Seconds|eps)/.test(line)).join("\n");

/** Precision / recall / F1 of the label columns of a docs/pipeline.md §6 CSV against the generator's labels. */
export async function scoreResultsCsv(csv: string, generated: GeneratedLog): Promise<Omit<DetectTiming, "seconds" | "summary">> {
  const rows = (await readFile(csv, "utf8")).trim().split("\n").slice(1);
  const predicted = { isolationForest: new Uint8Array(rows.length), dbscan: new Uint8Array(rows.length), autoencoder: new Uint8Array(rows.length), ensemble: new Uint8Array(rows.length) };
  const toSeconds = (cell: string | undefined) => Date.parse((cell ?? "").slice(0, ISO_PREFIX)) / 1000;
  const windows = rows.map((row) => {
    const cells = row.split(",");
    return { start: toSeconds(cells[0]), end: toSeconds(cells[1]), values: [] };
  });
  const truth = (await readLabelsFile(generated.labels)).toLabels(windows, 0);
  rows.forEach((row, i) => {
    const cells = row.split(",");
    predicted.isolationForest[i] = Number(cells[10]);
    predicted.dbscan[i] = Number(cells[11]);
    predicted.autoencoder[i] = Number(cells[12]);
    predicted.ensemble[i] = Number(cells[13]);
  });
  return {
    windows: rows.length,
    labelledWindows: truth.reduce((a, b) => a + b, 0),
    scores: {
      isolationForest: evaluateLabels(predicted.isolationForest, truth),
      dbscan: evaluateLabels(predicted.dbscan, truth),
      autoencoder: evaluateLabels(predicted.autoencoder, truth),
      ensemble: evaluateLabels(predicted.ensemble, truth),
    },
  };
}
