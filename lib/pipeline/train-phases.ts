import type { Autoencoder } from "@/lib/detectors/autoencoder";
import { Dbscan, type DbscanResult } from "@/lib/detectors/dbscan";
import { findNeighbourhoods, type Neighbourhoods } from "@/lib/detectors/k-distance";
import { IsolationForest } from "@/lib/detectors/isolation-forest";
import { selectRows } from "@/lib/detectors/matrix";
import { StandardScaler } from "@/lib/detectors/standard-scaler";
import type { Labels, Matrix } from "@/lib/detectors/types";
import type { WindowFeatures } from "@/lib/logs/types";
import { chooseContamination, chooseEpsSetting, choosePercentile, type EpsSetting, type ScoreCut } from "./choose-thresholds";
import { clusterOnThread, sharedMatrix } from "./dbscan-thread";
import { loadAutoencoder } from "./detector-models";
import type { DetectParams } from "./params";
import { featureMatrix } from "./score-windows";
import type { PipelineListener, StageName } from "./types";

// The phases of trainDetectors (docs/pipeline.md §4-5), in the order it runs them. Each one
// announces its stage and adds its seconds to that stage's total exactly as the single function
// did: the job progress stepper and the CLI print both, so names, messages and order are part of
// the contract.

const now = () => performance.now() / 1000;

/** How a phase reports: stage events and epochs to the listener, seconds to the run's clock. */
export interface PhaseContext {
  stage(name: StageName, message: string): void;
  epoch(epoch: number, epochs: number, loss: number): void;
  /** Runs `work` and adds its elapsed seconds to `name`'s total. */
  timed<T>(name: StageName, work: () => T): T;
  timedAsync<T>(name: StageName, work: () => Promise<T>): Promise<T>;
}

export function createPhaseContext(
  listener: PipelineListener | undefined,
  record: (stage: StageName, seconds: number) => void = () => undefined,
): PhaseContext {
  return {
    stage: (name, message) => listener?.({ kind: "stage", stage: name, fraction: 0, message }),
    epoch: (epoch, epochs, loss) => listener?.({ kind: "epoch", epoch, epochs, loss }),
    timed(name, work) {
      const t = now();
      const result = work();
      record(name, now() - t);
      return result;
    },
    async timedAsync(name, work) {
      const t = now();
      const result = await work();
      record(name, now() - t);
      return result;
    },
  };
}

/**
 * With extended features the autoencoder trains a second time without this share of windows
 * (an assumed upper bound on the anomalous share), the ones its first pass reconstructs worst, and
 * the Isolation Forest is fitted on the windows that second pass kept; both then score every window.
 * Measured on generated logs: the autoencoder's best-cut F1 rose from 0.70 to 0.88 (1M lines) and
 * from 0.84 to 0.95 (200k); fitting the forest on the kept windows then raised the ensemble's F1
 * with automatic thresholds on all ten logs measured (mean 0.899 -> 0.917). The seed feature set
 * keeps the contract's single pass and a forest fitted on every window, so that its numbers stay reproducible.
 */
export const EXTENDED_TRIM_FRACTION = 0.1;

/**
 * Epochs of the autoencoder's first pass with extended features when the combined score flags the
 * windows (`--combine score`, the default profile): that pass only ranks the windows to leave out,
 * and a ranking settles long before the loss. Measured on the 14 train logs of the held-out
 * evaluation (npm run eval, default profile): with 5 ranking epochs instead of 20 the ensemble's F1
 * was the same on every log (mean 0.934); the forest alone went from 0.693 to 0.613 and the
 * autoencoder alone from 0.613 to 0.657 (10 epochs: 0.680 and 0.635). It saves 15 of 40 epochs,
 * about 0.9 s of the default's run on the 1M-line bench log (issue #12's cost bound).
 * With the vote the detectors' own labels flag the windows, and the ranking pass keeps `epochs`:
 * on the bench log, extended features with automatic thresholds reached F1 0.913 with 20 ranking
 * epochs, 0.879 with 10 and 0.897 with 5 (issue #5's bar is 0.9; six bench logs: mean 0.912,
 * 0.912 and 0.907).
 */
export const SCORE_RANKING_EPOCHS = 5;

