import type { Autoencoder } from "@/lib/detectors/autoencoder";
import type { Dbscan } from "@/lib/detectors/dbscan";
import type { IsolationForest } from "@/lib/detectors/isolation-forest";
import type { StandardScaler } from "@/lib/detectors/standard-scaler";
import type { FeatureName } from "@/lib/logs/types";
import type { DetectParams } from "./params";

/**
 * TensorFlow.js is imported only when a model is trained or loaded: with it loaded, parsing a
 * large log measured 20-30% slower, and parsing comes first.
 */
export function loadAutoencoder(): Promise<typeof import("@/lib/detectors/autoencoder")> {
  return import("@/lib/detectors/autoencoder");
}

/** How eps was set: as given, or read off the k-distance curve (`--eps auto`). */
export interface EpsDecision {
  eps: number;
  auto: boolean;
  /** With auto: where the knee sits on the sorted k-distance curve. */
  kneeIndex?: number;
  curveLength?: number;
}

/** What a saved model directory says about itself (meta.json). */
export interface ModelMeta {
  format: "logscope-models";
  version: 1;
  runId: string;
  createdAt: string;
  params: DetectParams;
  featureNames: readonly FeatureName[];
  eps: EpsDecision;
  input: { fileName: string; sha256: string; bytes: number; lines: number; windows: number };
}

/** The four fitted parts that turn feature windows into scores and labels. */
export interface DetectorModels {
  meta: ModelMeta;
  scaler: StandardScaler;
  isolationForest: IsolationForest;
  dbscan: Dbscan;
  autoencoder: Autoencoder;
}
