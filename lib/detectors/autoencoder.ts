import * as tf from "./tensorflow";

import { ensureBackend } from "./autoencoder-backend";
import { buildLayersModel, denseSizesOf, loadLayersModel, saveLayersModel, type LayersModelFiles } from "./autoencoder-model";
import { initDenseStack, trainDenseStack, type EpochCallback } from "./autoencoder-train";
import { assertColumns, float32Rows } from "./matrix";
import { lowestIndices, percentile } from "./quantile";
import { DEFAULT_SEED, Random } from "./random";
import type { Labels, Matrix } from "./types";

/** Rows per run of the network when scoring: predict's default batch of 32 costs ~20x more kernel launches than the arithmetic needs. */
const PREDICT_BATCH = 4096;

export interface AutoencoderOptions {
  /** Hidden layer widths between the input and the equally wide linear output (docs/pipeline.md §5: 16-8-16). */
  hiddenLayers: number[];
  epochs: number;
  /** Smallest batch; grows to ceil(n / maxStepsPerEpoch) on large inputs (see batchSizeFor). */
  batchSize: number;
  maxStepsPerEpoch: number;
  learningRate: number;
  /** Training-error percentile (0-100) used as the label threshold. */
  percentile: number;
  /**
   * 0 (docs/pipeline.md §5): one training pass. Above 0, a second pass retrains from the same seed without
   * that share of windows the first pass reconstructs worst, so that the anomalies it should
   * flag do not teach it to reconstruct them (trimmed, or "robust", autoencoder training).
   */
  trimFraction: number;
  /**
   * Epochs of the first pass when trimFraction > 0; 0 means `epochs`. That pass only ranks the
   * windows to leave out, and a ranking settles long before the loss does (see SCORE_RANKING_EPOCHS
   * in lib/pipeline/train-phases.ts for the measurement).
   */
  rankingEpochs: number;
  seed: number;
}

export const AUTOENCODER_DEFAULTS: AutoencoderOptions = {
  hiddenLayers: [16, 8, 16],
  epochs: 20,
  batchSize: 32,
  maxStepsPerEpoch: 256,
  learningRate: 1e-3,
  percentile: 95,
  trimFraction: 0,
  rankingEpochs: 0,
  seed: DEFAULT_SEED,
};

export interface AutoencoderJSON {
  name: "autoencoder";
  options: AutoencoderOptions;
  cols: number;
  threshold: number;
  /** Training loss per epoch, as reported to onEpoch. */
  lossHistory: number[];
}

/** Everything needed to restore a fitted autoencoder: tfjs's two files plus our metadata. */
export interface AutoencoderArtifacts extends LayersModelFiles {
  meta: AutoencoderJSON;
}

export interface AutoencoderFitOptions {
  /** Called after each epoch with 1-based `epoch`, e.g. to print "Epoch 3/20, Loss: 0.41". */
  onEpoch?: EpochCallback;
}

/**
 * Dense autoencoder (docs/pipeline.md §5): windows whose reconstruction error is above the training-error
 * percentile are anomalies. Training is seeded, so the same input and seed give the same
 * weights and errors (on the same tfjs backend).
 */
export class Autoencoder {
  readonly options: AutoencoderOptions;
  private model: tf.LayersModel | null = null;
  private cols = 0;
  private fittedThreshold = Infinity;
  private history: number[] = [];
  private keptRows: Int32Array | null = null;
  private fittedErrors: Float64Array = new Float64Array(0);

  constructor(options: Partial<AutoencoderOptions> = {}) {
    this.options = { ...AUTOENCODER_DEFAULTS, ...options, hiddenLayers: [...(options.hiddenLayers ?? AUTOENCODER_DEFAULTS.hiddenLayers)] };
    const { hiddenLayers, epochs, batchSize, maxStepsPerEpoch, learningRate, percentile, trimFraction, rankingEpochs } = this.options;
    if (!hiddenLayers.every((units) => Number.isInteger(units) && units > 0)) throw new RangeError("hiddenLayers must be positive integers");
    if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError("epochs must be a positive integer");
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError("batchSize must be a positive integer");
    if (!Number.isInteger(maxStepsPerEpoch) || maxStepsPerEpoch < 1) throw new RangeError("maxStepsPerEpoch must be a positive integer");
    if (!(learningRate > 0)) throw new RangeError("learningRate must be positive");
    if (!(percentile >= 0 && percentile <= 100)) throw new RangeError("percentile must be in [0, 100]");
    if (!(trimFraction >= 0 && trimFraction < 1)) throw new RangeError("trimFraction must be in [0, 1)");
    if (!Number.isInteger(rankingEpochs) || rankingEpochs < 0) throw new RangeError("rankingEpochs must be a whole number");
  }

