// The TensorFlow.js the autoencoder uses: the core, the layers API and the cpu backend (the WASM
// backend registers itself from autoencoder-backend.ts). Not the @tensorflow/tfjs umbrella, which
// also loads the converter, tf.data and the WebGL backend that Node never runs: measured on this
// machine (node 20, after two collections), requiring the umbrella and the WASM backend added
// 14.4 MiB to the heap and took the process to 68 MiB; these packages add 8.0 MiB, 61 MiB. The
// gradients training needs are the same with either (tfjs-core's Node build registers them).
import "@tensorflow/tfjs-backend-cpu";

export * from "@tensorflow/tfjs-core";
export { LayersModel, Sequential, layers, loadLayersModel, sequential } from "@tensorflow/tfjs-layers";
