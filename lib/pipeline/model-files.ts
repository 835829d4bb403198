import type { io } from "@/lib/detectors/tensorflow";
import { z } from "zod";
import type { AutoencoderJSON } from "@/lib/detectors/autoencoder";
import type { DbscanJSON } from "@/lib/detectors/dbscan";
import { recoverNodeSizes } from "@/lib/detectors/isolation-attribution";
import type { IsolationForestJSON } from "@/lib/detectors/isolation-forest";
import type { StandardScalerJSON } from "@/lib/detectors/standard-scaler";
import { MASK_NAMES, type TemplateMinerJson } from "@/lib/logs/templates";
import { storedThresholdSchema } from "./detector-models";

/**
 * The files of a model directory besides meta.json, read back through these schemas
 * (model-store.ts) before any detector is rebuilt from them: a damaged file is refused with a
 * sentence naming it, instead of a TypeError in the middle of scoring, a NaN in every score or an
 * isolation tree that loops for ever. Each schema is the detector's own JSON type (the `z.ZodType`
 * annotation keeps the two in step) plus what the detector assumes without checking: one column
 * per feature of meta.json, the constructor's option ranges, a tree's children after their parent.
 */

/** `cols` as meta.json's feature count: every model reads exactly the features the scaler scales. */
const columnsOf = (features: number) =>
  z.int().refine((cols) => cols === features, { error: `must be ${features}, the number of features in meta.json` });

const perFeature = (features: number, item: z.ZodNumber) =>
  z.array(item).length(features, { error: `must hold ${features} values, one per feature in meta.json` });

export function standardScalerFile(features: number): z.ZodType<StandardScalerJSON> {
  return z.object({
    name: z.literal("standardScaler"),
    mean: perFeature(features, z.number()),
    // fit() scales a constant column by 1, never by 0: a 0 here would divide by zero.
    scale: perFeature(features, z.number().positive({ error: "must be above 0" })),
  });
}

export function isolationForestFile(features: number): z.ZodType<IsolationForestJSON> {
  return z
    .object({
      name: z.literal("isolationForest"),
      options: z.object({
        nEstimators: z.int().min(1),
        maxSamples: z.int().min(1),
        contamination: z.number().min(0).lt(1),
        seed: z.number(),
      }),
      cols: columnsOf(features),
      subsample: z.int().min(1),
      threshold: storedThresholdSchema,
      feature: z.array(z.int().min(-1).max(features - 1)),
      value: z.array(z.number()),
      right: z.array(z.int()),
      roots: z.array(z.int()),
    })
    .superRefine((forest, ctx) => {
      const problem = forestProblem(forest);
      if (problem) ctx.addIssue({ code: "custom", message: problem.message, path: problem.path });
    });
}

/**
 * What makes the flat trees unsafe to walk: arrays of different lengths, a tree count other than
 * the options', or a node whose children are not after it inside its own tree (score() would read
 * past the arrays or loop for ever). Then the leaves: each must hold depth + c(size), which
 * attribution relies on.
 */
function forestProblem(forest: Omit<IsolationForestJSON, "name">): { message: string; path: (string | number)[] } | null {
  const { feature, value, right, roots, options, subsample } = forest;
  const nodes = feature.length;
  if (value.length !== nodes) return { message: `holds ${value.length} nodes where feature holds ${nodes}`, path: ["value"] };
  if (right.length !== nodes) return { message: `holds ${right.length} nodes where feature holds ${nodes}`, path: ["right"] };
  if (roots.length !== options.nEstimators) {
    return { message: `holds ${roots.length} trees where options.nEstimators says ${options.nEstimators}`, path: ["roots"] };
  }
  for (let t = 0; t < roots.length; t++) {
    const start = roots[t] as number;
    const end = roots[t + 1] ?? nodes;
    if (t === 0 && start !== 0) return { message: "must start the first tree at node 0", path: ["roots", 0] };
    if (!(start < end && end <= nodes)) return { message: `tree ${t} has no nodes of its own (${start} to ${end})`, path: ["roots", t] };
    for (let node = start; node < end; node++) {
      if ((feature[node] as number) < 0) continue;
      const child = right[node] as number;
      if (!(node + 1 < child && child < end)) {
        return { message: `node ${node} has its right child at ${child}, outside its tree's nodes ${node + 2} to ${end - 1}`, path: ["right", node] };
      }
    }
  }
  const arrays = { feature: Int32Array.from(feature), value: Float64Array.from(value), right: Int32Array.from(right), roots: Int32Array.from(roots) };
  try {
    recoverNodeSizes(arrays, subsample);
  } catch (error) {
    return { message: error instanceof Error ? error.message.replace(/^IsolationForest model: /, "") : String(error), path: ["value"] };
  }
  return null;
}

