import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { evaluateLabels, type LabelScore } from "@/lib/detectors/evaluate-labels";
import { readWindowLabels } from "@/lib/pipeline/read-window-labels";
import { OUT_DIR, run, type GeneratedLog } from "./bench-support";

export interface ParseTiming {
  lines: number;
  windows: number;
  seconds: number;
  linesPerSecond: number;
  maxRssMiB: number;
}

/** Parse + window + features (and the SHA-256 the pipeline computes on the way), best of 3, in its own process. */
export async function benchParse(generated: GeneratedLog): Promise<ParseTiming> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", "bench/parse-child.ts", generated.log, String(generated.year)]);
  return JSON.parse(stdout) as ParseTiming;
}

export interface DetectTiming {
  seconds: number;
  windows: number;
  labelledWindows: number;
  scores: Record<"isolationForest" | "dbscan" | "autoencoder" | "ensemble", LabelScore>;
  summary: string;
}

const ISO_PREFIX = 20; // "2025-06-14T00:00:00Z"

/** The real CLI, start to finish (process start, tfjs load, training, CSV, models), then F1 from its CSV. */
export async function benchDetect(generated: GeneratedLog, extraArgs: string[] = []): Promise<DetectTiming> {
  const csv = join(OUT_DIR, "detect-results.csv");
  const modelsDir = join(OUT_DIR, "models");
  const args = ["--import", "tsx", "scripts/detect.ts", generated.log, "--year", String(generated.year), "--out", csv, "--models-dir", modelsDir, ...extraArgs];
  const t = performance.now();
  const { stdout } = await run(process.execPath, args, { maxBuffer: 1 << 24 });
  const seconds = (performance.now() - t) / 1000;
  await rm(modelsDir, { recursive: true, force: true });

  const starts = await readWindowLabels(generated.labels);
  const rows = (await readFile(csv, "utf8")).trim().split("\n").slice(1);
  const truth = new Uint8Array(rows.length);
  const predicted = { isolationForest: new Uint8Array(rows.length), dbscan: new Uint8Array(rows.length), autoencoder: new Uint8Array(rows.length), ensemble: new Uint8Array(rows.length) };
  rows.forEach((row, i) => {
    const cells = row.split(",");
    truth[i] = starts.has(Date.parse((cells[0] ?? "").slice(0, ISO_PREFIX)) / 1000) ? 1 : 0;
    predicted.isolationForest[i] = Number(cells[10]);
    predicted.dbscan[i] = Number(cells[11]);
    predicted.autoencoder[i] = Number(cells[12]);
    predicted.ensemble[i] = Number(cells[13]);
  });
  return {
    seconds,
    windows: rows.length,
    labelledWindows: truth.reduce((a, b) => a + b, 0),
    scores: {
      isolationForest: evaluateLabels(predicted.isolationForest, truth),
      dbscan: evaluateLabels(predicted.dbscan, truth),
      autoencoder: evaluateLabels(predicted.autoencoder, truth),
      ensemble: evaluateLabels(predicted.ensemble, truth),
    },
    summary: stdout.split("\n").filter((line) => /^(Lines|Windows|Anomalies|Seconds|eps)/.test(line)).join("\n"),
  };
}
