import { Dbscan } from "@/lib/detectors/dbscan";
import { IsolationForest } from "@/lib/detectors/isolation-forest";
import { StandardScaler } from "@/lib/detectors/standard-scaler";
import type { Labels } from "@/lib/detectors/types";
import type { TemplateMinerJson } from "@/lib/logs/templates";
import { featureNamesFor, type WindowFeatures } from "@/lib/logs/types";
import { chooseContamination, chooseEpsSetting, choosePercentile, ensembleReason, labelledCut } from "./choose-thresholds";
import { tuneEnsembleThresholds } from "./tune-ensemble-thresholds";
import { loadAutoencoder, type DetectorModels, type EpsDecision, type ModelMeta } from "./detector-models";
import type { DetectParams } from "./params";
import { featureMatrix } from "./score-windows";
import { selectRows } from "@/lib/detectors/matrix";
import type { PipelineListener, StageName, ThresholdChoice } from "./types";

export interface TrainInput {
  windows: WindowFeatures[];
  params: DetectParams;
  /** Everything meta.json records besides what training decides. */
  meta: Omit<ModelMeta, "eps" | "params" | "features" | "featureNames" | "format" | "version" | "thresholds">;
  /** Labelled windows (1 = anomalous): with them, `auto` thresholds maximise F1 instead of estimating. */
  truth?: Labels;
  /** Extended features: the miner that named the templates, saved with the models. */
  templates?: TemplateMinerJson;
  listener?: PipelineListener;
  /** Adds elapsed seconds to a stage's total. */
  record?: (stage: StageName, seconds: number) => void;
}

const now = () => performance.now() / 1000;

/**
 * With extended features the autoencoder trains a second time without this share of windows
 * (an assumed upper bound on the anomalous share), the ones its first pass reconstructs worst, and
 * the Isolation Forest is fitted on the windows that second pass kept; both then score every window.
 * Measured on generated logs: the autoencoder's best-cut F1 rose from 0.70 to 0.88 (1M lines) and
 * from 0.84 to 0.95 (200k); fitting the forest on the kept windows then raised the ensemble's F1
 * with automatic thresholds on all ten logs measured (mean 0.899 -> 0.917). The seed feature set
 * keeps the contract's single pass and a forest fitted on every window, so that its numbers stay reproducible.
 */
export const EXTENDED_TRIM_FRACTION = 0.1;

