import { createLogFile } from "@/lib/db/create-log-file";
import { createRun } from "@/lib/db/create-run";
import { insertWindows } from "@/lib/db/insert-windows";
import type { InsertWindowsInput } from "@/lib/db/insert-windows";
import { EXTENDED_FEATURE_NAMES } from "@/lib/db/window-columns";
import { templateLines } from "@/lib/logs/template-lines";
import type { RunParamsInput } from "@/lib/db/create-run";

export const PARAMS: RunParamsInput = {
  year: 2005,
  window: 60,
  eps: 0.5,
  minSamples: 5,
  contamination: 0.05,
  aePercentile: 95,
  votes: 2,
  epochs: 20,
  seed: 42,
};

export const sha = (n: number) => n.toString(16).padStart(64, "0");

/**
 * `n` windows, a minute apart from 2005-06-01, with hand-checkable values: window i has event count
 * i + 1, IF score i / n, AE error (n - i) / n (so the two sorts are mirror images), IF flags every
 * 10th window, DBSCAN every 5th, the AE the first 3, the ensemble where two of them agree.
 */
export function makeWindows(runId: number, n: number): InsertWindowsInput {
  const start0 = Date.UTC(2005, 5, 1) / 1000;
  const windows = Array.from({ length: n }, (_, i) => ({
    start: start0 + i * 60,
    end: start0 + (i + 1) * 60,
    values: [i + 1, i % 7, 1, 2, 40.5, i % 3, 0, 1.5],
  }));
  const scaled = new Float64Array(n * 8).map((_, k) => (k % 8) - 3.5 + Math.floor(k / 8) / n);
  const col = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
  const flag = (f: (i: number) => boolean) => Uint8Array.from({ length: n }, (_, i) => (f(i) ? 1 : 0));
  const isolationForest = flag((i) => i % 10 === 0);
  const dbscan = flag((i) => i % 5 === 0);
  const autoencoder = flag((i) => i < 3);
  return {
    runId,
    windows,
    scaled: { rows: n, cols: 8, data: scaled },
    scores: {
      isolationForest: col((i) => i / n),
      autoencoder: col((i) => (n - i) / n),
      dbscanDistance: col((i) => (i === 1 ? Number.POSITIVE_INFINITY : i / 100)),
    },
    labels: {
      isolationForest,
      dbscan,
      autoencoder,
      ensemble: flag((i) => (isolationForest[i] ?? 0) + (dbscan[i] ?? 0) + (autoencoder[i] ?? 0) >= 2),
    },
    lineRanges: windows.map((_, i) => [{ firstLine: 2 * i + 1, lineCount: 2, offset: 100 * i, length: 99 }]),
  };
}

/**
 * `makeWindows` as an extended run: window i adds distinct_templates 1 + i % 2, rare lines i % 3,
 * unseen lines 0, error lines i % 4, error-level records i % 5; lines of templates 0 (i + 1 - i % 3) and 7 (i % 3, when
 * any); scaled template columns 10 + i; autoencoder error of feature f in window i = (f + 1) / 64 + i.
 */
export function makeExtendedWindows(runId: number, n: number): InsertWindowsInput {
  const seed = makeWindows(runId, n);
  const cols = EXTENDED_FEATURE_NAMES.length;
  const windows = seed.windows.map((w, i) => {
    const rare = i % 3;
    const ids = rare > 0 ? [0, 7] : [0];
    const counts = rare > 0 ? [i + 1 - rare, rare] : [i + 1];
    return { ...w, values: [...w.values, 1 + (i % 2), rare, 0, i % 4, i % 5], templates: templateLines(ids, counts) };
  });
  const scaled = new Float64Array(n * cols);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < 8; f++) scaled[i * cols + f] = seed.scaled.data[i * 8 + f] as number;
    for (let f = 8; f < cols; f++) scaled[i * cols + f] = 10 + i;
  }
  const errors = Float64Array.from({ length: n * cols }, (_, k) => ((k % cols) + 1) / 64 + Math.floor(k / cols));
  return {
    ...seed,
    windows,
    featureNames: EXTENDED_FEATURE_NAMES,
    scaled: { rows: n, cols, data: scaled },
    aeFeatureErrors: { rows: n, cols, data: errors },
  };
}

/** A stored log file and an extended run holding `n` windows from makeExtendedWindows. */
export async function createExtendedRun(name: string, shaSeed: number, n: number): Promise<{ logFileId: number; runId: number }> {
  const logFileId = (await createLogFile({ originalName: name, sha256: sha(shaSeed), size: 10, lines: 10, unparsedLines: 0 })).logFile.id;
  const runId = (await createRun({ logFileId, params: { ...PARAMS, features: "extended" } })).id;
  await insertWindows(makeExtendedWindows(runId, n));
  return { logFileId, runId };
}
