import type { Labels } from "@/lib/detectors/types";
import type { TemplateMinerJson } from "@/lib/logs/templates";
import { featureNamesFor, type WindowFeatures } from "@/lib/logs/types";
import type { ModelProvenance, ScoringModels } from "./detector-models";
import type { DetectParams } from "./params";
import {
  createForest,
  createPhaseContext,
  fitForest,
  planTraining,
  scaleFeatures,
  startClustering,
  trainAutoencoder,
} from "./train-phases";
import { settleThresholds, type ThresholdDecision } from "./train-thresholds";
import type { TrainedScores } from "./score-windows";
import type { PipelineListener, StageName } from "./types";

export { EXTENDED_TRIM_FRACTION } from "./train-phases";

export interface TrainInput {
  windows: WindowFeatures[];
  params: DetectParams;
  /**
   * Where the models come from (meta.json's provenance), for TrainedDetectors.provenance. A
   * function is called once DBSCAN's thread has ended, so the log's hash (read-log-file.ts) takes
   * that thread's core while the autoencoder still trains here, rather than sharing a core with
   * either (README, ninth session).
   */
  provenance: ModelProvenance | (() => Promise<ModelProvenance>);
  /** Labelled windows (1 = anomalous): with them, `auto` thresholds maximise F1 instead of estimating. */
  truth?: Labels;
  /** Extended features: the miner that named the templates, saved with the models. */
  templates?: TemplateMinerJson;
  listener?: PipelineListener;
  /** Adds elapsed seconds to a stage's total. */
  record?: (stage: StageName, seconds: number) => void;
}

/** Fitted models, and what scoring the same windows can take from training (score-windows.ts). */
export interface TrainedDetectors {
  models: ScoringModels;
  scores: TrainedScores;
  /**
   * TrainInput.provenance, settled or still under way: the models are complete with it
   * (withProvenance). Scoring and calibrating need not wait for the log's hash; saving does.
   */
  provenance: Promise<ModelProvenance>;
}

/**
 * Fits scaler, Isolation Forest, DBSCAN and autoencoder on the windows (docs/pipeline.md §4-5).
 * Stages run scale -> [isolationForest] -> dbscan -> autoencoder -> [isolationForest] -> thresholds:
 * where the forest sits is the plan's decision (see EXTENDED_TRIM_FRACTION).
 */
export async function trainDetectors(input: TrainInput): Promise<TrainedDetectors> {
  const { windows, params, truth } = input;
  const ctx = createPhaseContext(input.listener, input.record);
  const plan = planTraining(params);

  const { scaler, scaled } = scaleFeatures(ctx, windows);
  const forest = createForest(params);
  // DBSCAN's thread starts before the forest: its fit is training's longest path at 10M lines.
  const clustering = startClustering(ctx, { scaled, params, truth });
  const forestFirst = plan.forest === "first" ? fitForest(ctx, forest, { scaled, params, truth }) : undefined;
  clustering.begin();
  const provenance = clustering.threadDone.then(() => (typeof input.provenance === "function" ? input.provenance() : input.provenance));
  // Should training or scoring fail first, nobody awaits it: its failure must not go unhandled.
  provenance.catch(() => undefined);
  const autoencoder = await trainAutoencoder(ctx, { scaled, params, truth, plan });
  const dbscan = await clustering.fit();
  // Fitted on the cleaned windows, scored (and cut) on all of them.
  const forestFit = forestFirst ?? fitForest(ctx, forest, { scaled, params, truth, kept: { rows: autoencoder.model.trainedRows } });
  const thresholds = settleThresholds(ctx, { scaled, params, truth, forest: forestFit, dbscan, autoencoder });

  const models: ScoringModels = {
    meta: modelMeta(input.params, thresholds),
    scaler,
    isolationForest: forestFit.model,
    dbscan: thresholds.dbscan,
    autoencoder: autoencoder.model,
    templates: input.templates,
  };
  // Both plans score every window with the fitted forest (fitForest): the scores scoring would take.
  // DBSCAN's fit labelled every window too, unless the labels moved eps and it was fitted again.
  const dbscanLabels = thresholds.dbscan === dbscan.model ? { dbscan: dbscan.result } : {};
  return { models, scores: { scaled, isolationForest: forestFit.scores, ...dbscanLabels }, provenance };
}

function modelMeta(params: DetectParams, thresholds: ThresholdDecision): ScoringModels["meta"] {
  const { contamination, aePercentile } = thresholds;
  return {
    format: "logscope-models",
    version: 1,
    params,
    features: params.features,
    featureNames: featureNamesFor(params.features),
    eps: thresholds.eps,
    thresholds: {
      isolationForest: contamination.threshold,
      contamination: contamination.parameter,
      autoencoder: aePercentile.threshold,
      aePercentile: aePercentile.parameter,
      choices: { contamination: contamination.choice, aePercentile: aePercentile.choice, eps: thresholds.epsChoice },
    },
  };
}
