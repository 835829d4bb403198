import { Dbscan } from "@/lib/detectors/dbscan";
import { IsolationForest } from "@/lib/detectors/isolation-forest";
import { chooseEps } from "@/lib/detectors/k-distance";
import { StandardScaler } from "@/lib/detectors/standard-scaler";
import { FEATURE_NAMES, type WindowFeatures } from "@/lib/logs/types";
import { loadAutoencoder, type DetectorModels, type EpsDecision, type ModelMeta } from "./detector-models";
import type { DetectParams } from "./params";
import { featureMatrix } from "./score-windows";
import type { PipelineListener, StageName } from "./types";

export interface TrainInput {
  windows: WindowFeatures[];
  params: DetectParams;
  /** Everything meta.json records besides what training decides. */
  meta: Omit<ModelMeta, "eps" | "params" | "featureNames" | "format" | "version">;
  listener?: PipelineListener;
  /** Adds elapsed seconds to a stage's total. */
  record?: (stage: StageName, seconds: number) => void;
}

const now = () => performance.now() / 1000;

/** Fits scaler, Isolation Forest, DBSCAN and autoencoder on the windows (SPEC §4-5). */
export async function trainDetectors(input: TrainInput): Promise<DetectorModels> {
  const { windows, params, listener } = input;
  const record = input.record ?? (() => undefined);
  const stage = (name: StageName, message: string) => listener?.({ kind: "stage", stage: name, fraction: 0, message });

  let t = now();
  stage("scale", "Scaling features");
  const scaler = new StandardScaler();
  const scaled = scaler.fitTransform(featureMatrix(windows));
  record("scale", now() - t);

  t = now();
  stage("isolationForest", "Training Isolation Forest");
  const isolationForest = new IsolationForest({ contamination: params.contamination, seed: params.seed }).fit(scaled);
  record("isolationForest", now() - t);

  t = now();
  let eps: EpsDecision = { eps: params.eps === "auto" ? 0 : params.eps, auto: false };
  if (params.eps === "auto") {
    stage("dbscan", "Choosing eps from the k-distance curve");
    const choice = chooseEps(scaled, params.minSamples);
    eps = { eps: choice.eps, auto: true, kneeIndex: choice.kneeIndex, curveLength: choice.curve.length };
  }
  stage("dbscan", `Clustering with DBSCAN (eps ${eps.eps}, min samples ${params.minSamples})`);
  const dbscan = new Dbscan({ eps: eps.eps, minSamples: params.minSamples });
  dbscan.fit(scaled);
  record("dbscan", now() - t);

  t = now();
  stage("autoencoder", `Training the autoencoder (${params.epochs} epochs)`);
  const { Autoencoder } = await loadAutoencoder();
  const autoencoder = new Autoencoder({ epochs: params.epochs, percentile: params.aePercentile, seed: params.seed });
  await autoencoder.fit(scaled, {
    onEpoch: (epoch, epochs, loss) => listener?.({ kind: "epoch", epoch, epochs, loss }),
  });
  record("autoencoder", now() - t);

  const meta: ModelMeta = {
    format: "logscope-models",
    version: 1,
    ...input.meta,
    params,
    featureNames: FEATURE_NAMES,
    eps,
  };
  return { meta, scaler, isolationForest, dbscan, autoencoder };
}
