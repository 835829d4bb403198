import { findDbscanNoise } from "@/lib/detectors/dbscan-noise";
import { ensembleOf, type ScoreVerdict } from "@/lib/detectors/ensemble";
import { percentile, quantile } from "@/lib/detectors/quantile";
import type { Labels, Matrix } from "@/lib/detectors/types";
import type { DetectorLabels, Thresholds } from "./types";

/** What an analyst can change after training without retraining anything. */
export interface ThresholdSettings {
  contamination: number;
  aePercentile: number;
  eps: number;
  minSamples: number;
  votes: number;
}

/** What a run keeps per window that relabelling needs (training windows, training scores). */
export interface StoredScores {
  scaled: Matrix;
  isolationForest: ArrayLike<number>;
  autoencoder: ArrayLike<number>;
  /** The run's own DBSCAN result, reused when eps and min samples do not change. */
  dbscan?: { eps: number; minSamples: number; labels: Labels; distances: Float64Array };
}

export interface Relabelling {
  labels: DetectorLabels;
  thresholds: Thresholds;
  dbscanDistance: Float64Array;
}

const above = (values: ArrayLike<number>, threshold: number): Labels =>
  Uint8Array.from({ length: values.length }, (_, i) => ((values[i] as number) > threshold ? 1 : 0));

/**
 * New labels for a run's windows from its stored scores. The thresholds are the same training
 * quantiles the detectors compute when they are fitted (both are seeded and the windows are the
 * training windows), and DBSCAN's noise is recomputed on the stored scaled features, so the result
 * equals a fresh run with these settings.
 */
export function relabelWindows(stored: StoredScores, settings: ThresholdSettings, score: ScoreVerdict | null = null): Relabelling {
  const ifThreshold = quantile(stored.isolationForest, 1 - settings.contamination);
  const aeThreshold = percentile(stored.autoencoder, settings.aePercentile);
  const isolationForest = above(stored.isolationForest, ifThreshold);
  const autoencoder = above(stored.autoencoder, aeThreshold);

  let dbscan: Labels;
  let dbscanDistance: Float64Array;
  const previous = stored.dbscan;
  if (previous && previous.eps === settings.eps && previous.minSamples === settings.minSamples) {
    dbscan = previous.labels;
    dbscanDistance = previous.distances;
  } else {
    const noise = findDbscanNoise(stored.scaled, { eps: settings.eps, minSamples: settings.minSamples });
    dbscan = noise.labels;
    dbscanDistance = noise.coreDistances;
  }
  return {
    labels: {
      isolationForest,
      dbscan,
      autoencoder,
      ensemble: ensembleOf([isolationForest, dbscan, autoencoder], settings.votes, score),
    },
    thresholds: {
      isolationForest: ifThreshold,
      contamination: settings.contamination,
      autoencoder: aeThreshold,
      aePercentile: settings.aePercentile,
      eps: settings.eps,
      minSamples: settings.minSamples,
      votes: settings.votes,
    },
    dbscanDistance,
  };
}
