import { ensembleLabels } from "@/lib/detectors/ensemble";
import { ScoreEnsemble } from "@/lib/detectors/score-ensemble";
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
  const combiner = models.meta.scoreEnsemble ? ScoreEnsemble.load({ name: "scoreEnsemble", ...models.meta.scoreEnsemble }) : undefined;
  const combined = combiner?.score(ensembleColumns(ifScores, aeErrors, dbscan.coreDistances));
  const ensemble =
    params.combine === "score" && combiner && combined
      ? combiner.label(combined)
      : ensembleLabels([isolationForest, dbscan.labels, autoencoder], params.votes);
  return {
    windows,
    featureNames: models.meta.featureNames,
    scaled,
    aeFeatureErrors,
    scores: { isolationForest: ifScores, autoencoder: aeErrors, dbscanDistance: dbscan.coreDistances, dbscanCluster: dbscan.clusters, combined },
    labels: { isolationForest, dbscan: dbscan.labels, autoencoder, ensemble },
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

/** The score columns the score-level ensemble reads, in its calibrations' order. */
function ensembleColumns(ifScores: Float64Array, aeErrors: Float64Array, distances: Float64Array): Float64Array[] {
  return [ifScores, aeErrors, distances];
}

/**
 * Fits the score-level ensemble on a training run's own scores and stores its calibration in the
 * models' meta.json, then scores again through scoreWindows: training and prediction share one
 * path, so a saved model reproduces the training labels. Cheap next to training (three sorts).
 */
export function calibrateScoreEnsemble(models: DetectorModels, results: WindowResults, time: Timer = untimed): WindowResults {
  const { scores } = results;
  const combiner = new ScoreEnsemble().fit(ensembleColumns(scores.isolationForest, scores.autoencoder, scores.dbscanDistance));
  const { name: _name, ...calibration } = combiner.toJSON();
  models.meta.scoreEnsemble = calibration;
  return scoreWindows(models, results.windows, time);
}
