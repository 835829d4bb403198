import { z } from "zod";
import { formatOptionsShape } from "@/lib/domain/format-options-schema";
import { featureSetSchema, scoreEnsembleStateSchema, thresholdChoicesSchema } from "@/lib/domain/types";
import type { Autoencoder } from "@/lib/detectors/autoencoder";
import type { Dbscan } from "@/lib/detectors/dbscan";
import type { IsolationForest } from "@/lib/detectors/isolation-forest";
import type { StandardScaler } from "@/lib/detectors/standard-scaler";
import type { TemplateMinerJson } from "@/lib/logs/templates";
import { detectParamsSchema } from "./params";

/**
 * TensorFlow.js is imported only when a model is trained or loaded: with it loaded, parsing a
 * large log measured 20-30% slower, and parsing comes first.
 */
export function loadAutoencoder(): Promise<typeof import("@/lib/detectors/autoencoder")> {
  return import("@/lib/detectors/autoencoder");
}

/**
 * meta.json, the model directory's description of itself, is read back through these schemas
 * (model-store.ts), so a damaged file is refused with a sentence instead of failing somewhere in
 * the pipeline; the types below are the schemas' own. Fields that later versions added are
 * optional or defaulted to what older directories meant.
 */

/**
 * JSON writes an infinite threshold as null. The only infinite cut training makes is -Infinity
 * ("flag every window": the best-F1 cut or the max-fraction cap of estimateThreshold), so null
 * reads back as that.
 */
export const storedThresholdSchema = z.union([z.number(), z.null().transform(() => -Infinity)]);

/** How eps was set: as given, or read off the k-distance curve (`--eps auto`). */
const epsDecisionSchema = z.object({
  eps: z.number(),
  auto: z.boolean(),
  /** With auto: where the knee sits on the sorted k-distance curve. */
  kneeIndex: z.int().nonnegative().optional(),
  curveLength: z.int().nonnegative().optional(),
});
export type EpsDecision = z.infer<typeof epsDecisionSchema>;

/**
 * The cut-offs labels come from. They live here rather than inside the fitted models because
 * `auto` and labels may move them after fitting; prediction applies exactly these.
 */
const modelThresholdsSchema = z.object({
  /** Isolation Forest score above which a window is anomalous. */
  isolationForest: storedThresholdSchema,
  contamination: z.number(),
  /** Autoencoder error above which a window is anomalous. */
  autoencoder: storedThresholdSchema,
  aePercentile: z.number(),
  choices: thresholdChoicesSchema,
});
export type ModelThresholds = z.infer<typeof modelThresholdsSchema>;


/**
 * How the training log was read (docs/pipeline.md §1b): the format's name as resolved (what `auto`
 * chose), the options given with it, and the year of its first year-less record. `predict` reads
 * new logs the same way unless told otherwise.
 */
const modelLogFormatSchema = z.object({
  name: z.string().min(1),
  ...formatOptionsShape(z.object),
  year: z.int(),
  /** Whether the year was inferred (no --year given). */
  yearInferred: z.boolean(),
});
export type ModelLogFormat = z.infer<typeof modelLogFormatSchema>;

/**
 * The run's parameters as training saw them: the training schema's own rules, except the format
 * options, which are kept as the text they were stored as (predict reads logFormat, and a format
 * that was valid when the model was trained must not make the model unreadable later).
 */
const storedParamsSchema = detectParamsSchema.extend({
  format: z.string().default("auto"),
  tz: z.string().optional(),
  fields: z.string().optional(),
  masks: z.string().optional(),
  timeFormat: z.string().optional(),
});

/** What a saved model directory says about itself (meta.json). */
export const modelMetaSchema = z.object({
  format: z.literal("logscope-models"),
  version: z.literal(1),
  runId: z.string(),
  createdAt: z.string(),
  params: storedParamsSchema,
  /** Feature set the models were trained on; meta.json files written before it existed mean "seed". */
  features: featureSetSchema.default("seed"),
  featureNames: z.array(z.string()).min(1).readonly(),
  eps: epsDecisionSchema,
  /** Absent in model directories written before automatic thresholds: then the models' own apply. */
  thresholds: modelThresholdsSchema.optional(),
  /** Absent in model directories written before the score-level ensemble (they combine by vote). */
  scoreEnsemble: scoreEnsembleStateSchema.optional(),
  input: z.object({
    fileName: z.string(),
    sha256: z.string(),
    bytes: z.number().nonnegative(),
    lines: z.number().nonnegative(),
    windows: z.number().nonnegative(),
  }),
  /** Absent in model directories written before log formats: those read classic syslog. */
  logFormat: modelLogFormatSchema.optional(),
});
export type ModelMeta = z.infer<typeof modelMetaSchema>;

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

/**
 * Where a model set comes from: meta.json's record of the run and of its log. Training decides
 * nothing of it, and the log's hash in it may still be under way when training is done.
 */
export type ModelProvenance = Pick<ModelMeta, "runId" | "createdAt" | "input" | "logFormat">;

/** What scoring reads of a model set: its fitted parts and what training decided (not its provenance). */
export type ScoringModels = Omit<DetectorModels, "meta"> & { meta: Omit<ModelMeta, keyof ModelProvenance> };

/** A model set with its provenance, meta.json's keys in their usual order. */
export function withProvenance(models: ScoringModels, provenance: ModelProvenance): DetectorModels {
  const { format, version, ...decided } = models.meta;
  return { ...models, meta: { format, version, ...provenance, ...decided } };
}
