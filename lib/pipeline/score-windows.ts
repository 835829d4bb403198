import { ensembleOf } from "@/lib/detectors/ensemble";
import { FeatureTails } from "@/lib/detectors/feature-tails";
import { HostTails } from "@/lib/detectors/host-tails";
import { ScoreEnsemble, TAILED_ENSEMBLE_OPTIONS, withFeatureTails } from "@/lib/detectors/score-ensemble";
import type { DbscanPrediction } from "@/lib/detectors/dbscan";
import { toMatrix } from "@/lib/detectors/matrix";
import type { Matrix } from "@/lib/detectors/types";
import type { WindowFeatures } from "@/lib/logs/types";
import type { ScoringModels } from "./detector-models";
import type { DetectorLabels, DetectorScores, StageName, WindowResults } from "./types";

type Timer = <T>(stage: StageName, work: () => T) => T;

const untimed: Timer = (_stage, work) => work();

/** The feature matrix of the windows, in FEATURE_NAMES order. */
export function featureMatrix(windows: readonly WindowFeatures[]): Matrix {
  return toMatrix(windows.map((w) => w.values));
}

/**
 * What training worked out for its own windows with the very calls scoring makes:
 * `models.scaler.transform` of their features and `models.isolationForest.score` of that. Scoring
 * right after training takes them instead of working them out again (0.4 s at 10M lines, seed profile).
 */
export interface TrainedScores {
  scaled: Matrix;
  isolationForest: Float64Array;
  /**
   * What `models.dbscan.predict(scaled)` gives, from the fit of that very model on those rows
   * (Dbscan.fit finds every row's nearest core point anyway); absent when the model was fitted
   * again after the fit that found them (labels moved eps). The search for 101,882 windows took
   * about 1 s on the main thread at 10M lines (seed profile), after DBSCAN's thread had done it.
   */
  dbscan?: DbscanPrediction;
}

/**
 * Scores and labels windows with fitted models. Training and prediction both come through here,
 * so a saved model reproduces its training labels by construction, not by a parallel code path.
 * `trained`: training's TrainedScores, when these are the windows it was trained on.
 */
export function scoreWindows(
  models: ScoringModels,
  windows: WindowFeatures[],
  time: Timer = untimed,
  trained?: TrainedScores,
): WindowResults {
  const { params, eps } = models.meta;
  const raw = featureMatrix(windows);
  const scaled = trained?.scaled ?? time("scale", () => models.scaler.transform(raw));
  const ifScores = trained?.isolationForest ?? time("isolationForest", () => models.isolationForest.score(scaled));
  const dbscan = trained?.dbscan ?? time("dbscan", () => models.dbscan.predict(scaled));
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
  const scores = { isolationForest: ifScores, autoencoder: aeErrors, dbscanDistance: dbscan.coreDistances, dbscanCluster: dbscan.clusters };
  const labels = { isolationForest, dbscan: dbscan.labels, autoencoder };
  return {
    windows,
    featureNames: models.meta.featureNames,
    scaled,
    aeFeatureErrors,
    ...withEnsemble(models, windows, raw, scores, labels),
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
function ensembleColumns(scores: Omit<DetectorScores, "dbscanCluster" | "combined">): Float64Array[] {
  return [scores.isolationForest, scores.autoencoder, scores.dbscanDistance];
}

/**
 * The ensemble's verdict from the three detectors' scores and labels: the combined score (when the
 * models carry its calibration) and the ensemble's labels, by the combined score above its cut for
 * a run that combines by score, else by the vote. Training and prediction both come through here.
 */
function withEnsemble(
  models: ScoringModels,
  windows: readonly WindowFeatures[],
  raw: Matrix,
  scores: Omit<DetectorScores, "combined">,
  labels: Omit<DetectorLabels, "ensemble">,
): Pick<WindowResults, "scores" | "labels"> {
  const { params, scoreEnsemble } = models.meta;
  let combined = scoreEnsemble ? ScoreEnsemble.load({ name: "scoreEnsemble", ...scoreEnsemble }).score(ensembleColumns(scores)) : undefined;
  // The feature tails read raw features of windows in time order, each beside its 2 neighbours
  // (feature-tails.ts); runs made before them carry no tails and keep the median z alone. The host
  // tails read each window's alert lines per host the same way; runs made before them carry none.
  if (combined && scoreEnsemble?.tails) {
    const tails = FeatureTails.load({ name: "featureTails", ...scoreEnsemble.tails }).score(raw).scores;
    const hosts = scoreEnsemble.hosts ? [HostTails.load({ name: "hostTails", ...scoreEnsemble.hosts }).score(windows.map((w) => w.hostAlerts)).scores] : [];
    combined = withFeatureTails(combined, tails, scoreEnsemble.options.detectorWeight ?? 1, ...hosts);
  }
  const score = params.combine === "score" && combined && scoreEnsemble ? { combined, cut: scoreEnsemble.options.cut } : null;
  return {
    scores: { ...scores, combined },
    labels: { ...labels, ensemble: ensembleOf([labels.isolationForest, labels.dbscan, labels.autoencoder], params.votes, score) },
  };
}

/**
 * Fits the score-level ensemble on a training run's own scores, stores its calibration in the
 * models' meta.json and gives the results their combined score and ensemble through the same
 * function prediction uses (withEnsemble), so a saved model reproduces the training labels.
 * Three sorts of the scores: cheap next to training, and no detector scores twice.
 */
export function calibrateScoreEnsemble(models: ScoringModels, results: WindowResults): WindowResults {
  const raw = featureMatrix(results.windows);
  const combiner = new ScoreEnsemble(TAILED_ENSEMBLE_OPTIONS).fit(ensembleColumns(results.scores));
  const { name: _name, ...calibration } = combiner.toJSON();
  const { name: _tails, ...tails } = new FeatureTails().fit(raw).toJSON();
  const { name: _hosts, ...hosts } = new HostTails().fit(results.windows.map((w) => w.hostAlerts)).toJSON();
  models.meta.scoreEnsemble = { ...calibration, tails, hosts };
  return { ...results, ...withEnsemble(models, results.windows, raw, results.scores, results.labels) };
}
