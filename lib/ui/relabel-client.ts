import { ensembleOf, type ScoreVerdict } from "@/lib/detectors/ensemble";
import { quantile } from "@/lib/detectors/quantile";

/**
 * Isolation Forest, autoencoder and ensemble labels recomputed in the browser from a run's stored
 * scores as sliders move: the same quantile rule as training and lib/pipeline/relabel-windows.ts
 * (one shared function), so the numbers on screen equal what the API and the CSV export return.
 * DBSCAN needs a refit and comes from the API.
 */

export interface ClientThresholds {
  contamination: number;
  aePercentile: number;
  votes: number;
}

export interface ClientLabels {
  isolationForest: Uint8Array;
  dbscan: Uint8Array;
  autoencoder: Uint8Array;
  ensemble: Uint8Array;
  /** Models flagging each window (0-3). */
  votes: Uint8Array;
  /** 1 where any model flags the window. */
  anyModel: Uint8Array;
  ifThreshold: number;
  aeThreshold: number;
  counts: { isolationForest: number; dbscan: number; autoencoder: number; ensemble: number; anyModel: number };
}

/** One detector's labels: scores above their q-quantile (q = 1 - contamination, or percentile / 100). */
export interface ThresholdFlags {
  threshold: number;
  flags: Uint8Array;
  count: number;
}

/**
 * `sorted`, when given, holds the same scores sorted ascending: quantile() sorts its input anyway,
 * and an already sorted copy sorts in half the time (this runs on every slider step).
 */
export function flagAboveQuantile(values: ArrayLike<number>, q: number, sorted?: ArrayLike<number>): ThresholdFlags {
  return flagAboveCut(values, quantile(sorted ?? values, q));
}

/** Scores strictly above `threshold` (as the detectors flag), with the count. */
export function flagAboveCut(values: ArrayLike<number>, threshold: number): ThresholdFlags {
  const flags = new Uint8Array(values.length);
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if ((values[i] as number) > threshold) {
      flags[i] = 1;
      count++;
    }
  }
  return { threshold, flags, count };
}

/** The ensemble and per-window vote counts from the three models' labels. */
export function combineLabels(
  isolationForest: ThresholdFlags,
  dbscan: Uint8Array,
  autoencoder: ThresholdFlags,
  votes: number,
  score: ScoreVerdict | null = null,
): ClientLabels {
  const ensemble = ensembleOf([isolationForest.flags, dbscan, autoencoder.flags], votes, score);
  const n = ensemble.length;
  const voteCounts = new Uint8Array(n);
  const anyModel = new Uint8Array(n);
  let dbscanCount = 0;
  let ensembleCount = 0;
  let anyCount = 0;
  for (let i = 0; i < n; i++) {
    const v = (isolationForest.flags[i] as number) + (dbscan[i] as number) + (autoencoder.flags[i] as number);
    voteCounts[i] = v;
    if (v > 0) {
      anyModel[i] = 1;
      anyCount++;
    }
    dbscanCount += dbscan[i] as number;
    ensembleCount += ensemble[i] as number;
  }
  return {
    isolationForest: isolationForest.flags,
    dbscan,
    autoencoder: autoencoder.flags,
    ensemble,
    votes: voteCounts,
    anyModel,
    ifThreshold: isolationForest.threshold,
    aeThreshold: autoencoder.threshold,
    counts: { isolationForest: isolationForest.count, dbscan: dbscanCount, autoencoder: autoencoder.count, ensemble: ensembleCount, anyModel: anyCount },
  };
}

/** All labels at once (the percentile is quantile(p / 100), exactly as lib/detectors/quantile.ts defines it). */
export function computeClientLabels(
  scores: { isolationForest: ArrayLike<number>; autoencoder: ArrayLike<number>; score?: ScoreVerdict | null },
  dbscan: Uint8Array,
  settings: ClientThresholds,
  sorted?: { isolationForest: ArrayLike<number>; autoencoder: ArrayLike<number> },
): ClientLabels {
  return combineLabels(
    flagAboveQuantile(scores.isolationForest, 1 - settings.contamination, sorted?.isolationForest),
    dbscan,
    flagAboveQuantile(scores.autoencoder, settings.aePercentile / 100, sorted?.autoencoder),
    settings.votes,
    scores.score ?? null,
  );
}

/** DBSCAN labels (one per window) from the indices of the windows it flags. */
export function labelsFromIndices(count: number, indices: Iterable<number>): Uint8Array {
  const out = new Uint8Array(count);
  for (const i of indices) if (i >= 0 && i < count) out[i] = 1;
  return out;
}
