import * as tf from "./tensorflow";

import type { Random } from "./random";

/**
 * A stack of dense layers, ReLU on every layer but the last (linear). Layer l maps sizes[l]
 * units to sizes[l + 1]; weights[l] is sizes[l] x sizes[l + 1], row-major, like a Keras kernel.
 */
export interface DenseStack {
  sizes: number[];
  weights: Float32Array[];
  biases: Float32Array[];
}

export interface TrainSettings {
  epochs: number;
  batchSize: number;
  learningRate: number;
}

export type EpochCallback = (epoch: number, epochs: number, loss: number) => void | Promise<void>;

// Keras / tfjs Adam defaults.
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;

/** Keras defaults: Glorot-uniform kernels, zero biases, drawn from the seeded `random`. */
export function initDenseStack(sizes: number[], random: Random): DenseStack {
  const weights: Float32Array[] = [];
  const biases: Float32Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l] as number;
    const fanOut = sizes[l + 1] as number;
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const w = new Float32Array(fanIn * fanOut);
    for (let i = 0; i < w.length; i++) w[i] = (2 * random.nextFloat() - 1) * limit;
    weights.push(w);
    biases.push(new Float32Array(fanOut));
  }
  return { sizes, weights, biases };
}

/**
 * Trains `stack` in place to reconstruct its input under mean squared error, with Adam and a
 * seeded shuffle each epoch. Returns the loss per epoch (sample-weighted mean of batch losses,
 * as Keras reports it).
 *
 * Why not model.fit or optimizer.minimize: at 16 units every kernel is tiny, so tfjs's per-kernel
 * overhead dominates. fit and minimize spend ~100 kernels a step (autodiff plus about ten Adam
 * kernels per variable); here tfjs runs the forward and hand-written backward pass (~24 kernels)
 * and the Adam update of a few hundred parameters is a plain loop. Measured: 20 epochs on 10k
 * windows take ~1.8 s on WASM versus ~11 s with model.fit.
 */
export async function trainDenseStack(
  stack: DenseStack,
  x: Float32Array,
  rows: number,
  settings: TrainSettings,
  random: Random,
  onEpoch?: EpochCallback,
): Promise<number[]> {
  const cols = stack.sizes[0] as number;
  const adam = new AdamState(stack);
  const shuffled = new Float32Array(rows * cols);
  const history: number[] = [];
  for (let epoch = 1; epoch <= settings.epochs; epoch++) {
    const order = random.permutation(rows);
    for (let i = 0, to = 0; i < rows; i++) {
      const src = (order[i] as number) * cols;
      for (let j = 0; j < cols; j++) shuffled[to++] = x[src + j] as number;
    }
    let squaredErrorSum = 0;
    for (let start = 0; start < rows; start += settings.batchSize) {
      const size = Math.min(settings.batchSize, rows - start);
      const batch = shuffled.subarray(start * cols, (start + size) * cols);
      const step = computeGradients(stack, batch, size);
      squaredErrorSum += step.squaredError;
      adam.apply(stack, step.weightGrads, step.biasGrads, settings.learningRate);
    }
    const loss = squaredErrorSum / (rows * cols);
    history.push(loss);
    await onEpoch?.(epoch, settings.epochs, loss);
    // Let timers and I/O (progress streams, cancellation) run between epochs.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  return history;
}

export interface StepResult {
  squaredError: number;
  weightGrads: Float32Array[];
  biasGrads: Float32Array[];
}

/** Gradients of the batch MSE (mean over rows and columns) with respect to every parameter. */
export function computeGradients(stack: DenseStack, batch: Float32Array, size: number): StepResult {
  const { sizes, weights, biases } = stack;
  const layers = weights.length;
  const cols = sizes[0] as number;
  const tensors = tf.tidy(() => {
    const x = tf.tensor2d(batch, [size, cols]);
    const w = weights.map((values, l) => tf.tensor2d(values, [sizes[l] as number, sizes[l + 1] as number]));
    const activations: tf.Tensor[] = [x];
    let h: tf.Tensor = x;
    for (let l = 0; l < layers; l++) {
      const activation = l + 1 < layers ? "relu" : "linear";
      const bias = tf.tensor1d(biases[l] as Float32Array);
      h = tf.fused.matMul({ a: h, b: w[l] as tf.Tensor, bias, activation });
      activations.push(h);
    }
    const diff = tf.sub(h, x);
    let delta: tf.Tensor = tf.mul(diff, 2 / (size * cols));
    const weightGrads: tf.Tensor[] = [];
    const biasGrads: tf.Tensor[] = [];
    for (let l = layers - 1; l >= 0; l--) {
      const input = activations[l] as tf.Tensor;
      // The transpose of the kernel's gradient (see transposedInto for why).
      weightGrads[l] = tf.matMul(tf.transpose(delta), input);
      biasGrads[l] = tf.sum(delta, 0);
      // ReLU passes gradient where its output was positive (0 at 0, as TensorFlow does). The kernel
      // is transposed first rather than flagged: 0.10 s against 0.33 s for 5,120 such matMuls.
      if (l > 0) delta = tf.mul(tf.matMul(delta, tf.transpose(w[l] as tf.Tensor)), tf.step(input));
    }
    return [diff, ...weightGrads, ...biasGrads];
  });
  const values = tensors.map((t) => t.dataSync() as Float32Array);
  for (const t of tensors) t.dispose();
  const diff = values[0] as Float32Array;
  let squaredError = 0;
  for (let i = 0; i < diff.length; i++) squaredError += (diff[i] as number) * (diff[i] as number);
  const weightGrads = values.slice(1, 1 + layers).map((t, l) => transposedInto(t, sizes[l + 1] as number, sizes[l] as number));
  return { squaredError, weightGrads, biasGrads: values.slice(1 + layers) };
}

/**
 * `values` (rows x cols, row-major) transposed into a new array. tfjs's WebAssembly backend is
 * slow on a matMul whose operand is marked transposed: for a 398-row batch (101,882 windows),
 * matMul(transpose(delta), input) took about a third of the time of matMul(input, delta, true)
 * and half of matMul(transpose(input), delta), 5,120 runs each (README, eighth session). Its
 * result is the kernel's gradient transposed, which is cheaper to turn here than on the backend.
 */
function transposedInto(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c] as number;
  return out;
}

/** Adam (Kingma & Ba), in the bias-corrected step-size form Keras and tfjs use. */
class AdamState {
  private step = 0;
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];

  constructor(stack: DenseStack) {
    const params = [...stack.weights, ...stack.biases];
    this.m = params.map((p) => new Float32Array(p.length));
    this.v = params.map((p) => new Float32Array(p.length));
  }

  apply(stack: DenseStack, weightGrads: Float32Array[], biasGrads: Float32Array[], learningRate: number): void {
    this.step++;
    const rate = (learningRate * Math.sqrt(1 - BETA2 ** this.step)) / (1 - BETA1 ** this.step);
    const params = [...stack.weights, ...stack.biases];
    const grads = [...weightGrads, ...biasGrads];
    params.forEach((p, k) => {
      const g = grads[k] as Float32Array;
      const m = this.m[k] as Float32Array;
      const v = this.v[k] as Float32Array;
      for (let i = 0; i < p.length; i++) {
        const gi = g[i] as number;
        const mi = BETA1 * (m[i] as number) + (1 - BETA1) * gi;
        const vi = BETA2 * (v[i] as number) + (1 - BETA2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        p[i] = (p[i] as number) - (rate * mi) / (Math.sqrt(vi) + EPSILON);
      }
    });
  }
}
