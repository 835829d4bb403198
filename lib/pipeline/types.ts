import type { ThresholdChoices } from "@/lib/domain/types";
import type { Labels, Matrix } from "@/lib/detectors/types";
import type { ExtractionSummary, WindowFeatures } from "@/lib/logs/types";

export interface DetectorScores {
  /** Isolation Forest anomaly score 2^(-E[h]/c(psi)), higher = more anomalous. */
  isolationForest: Float64Array;
  /** Autoencoder reconstruction MSE per window. */
  autoencoder: Float64Array;
  /** Distance to the nearest DBSCAN core point (Infinity when the model has none). */
  dbscanDistance: Float64Array;
  /** DBSCAN cluster of the nearest core point within eps, -1 for noise. */
  dbscanCluster: Int32Array;
  /**
   * The score-level ensemble's combined score (median robust z, lib/detectors/score-ensemble.ts);
   * absent for models saved before it existed.
   */
  combined?: Float64Array;
}

export interface DetectorLabels {
  isolationForest: Labels;
  dbscan: Labels;
  autoencoder: Labels;
  ensemble: Labels;
}

/** The thresholds that turned scores into labels; stored with a run so it can be relabelled. */
export interface Thresholds {
  isolationForest: number;
  contamination: number;
  autoencoder: number;
  aePercentile: number;
  eps: number;
  minSamples: number;
  votes: number;
  /** Present on training results: how contamination, percentile and eps were set. */
  choices?: ThresholdChoices;
}

/** Columnar per-window results: column arrays are indexed like `windows`. */
export interface WindowResults {
  windows: WindowFeatures[];
  /** Column names of `values` / `scaled` (FEATURE_NAMES, or EXTENDED_FEATURE_NAMES). */
  featureNames: readonly string[];
  scaled: Matrix;
  /** Per window and feature, the autoencoder's squared reconstruction error (row mean = scores.autoencoder). */
  aeFeatureErrors: Matrix;
  scores: DetectorScores;
  labels: DetectorLabels;
  thresholds: Thresholds;
}

export type StageName = "parse" | "scale" | "isolationForest" | "dbscan" | "autoencoder" | "save";

export type PipelineEvent =
  | { kind: "stage"; stage: StageName; fraction: number; message: string }
  | { kind: "epoch"; epoch: number; epochs: number; loss: number };

export type PipelineListener = (event: PipelineEvent) => void;

export interface RunSummary {
  extraction: ExtractionSummary;
  windows: number;
  anomalies: { isolationForest: number; dbscan: number; autoencoder: number; ensemble: number };
  /** Seconds spent in each stage. */
  seconds: Partial<Record<StageName, number>>;
}
