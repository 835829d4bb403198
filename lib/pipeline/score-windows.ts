import { ensembleLabels } from "@/lib/detectors/ensemble";
import { toMatrix } from "@/lib/detectors/matrix";
import type { Matrix } from "@/lib/detectors/types";
import type { WindowFeatures } from "@/lib/logs/types";
import type { DetectorModels } from "./detector-models";
import type { StageName, WindowResults } from "./types";

type Timer = <T>(stage: StageName, work: () => T) => T;

const untimed: Timer = (_stage, work) => work();

/** The feature matrix of the windows, in FEATURE_NAMES order. */
export function featureMatrix(windows: readonly WindowFeatures[]): Matrix {
  return toMatrix(windows.map((w) => w.values));
}

/**
 * Scores and labels windows with fitted models. Training and prediction both come through here,
 * so a saved model reproduces its training labels by construction, not by a parallel code path.
 */
export function scoreWindows(
  models: DetectorModels,
  windows: WindowFeatures[],
  time: Timer = untimed,
): WindowResults {
  const { params, eps } = models.meta;
  const scaled = time("scale", () => models.scaler.transform(featureMatrix(windows)));
  const ifScores = time("isolationForest", () => models.isolationForest.score(scaled));
  const dbscan = time("dbscan", () => models.dbscan.predict(scaled));
  const { errors: aeErrors, featureErrors: aeFeatureErrors } = time("autoencoder", () => models.autoencoder.reconstructionErrors(scaled));
  const cut = models.meta.thresholds ?? {
    isolationForest: models.isolationForest.threshold,
    contamination: Number(params.contamination),
    autoencoder: models.autoencoder.threshold,
    aePercentile: Number(params.aePercentile),
    choices: undefined,
  };
  const isolationForest = models.isolationForest.label(ifScores, cut.isolationForest);
  const autoencoder = models.autoencoder.label(aeErrors, cut.autoencoder);
  return {
    windows,
    featureNames: models.meta.featureNames,
    scaled,
    aeFeatureErrors,
    scores: { isolationForest: ifScores, autoencoder: aeErrors, dbscanDistance: dbscan.coreDistances, dbscanCluster: dbscan.clusters },
    labels: {
      isolationForest,
      dbscan: dbscan.labels,
      autoencoder,
      ensemble: ensembleLabels([isolationForest, dbscan.labels, autoencoder], params.votes),
    },
    thresholds: {
      isolationForest: cut.isolationForest,
      contamination: cut.contamination,
      autoencoder: cut.autoencoder,
      aePercentile: cut.aePercentile,
      eps: eps.eps,
      minSamples: params.minSamples,
      votes: params.votes,
      choices: cut.choices,
    },
  };
}
