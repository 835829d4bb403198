import type { InsertWindowsInput } from "@/lib/db/insert-windows";
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
