import { ensembleOf, type ScoreVerdict } from "@/lib/detectors/ensemble";
import type { Relabelling } from "@/lib/pipeline/relabel-windows";
import { combineLabels, flagAboveCut, flagAboveQuantile, type ClientLabels, type ClientThresholds } from "./relabel-client";

/**
 * A stream's live run (issue #17) is scored window by window with its model's cuts: an Isolation
 * Forest score or autoencoder error above the number the model was trained with, not above a
 * quantile of the live windows (which would move every old window's label as new ones arrive). So
 * at the run's own contamination and percentile its labels are these fixed cuts; a slider moved away
 * from them relabels by quantile as for any run. Shared by the server (relabel-run.ts) and the
 * Run page, so both show the labels the stream stored.
 */

/** The fixed cut of each detector, or null where the quantile rule applies. */
export interface ModelCuts {
  isolationForest: number | null;
  autoencoder: number | null;
}

export const NO_MODEL_CUTS: ModelCuts = { isolationForest: null, autoencoder: null };

/**
 * The cuts that apply under `settings`: the model's, for each threshold still at the run's own
 * value, on a run scored with fixed cuts. Null where a slider moved (or the run is not such a run).
 */
export function modelCutsFor(
  fixed: boolean,
  cuts: { ifThreshold: number | null; aeThreshold: number | null },
  settings: { contamination: number; aePercentile: number },
  own: { contamination: number; aePercentile: number },
): ModelCuts {
  if (!fixed) return NO_MODEL_CUTS;
  return {
    isolationForest: settings.contamination === own.contamination ? cuts.ifThreshold : null,
    autoencoder: settings.aePercentile === own.aePercentile ? cuts.aeThreshold : null,
  };
}

/** A relabelling with the fixed cuts put back where they apply, and the ensemble recombined. */
export function withModelCuts(
  relabelling: Relabelling,
  scores: { isolationForest: ArrayLike<number>; autoencoder: ArrayLike<number> },
  cuts: ModelCuts,
  votes: number,
  score: ScoreVerdict | null,
): Relabelling {
  if (cuts.isolationForest === null && cuts.autoencoder === null) return relabelling;
  const { labels, thresholds } = relabelling;
  const isolationForest = cuts.isolationForest === null ? labels.isolationForest : flagAboveCut(scores.isolationForest, cuts.isolationForest).flags;
  const autoencoder = cuts.autoencoder === null ? labels.autoencoder : flagAboveCut(scores.autoencoder, cuts.autoencoder).flags;
  return {
    ...relabelling,
    labels: { isolationForest, dbscan: labels.dbscan, autoencoder, ensemble: ensembleOf([isolationForest, labels.dbscan, autoencoder], votes, score) },
    thresholds: {
      ...thresholds,
      isolationForest: cuts.isolationForest ?? thresholds.isolationForest,
      autoencoder: cuts.autoencoder ?? thresholds.autoencoder,
    },
  };
}

/**
 * computeClientLabels (relabel-client.ts) with the fixed cuts where they apply: the labels the
 * Window and Compare pages show of a stream's run equal what it stored.
 */
export function computeLabelsWithCuts(
  scores: { isolationForest: ArrayLike<number>; autoencoder: ArrayLike<number>; score?: ScoreVerdict | null },
  dbscan: Uint8Array,
  settings: ClientThresholds,
  cuts: ModelCuts,
): ClientLabels {
  return combineLabels(
    cuts.isolationForest !== null ? flagAboveCut(scores.isolationForest, cuts.isolationForest) : flagAboveQuantile(scores.isolationForest, 1 - settings.contamination),
    dbscan,
    cuts.autoencoder !== null ? flagAboveCut(scores.autoencoder, cuts.autoencoder) : flagAboveQuantile(scores.autoencoder, settings.aePercentile / 100),
    settings.votes,
    scores.score ?? null,
  );
}