/** Decision: how many autoencoder passes, and where the Isolation Forest is fitted. */
export interface TrainingPlan {
  /** Share of windows the autoencoder's second pass leaves out; 0 means a single pass. */
  trimFraction: number;
  /** Epochs of the first (ranking) pass when there are two; 0: as many as `epochs`. */
  rankingEpochs: number;
  /**
   * "first": on every window, before DBSCAN (the seed contract's order).
   * "after-autoencoder": on the windows the autoencoder's second pass kept.
   */
  forest: "first" | "after-autoencoder";
}

export function planTraining(params: Pick<DetectParams, "features" | "combine">): TrainingPlan {
  if (params.features !== "extended") return { trimFraction: 0, rankingEpochs: 0, forest: "first" };
  return { trimFraction: EXTENDED_TRIM_FRACTION, rankingEpochs: params.combine === "score" ? SCORE_RANKING_EPOCHS : 0, forest: "after-autoencoder" };
}

export interface Scaled {
  scaler: StandardScaler;
  scaled: Matrix;
}

export function scaleFeatures(ctx: PhaseContext, windows: WindowFeatures[]): Scaled {
  return ctx.timed("scale", () => {
    ctx.stage("scale", "Scaling features");
    const raw = featureMatrix(windows);
    const scaler = new StandardScaler().fit(raw);
    return { scaler, scaled: scaler.transform(raw, sharedMatrix(raw.rows, raw.cols)) };
  });
}

/**
 * The forest and its scores do not depend on contamination; the cut is chosen afterwards. It is
 * built before any training so that bad options fail before minutes of it, wherever it is fitted.
 */
export function createForest(params: DetectParams): IsolationForest {
  return new IsolationForest({ seed: params.seed, ...(params.contamination === "auto" ? {} : { contamination: params.contamination }) });
}

/** A fitted forest, its score for every window, and the contamination cut it takes alone. */
export interface ForestFit {
  model: IsolationForest;
  scores: Float64Array;
  cut: ScoreCut;
}

/**
 * Fits the forest on every window, or (`kept` from the autoencoder's second pass) on the windows
 * the autoencoder reconstructs best; either way it scores, and is cut on, every window.
 */
export function fitForest(
  ctx: PhaseContext,
  forest: IsolationForest,
  input: { scaled: Matrix; params: DetectParams; truth: Labels | undefined; kept?: { rows: Int32Array | null } },
): ForestFit {
  const { scaled, kept } = input;
  const scores = ctx.timed("isolationForest", () => {
    if (!kept) {
      ctx.stage("isolationForest", "Training Isolation Forest");
      return forest.fit(scaled).trainingScores;
    }
    const { rows } = kept;
    ctx.stage("isolationForest", `Training Isolation Forest on the ${rows?.length ?? scaled.rows} windows the autoencoder reconstructs best`);
    return forest.fit(rows ? selectRows(scaled, rows) : scaled).score(scaled);
  });
  return { model: forest, scores, cut: chooseContamination(scores, input.params.contamination, input.truth) };
}

/** DBSCAN fitted with the eps decided for it alone (given, the knee, or the labels' best multiple). */
export interface DbscanFit extends FittedDbscan {
  setting: EpsSetting;
}

/**
 * A model and what its fit found for the rows it was fitted on: the labels, clusters and core
 * distances `model.predict` of those rows gives (Dbscan.fit), so scoring them need not search again.
 */
export interface FittedDbscan {
  model: Dbscan;
  result: DbscanResult;
}

/** `near`: findNeighbourhoods(scaled, minSamples) when known (Dbscan.fit). */
export function fitDbscan(eps: number, minSamples: number, scaled: Matrix, near?: Neighbourhoods): FittedDbscan {
  const model = new Dbscan({ eps, minSamples });
  return { model, result: model.fit(scaled, near) };
}

/** What DBSCAN's eps is settled and fitted from, here or on the DBSCAN thread (dbscan-thread.ts). */
export interface DbscanTask {
  scaled: Matrix;
  eps: number | "auto";
  minSamples: number;
  truth?: Labels;
}

/**
 * eps settled (chooseEpsSetting) and DBSCAN fitted with it, on this thread or the DBSCAN thread. An
 * automatic eps finds every window's k nearest once, for its curve and for the fit (Dbscan.fit).
 */
