import type { FeatureSet, ThresholdChoices } from "@/lib/domain/types";
import type { Autoencoder } from "@/lib/detectors/autoencoder";
import type { Dbscan } from "@/lib/detectors/dbscan";
import type { IsolationForest } from "@/lib/detectors/isolation-forest";
import type { StandardScaler } from "@/lib/detectors/standard-scaler";
import type { FieldOverrides, MaskSpec } from "@/lib/logs/formats/types";
import type { TemplateMinerJson } from "@/lib/logs/templates";
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

/**
 * The cut-offs labels come from. They live here rather than inside the fitted models because
 * `auto` and labels may move them after fitting; prediction applies exactly these.
 */
export interface ModelThresholds {
  /** Isolation Forest score above which a window is anomalous. */
  isolationForest: number;
  contamination: number;
  /** Autoencoder error above which a window is anomalous. */
  autoencoder: number;
  aePercentile: number;
  choices: ThresholdChoices;
}

/**
 * How the training log was read (docs/pipeline.md §1b): the format's name as resolved (what `auto`
 * chose), the options given with it, and the year of its first year-less record. `predict` reads
 * new logs the same way unless told otherwise.
 */
export interface ModelLogFormat {
  name: string;
  tz?: string;
  fields?: FieldOverrides;
  masks?: MaskSpec[];
  timeFormat?: string;
  year: number;
  /** Whether the year was inferred (no --year given). */
  yearInferred: boolean;
}

/** What a saved model directory says about itself (meta.json). */
export interface ModelMeta {
  format: "logscope-models";
  version: 1;
  runId: string;
  createdAt: string;
  params: DetectParams;
  /** Feature set the models were trained on; meta.json files written before it existed mean "seed". */
  features: FeatureSet;
  featureNames: readonly string[];
  eps: EpsDecision;
  /** Absent in model directories written before automatic thresholds: then the models' own apply. */
  thresholds?: ModelThresholds;
  input: { fileName: string; sha256: string; bytes: number; lines: number; windows: number };
  /** Absent in model directories written before log formats: those read classic syslog. */
  logFormat?: ModelLogFormat;
}

/** The four fitted parts that turn feature windows into scores and labels. */
export interface DetectorModels {
  meta: ModelMeta;
  scaler: StandardScaler;
  isolationForest: IsolationForest;
  dbscan: Dbscan;
  autoencoder: Autoencoder;
  /** Extended features: the training run's template miner, to tell unseen templates apart. */
  templates?: TemplateMinerJson;
}