  /** Errors above this are anomalies (label 1); set by fit. */
  get threshold(): number {
    return this.fittedThreshold;
  }

  get fitted(): boolean {
    return this.model !== null;
  }

  /**
   * Rows of the last fit's input that the second pass trained on (ascending), or null after a
   * single pass: other models can learn from the same cleaned windows.
   */
  get trainedRows(): Int32Array | null {
    return this.keptRows;
  }

  /** Errors of every row fit() saw (computed anyway for the threshold; not saved by toJSON). */
  get trainingErrors(): Float64Array {
    return this.fittedErrors;
  }

  /** Loss per epoch of the last fit. */
  get lossHistory(): readonly number[] {
    return this.history;
  }

  /**
   * Trains a fresh network (any previous one is disposed) and sets the label threshold from the
   * errors of every row of `x`. With trimFraction > 0 there are two passes; onEpoch counts the
   * epochs of both (1..rankingEpochs + epochs) and lossHistory holds both.
   */
  async fit(x: Matrix, fitOptions: AutoencoderFitOptions = {}): Promise<this> {
    if (x.rows === 0) throw new RangeError("Autoencoder needs at least one row");
    assertColumns(x, x.cols, "Autoencoder");
    if (!x.data.every(Number.isFinite)) throw new RangeError("Autoencoder input holds NaN or infinite values");
    await ensureBackend();
    const { epochs, trimFraction } = this.options;
    const passes = trimFraction > 0 ? 2 : 1;
    const first = passes === 2 && this.options.rankingEpochs > 0 ? this.options.rankingEpochs : epochs;
    const onEpoch = fitOptions.onEpoch;
    const total = passes === 2 ? first + epochs : epochs;
    const report = (before: number): EpochCallback | undefined =>
      onEpoch && ((epoch, _epochs, loss) => onEpoch(before + epoch, total, loss));
    const ranking = await this.trainPass(x, null, first, report(0));
    this.history = ranking;
    this.keptRows = null;
    if (passes === 2) {
      const kept = lowestIndices(this.errors(x), x.rows - Math.floor(trimFraction * x.rows));
      this.history = [...ranking, ...(await this.trainPass(x, kept, epochs, report(first)))];
      this.keptRows = kept;
    }
    this.fittedErrors = this.errors(x);
    this.fittedThreshold = percentile(this.fittedErrors, this.options.percentile);
    return this;
  }

  /** One seeded training run from fresh weights on `x`'s rows (all, or those listed); replaces the current network. */
  private async trainPass(x: Matrix, rows: ArrayLike<number> | null, epochs: number, onEpoch: EpochCallback | undefined): Promise<number[]> {
    const { hiddenLayers, learningRate, seed } = this.options;
    const random = new Random(seed);
    const stack = initDenseStack([x.cols, ...hiddenLayers, x.cols], random);
    const n = rows === null ? x.rows : rows.length;
    const settings = { epochs, learningRate, batchSize: batchSizeFor(n, this.options) };
    const history = await trainDenseStack(stack, float32Rows(x, rows), n, settings, random, onEpoch);
    this.dispose();
    this.model = buildLayersModel(stack);
    this.cols = x.cols;
    return history;
  }

  /** Reconstruction mean squared error of each row (mean over the columns). */
  errors(x: Matrix): Float64Array {
    return this.squaredErrors(x, null);
  }

  /**
   * Squared reconstruction error of every cell, so which features the network failed to
   * reproduce; row i's mean is errors(x)[i] (same terms, same order, so equal to the bit).
   */
  featureErrors(x: Matrix): Matrix {
    return this.reconstructionErrors(x).featureErrors;
  }

  /** Both views of one reconstruction (scoring needs both; the network runs once). */
  reconstructionErrors(x: Matrix): { errors: Float64Array; featureErrors: Matrix } {
    const cells = new Float64Array(x.rows * x.cols);
    return { errors: this.squaredErrors(x, cells), featureErrors: { rows: x.rows, cols: x.cols, data: cells } };
  }

