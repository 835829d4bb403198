import * as tf from "./tensorflow";

import type { DenseStack } from "./autoencoder-train";

/** File name the weights manifest points at; the caller writes `weightData` under this name. */
export const WEIGHTS_FILE = "weights.bin";

/** A tfjs LayersModel in the standard two-file layout, held in memory. */
export interface LayersModelFiles {
  /** Content of model.json (tfjs layers format); its manifest points at WEIGHTS_FILE. */
  modelJson: tf.io.ModelJSON;
  /** Content of weights.bin. */
  weightData: ArrayBuffer;
}

/** A Keras-style Sequential model holding the trained weights of `stack`. */
export function buildLayersModel(stack: DenseStack): tf.Sequential {
  const { sizes } = stack;
  const layers = sizes.length - 1;
  const model = tf.sequential({ name: "autoencoder" });
  for (let l = 0; l < layers; l++) {
    model.add(
      tf.layers.dense({
        // Fixed names keep model.json identical for identical models.
        name: `dense_${l + 1}`,
        units: sizes[l + 1] as number,
        inputShape: l === 0 ? [sizes[0] as number] : undefined,
        activation: l + 1 < layers ? "relu" : "linear",
        // Overwritten below; zeros avoids drawing unseeded random numbers for nothing.
        kernelInitializer: "zeros",
      }),
    );
  }
  tf.tidy(() => {
    const values: tf.Tensor[] = [];
    for (let l = 0; l < layers; l++) {
      values.push(tf.tensor2d(stack.weights[l] as Float32Array, [sizes[l] as number, sizes[l + 1] as number]));
      values.push(tf.tensor1d(stack.biases[l] as Float32Array));
    }
    model.setWeights(values);
  });
  return model;
}

/** Serialises `model` through tfjs's own save path (no file system involved). */
export async function saveLayersModel(model: tf.LayersModel): Promise<LayersModelFiles> {
  let files: LayersModelFiles | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const { modelTopology, weightSpecs, weightData } = artifacts;
      if (!modelTopology || !weightSpecs || !weightData) throw new Error("tfjs returned incomplete model artifacts");
      files = {
        modelJson: {
          modelTopology,
          format: artifacts.format,
          generatedBy: artifacts.generatedBy,
          convertedBy: artifacts.convertedBy ?? null,
          weightsManifest: [{ paths: [WEIGHTS_FILE], weights: weightSpecs }],
        },
        weightData: tf.io.CompositeArrayBuffer.join(weightData),
      };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  if (!files) throw new Error("tfjs did not call the save handler");
  return files;
}

/** Rebuilds a LayersModel from the two files' contents (tf.io.fromMemory, no file system). */
export async function loadLayersModel(files: LayersModelFiles): Promise<tf.LayersModel> {
  const weightSpecs = files.modelJson.weightsManifest.flatMap((group) => group.weights);
  const artifacts = tf.io.getModelArtifactsForJSONSync(files.modelJson, weightSpecs, files.weightData);
  return tf.loadLayersModel(tf.io.fromMemory(artifacts));
}

/** Reads the layer sizes back from a loaded model, so metadata and weights are checked against each other. */
export function denseSizesOf(model: tf.LayersModel): number[] {
  const input = model.inputs[0]?.shape[1];
  if (typeof input !== "number") throw new Error("autoencoder model has no fixed input width");
  return [input, ...model.layers.map((layer) => (layer.getConfig() as { units?: number }).units ?? -1)];
}