export function dbscanFile(features: number): z.ZodType<DbscanJSON> {
  return z
    .object({
      name: z.literal("dbscan"),
      options: z.object({ eps: z.number().positive(), minSamples: z.int().min(1) }),
      cols: columnsOf(features),
      corePoints: z.array(z.number()),
      coreClusters: z.array(z.int().nonnegative()),
    })
    .refine((model) => model.corePoints.length === model.coreClusters.length * model.cols, {
      error: "must hold cols values for each of the core points of coreClusters",
      path: ["corePoints"],
    });
}

export function autoencoderMetaFile(features: number): z.ZodType<AutoencoderJSON> {
  return z.object({
    name: z.literal("autoencoder"),
    options: z.object({
      hiddenLayers: z.array(z.int().min(1)),
      epochs: z.int().min(1),
      batchSize: z.int().min(1),
      maxStepsPerEpoch: z.int().min(1),
      learningRate: z.number().positive(),
      percentile: z.number().min(0).max(100),
      // Absent from models trained before trimmed training existed: those trained in one pass.
      trimFraction: z.number().min(0).lt(1).default(0),
      // Absent from models trained before the ranking pass had its own length: it had `epochs`.
      rankingEpochs: z.int().min(0).default(0),
      seed: z.number(),
    }),
    cols: columnsOf(features),
    threshold: storedThresholdSchema,
    // Informational only: a diverged epoch's NaN loss is stored as null and must not refuse the model.
    lossHistory: z.array(z.number().nullable().transform((loss) => loss ?? Number.NaN)),
  });
}

/** Layer widths input, hidden..., output of an autoencoder described by its autoencoder.json. */
export function autoencoderLayerSizes(meta: AutoencoderJSON): number[] {
  return [meta.cols, ...meta.options.hiddenLayers, meta.cols];
}

/** The weight shapes of the dense stack, in tfjs's order: each layer's kernel, then its bias. */
function weightShapes(sizes: readonly number[]): number[][] {
  return sizes.slice(1).flatMap((units, l) => [[sizes[l] as number, units], [units]]);
}

/** weights.bin's size: every weight a float32. */
export function autoencoderWeightBytes(sizes: readonly number[]): number {
  return 4 * weightShapes(sizes).reduce((total, shape) => total + shape.reduce((product, n) => product * n, 1), 0);
}

const shapeText = (shapes: readonly (readonly number[])[]) => shapes.map((shape) => shape.join("x")).join(", ");

/** model.json as saveLayersModel writes it: one manifest group reading weights.bin, with the shapes autoencoder.json's layers need. */
export function autoencoderModelFile(sizes: readonly number[], weightsFile: string): z.ZodType<io.ModelJSON> {
  const expected = weightShapes(sizes);
  return z
    .object({
      modelTopology: z.record(z.string(), z.unknown()),
      format: z.string().optional(),
      generatedBy: z.string().optional(),
      convertedBy: z.string().nullable().optional(),
      weightsManifest: z
        .array(
          z.object({
            paths: z.tuple([z.literal(weightsFile)]),
            weights: z.array(z.object({ name: z.string(), shape: z.array(z.int().nonnegative()), dtype: z.literal("float32") })),
          }),
        )
        .length(1),
    })
    .superRefine((model, ctx) => {
      const shapes = model.weightsManifest[0]?.weights.map((weight) => weight.shape) ?? [];
      if (shapeText(shapes) === shapeText(expected)) return;
      const layers = sizes.join("-");
      const message = `lists weights of shapes ${shapeText(shapes)} where the layers ${layers} of autoencoder.json need ${shapeText(expected)}`;
      ctx.addIssue({ code: "custom", message, path: ["weightsManifest"] });
    });
}

export const templateMinerFile: z.ZodType<TemplateMinerJson> = z.object({
  name: z.literal("TemplateMiner"),
  version: z.literal(1),
  options: z.object({
    // The miner's own ranges are checked by TemplateMiner.load, which model-store.ts runs on it.
    depth: z.int(),
    similarityThreshold: z.number(),
    maxChildren: z.int(),
    masks: z.array(z.enum(MASK_NAMES)),
    maskedMatchesWildcard: z.boolean(),
    // Absent from files written before issue #11: the miner takes its defaults.
    customMasks: z.array(z.object({ pattern: z.string(), name: z.string().optional() })).optional(),
    wordVariantLimit: z.int().nonnegative().optional(),
    matchAcrossLengths: z.boolean().optional(),
  }),
  groups: z.array(
    z.object({
      id: z.int().nonnegative(),
      tokens: z.array(z.string()),
      count: z.int().nonnegative(),
      family: z.int().nonnegative().optional(),
      mergedInto: z.int().nonnegative().optional(),
    }),
  ),
  skeletons: z.array(z.tuple([z.string(), z.int().nonnegative()])).optional(),
});