  /**
   * Mean squared error of each row and, given `cells`, each cell's squared error. The network runs
   * on PREDICT_BATCH rows at a time, which are the batches one `predict` of every row would run, so
   * the output is the same to the bit (the 10M-line bench log's CSV and model files, `cmp`). One
   * call on every row held the whole input, each batch's output and their concatenation at once:
   * the main thread's array buffers rose by 34 MiB while the autoencoder ranked 101,882 windows
   * (10M lines, default profile), and that run's peak went from 389 to 374 MiB with this.
   */
  private squaredErrors(x: Matrix, cells: Float64Array | null): Float64Array {
    const model = this.model;
    if (!model) throw new Error("Autoencoder is not fitted");
    assertColumns(x, this.cols, "Autoencoder");
    const { rows, cols, data } = x;
    const errors = new Float64Array(rows);
    for (let from = 0; from < rows; from += PREDICT_BATCH) {
      const to = Math.min(rows, from + PREDICT_BATCH);
      const input = tf.tensor2d(Float32Array.from(data.subarray(from * cols, to * cols)), [to - from, cols]);
      const prediction = tf.tidy(() => model.predict(input, { batchSize: PREDICT_BATCH }) as tf.Tensor);
      input.dispose();
      const reconstructed = prediction.dataSync();
      prediction.dispose();
      // Squared error taken against the float64 input, as numpy would on the seed project's arrays.
      for (let i = from; i < to; i++) {
        let sum = 0;
        for (let j = i * cols; j < (i + 1) * cols; j++) {
          const diff = data[j]! - reconstructed[j - from * cols]!;
          const squared = diff * diff;
          if (cells !== null) cells[j] = squared;
          sum += squared;
        }
        errors[i] = sum / cols;
      }
    }
    return errors;
  }

  /** 1 where error > threshold (default: the fitted threshold). */
  label(errors: ArrayLike<number>, threshold: number = this.fittedThreshold): Labels {
    const out = new Uint8Array(errors.length);
    for (let i = 0; i < errors.length; i++) out[i] = (errors[i] as number) > threshold ? 1 : 0;
    return out;
  }

  /** Metadata only; the weights travel in toArtifacts(). */
  toJSON(): AutoencoderJSON {
    if (!this.model) throw new Error("Autoencoder is not fitted");
    return {
      name: "autoencoder",
      options: { ...this.options, hiddenLayers: [...this.options.hiddenLayers] },
      cols: this.cols,
      threshold: this.fittedThreshold,
      lossHistory: [...this.history],
    };
  }

  /** model.json content, weights.bin content and our metadata; the caller decides where they go. */
  async toArtifacts(): Promise<AutoencoderArtifacts> {
    const model = this.model;
    if (!model) throw new Error("Autoencoder is not fitted");
    const meta = this.toJSON();
    return { ...(await saveLayersModel(model)), meta };
  }

  static async load(artifacts: AutoencoderArtifacts): Promise<Autoencoder> {
    const { meta } = artifacts;
    if (meta.name !== "autoencoder") throw new Error("not an autoencoder model");
    await ensureBackend();
    const autoencoder = new Autoencoder(meta.options);
    const model = await loadLayersModel(artifacts);
    const expected = [meta.cols, ...meta.options.hiddenLayers, meta.cols].join("-");
    const actual = denseSizesOf(model).join("-");
    if (actual !== expected) {
      model.dispose();
      throw new Error(`autoencoder weights are ${actual}, metadata says ${expected}`);
    }
    autoencoder.model = model;
    autoencoder.cols = meta.cols;
    autoencoder.fittedThreshold = meta.threshold;
    autoencoder.history = [...meta.lossHistory];
    return autoencoder;
  }

  /** Frees the network's tensors; the instance is unfitted afterwards. */
  dispose(): void {
    this.model?.dispose();
    this.model = null;
  }
}

/** Batch size for `rows` training rows: at least `batchSize`, and at most `maxStepsPerEpoch` steps per epoch. */
export function batchSizeFor(
  rows: number,
  options: Pick<AutoencoderOptions, "batchSize" | "maxStepsPerEpoch"> = AUTOENCODER_DEFAULTS,
): number {
  return Math.max(options.batchSize, Math.ceil(rows / options.maxStepsPerEpoch));
}