/** Fits scaler, Isolation Forest, DBSCAN and autoencoder on the windows (docs/pipeline.md §4-5). */
export async function trainDetectors(input: TrainInput): Promise<DetectorModels> {
  const { windows, params, listener } = input;
  const record = input.record ?? (() => undefined);
  const stage = (name: StageName, message: string) => listener?.({ kind: "stage", stage: name, fraction: 0, message });

  let t = now();
  stage("scale", "Scaling features");
  const scaler = new StandardScaler();
  const scaled = scaler.fitTransform(featureMatrix(windows));
  record("scale", now() - t);

  const trimFraction = params.features === "extended" ? EXTENDED_TRIM_FRACTION : 0;
  // The forest and its scores do not depend on contamination; the cut is chosen afterwards.
  const isolationForest = new IsolationForest({ seed: params.seed, ...(params.contamination === "auto" ? {} : { contamination: params.contamination }) });
  let ifScores: Float64Array = new Float64Array(0);
  if (trimFraction === 0) {
    t = now();
    stage("isolationForest", "Training Isolation Forest");
    ifScores = isolationForest.fit(scaled).trainingScores;
    record("isolationForest", now() - t);
  }

  t = now();
  if (params.eps === "auto") stage("dbscan", "Choosing eps from the k-distance curve");
  const epsPick = chooseEpsSetting(scaled, params.eps, params.minSamples, input.truth);
  let eps: EpsDecision = epsPick.decision;
  let epsChoice: ThresholdChoice = epsPick.choice;
  stage("dbscan", `Clustering with DBSCAN (eps ${eps.eps}, min samples ${params.minSamples})`);
  let dbscan = new Dbscan({ eps: eps.eps, minSamples: params.minSamples });
  dbscan.fit(scaled);
  record("dbscan", now() - t);

  t = now();
  stage(
    "autoencoder",
    trimFraction > 0
      ? `Training the autoencoder (${params.epochs} epochs, then ${params.epochs} more without the ${trimFraction * 100}% of windows it reconstructs worst)`
      : `Training the autoencoder (${params.epochs} epochs)`,
  );
  const { Autoencoder } = await loadAutoencoder();
  const autoencoder = new Autoencoder({
    epochs: params.epochs,
    seed: params.seed,
    trimFraction,
    ...(params.aePercentile === "auto" ? {} : { percentile: params.aePercentile }),
  });
  await autoencoder.fit(scaled, {
    onEpoch: (epoch, epochs, loss) => listener?.({ kind: "epoch", epoch, epochs, loss }),
  });
  const aeErrors = autoencoder.trainingErrors;
  let aeCut = choosePercentile(aeErrors, params.aePercentile, input.truth);
  record("autoencoder", now() - t);

  if (!isolationForest.fitted) {
    t = now();
    const rows = autoencoder.trainedRows;
    stage("isolationForest", `Training Isolation Forest on the ${rows?.length ?? scaled.rows} windows the autoencoder reconstructs best`);
    // Fitted on the cleaned windows, scored (and cut) on all of them.
    ifScores = isolationForest.fit(rows ? selectRows(scaled, rows) : scaled).score(scaled);
    record("isolationForest", now() - t);
  }
  let ifCut = chooseContamination(ifScores, params.contamination, input.truth);

  const truth = input.truth;
  if (truth && (params.contamination === "auto" || params.aePercentile === "auto" || params.eps === "auto")) {
    t = now();
    stage("dbscan", "Choosing the thresholds that give the ensemble the best F1 against the labels");
    const tuned = tuneEnsembleThresholds({
      ifScores,
      aeErrors,
      scaled,
      minSamples: params.minSamples,
      votes: params.votes,
      truth,
      start: { contamination: ifCut.parameter, aeFraction: 1 - aeCut.parameter / 100, eps: eps.eps },
      free: { contamination: params.contamination === "auto", aeFraction: params.aePercentile === "auto", eps: params.eps === "auto" },
      epsCandidates: epsPick.candidates,
    });
    const why = ensembleReason(tuned.score);
    if (params.contamination === "auto") ifCut = labelledCut(chooseContamination(ifScores, tuned.contamination), "Contamination", why);
    if (params.aePercentile === "auto") aeCut = labelledCut(choosePercentile(aeErrors, Number((100 * (1 - tuned.aeFraction)).toPrecision(6))), "Autoencoder percentile", why);
    if (params.eps === "auto") {
      epsChoice = { value: tuned.eps, mode: "labels", reason: `eps ${tuned.eps}: ${why}` };
      if (tuned.eps !== eps.eps) {
        eps = { ...eps, eps: tuned.eps };
        dbscan = new Dbscan({ eps: eps.eps, minSamples: params.minSamples });
        dbscan.fit(scaled);
      }
    }
    record("dbscan", now() - t);
  }

  const meta: ModelMeta = {
    format: "logscope-models",
    version: 1,
    ...input.meta,
    params,
    features: params.features,
    featureNames: featureNamesFor(params.features),
    eps,
    thresholds: {
      isolationForest: ifCut.threshold,
      contamination: ifCut.parameter,
      autoencoder: aeCut.threshold,
      aePercentile: aeCut.parameter,
      choices: { contamination: ifCut.choice, aePercentile: aeCut.choice, eps: epsChoice },
    },
  };
  return { meta, scaler, isolationForest, dbscan, autoencoder, templates: input.templates };
}