export function settleAndFitDbscan(task: DbscanTask, onSettled?: (setting: EpsSetting) => void): DbscanFit {
  const { scaled, eps, minSamples, truth } = task;
  const near = eps === "auto" ? findNeighbourhoods(scaled, minSamples) : undefined;
  const setting = chooseEpsSetting(scaled, eps, minSamples, truth, near?.rdists);
  onSettled?.(setting);
  return { setting, ...fitDbscan(setting.decision.eps, minSamples, scaled, near) };
}

export function clusterWithDbscan(ctx: PhaseContext, input: { scaled: Matrix; params: DetectParams; truth: Labels | undefined }): DbscanFit {
  const { scaled, params } = input;
  return ctx.timed("dbscan", () => {
    if (params.eps === "auto") ctx.stage("dbscan", "Choosing eps from the k-distance curve");
    return settleAndFitDbscan({ scaled, eps: params.eps, minSamples: params.minSamples, truth: input.truth }, (setting) =>
      ctx.stage("dbscan", `Clustering with DBSCAN (eps ${setting.decision.eps}, min samples ${params.minSamples})`),
    );
  });
}

/**
 * clusterWithDbscan on another thread, started now, where that pays (dbscan-thread.ts). `begin`
 * marks DBSCAN's place among the stages: it announces the thread's stage, or clusters here when
 * there is no thread. Await `fit` once the autoencoder is done: its seconds are then only the wait
 * for the thread, so the stages' seconds still add up to the run's. `threadDone` settles when the
 * thread has ended, fitted or failed (at once when there is none): its core is free from then on.
 */
export function startClustering(
  ctx: PhaseContext,
  input: { scaled: Matrix; params: DetectParams; truth: Labels | undefined },
): { begin: () => void; fit: () => Promise<DbscanFit>; threadDone: Promise<void> } {
  const { scaled, params, truth } = input;
  const onThread = clusterOnThread({ scaled, eps: params.eps, minSamples: params.minSamples, truth });
  if (onThread === null) {
    let here: DbscanFit | undefined;
    const cluster = () => (here ??= clusterWithDbscan(ctx, input));
    return { begin: () => void cluster(), fit: () => Promise.resolve(cluster()), threadDone: Promise.resolve() };
  }
  // Should the forest or the autoencoder fail first, nobody awaits the thread: its failure must not go unhandled.
  const threadDone = onThread.then(
    () => undefined,
    () => undefined,
  );
  const message = `${params.eps === "auto" ? "Choosing eps from the k-distance curve and clustering" : `Clustering (eps ${params.eps}, min samples ${params.minSamples})`} with DBSCAN on a second thread, beside the autoencoder`;
  return { begin: () => ctx.stage("dbscan", message), fit: () => ctx.timedAsync("dbscan", () => onThread), threadDone };
}

/** A fitted autoencoder, its error for every window, and the percentile cut it takes alone. */
export interface AutoencoderFit {
  model: Autoencoder;
  errors: Float64Array;
  cut: ScoreCut;
}

export async function trainAutoencoder(
  ctx: PhaseContext,
  input: { scaled: Matrix; params: DetectParams; truth: Labels | undefined; plan: Pick<TrainingPlan, "trimFraction" | "rankingEpochs"> },
): Promise<AutoencoderFit> {
  const { scaled, params } = input;
  const { trimFraction, rankingEpochs } = input.plan;
  return ctx.timedAsync("autoencoder", async () => {
    ctx.stage(
      "autoencoder",
      trimFraction > 0
        ? `Training the autoencoder (${rankingEpochs || params.epochs} epochs, then ${params.epochs} without the ${trimFraction * 100}% of windows it reconstructs worst)`
        : `Training the autoencoder (${params.epochs} epochs)`,
    );
    const { Autoencoder } = await loadAutoencoder();
    const model = new Autoencoder({
      epochs: params.epochs,
      seed: params.seed,
      trimFraction,
      rankingEpochs,
      ...(params.aePercentile === "auto" ? {} : { percentile: params.aePercentile }),
    });
    await model.fit(scaled, { onEpoch: (epoch, epochs, loss) => ctx.epoch(epoch, epochs, loss) });
    const errors = model.trainingErrors;
    return { model, errors, cut: choosePercentile(errors, params.aePercentile, input.truth) };
  });
}
