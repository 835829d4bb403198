import { prCurve, rocCurve, type PrCurve, type RocCurve } from "@/lib/detectors/curves";
import { precisionRecallF1 } from "@/lib/detectors/evaluate-labels";
import { rankAverage } from "@/lib/detectors/rank-average";
import { LABEL_KEYS, MODEL_KEYS, type LabelKey, type ModelKey } from "./model-style";

/**
 * The Run page's ground-truth evaluation, in the browser: precision, recall and F1 of the labels
 * the sliders currently give (recomputed on every slider step, so O(n) and allocation-light), and
 * ROC / PR curves of the scores (which do not depend on any threshold, so they are computed once
 * per set of scores and memoised). Same rules as lib/pipeline/evaluate-run.ts, so the page agrees
 * with the CLI report: a label counts as anomalous when it is 1, an empty denominator gives 0
 * (scikit-learn's zero_division=0), and the ensemble's curves rank-average the three detectors.
 */

/** Per-window labels (0/1) of each model and the ensemble, indexed like the run's windows. */
export type RunLabelColumns = Record<LabelKey, ArrayLike<number>>;

export interface LabelEvaluation {
  /** Windows the model labels anomalous. */
  flagged: number;
  truePositives: number;
  falsePositives: number;
  /** TP / flagged; 0 when nothing is flagged. */
  precision: number;
  /** TP / labelled; 0 without labelled windows. */
  recall: number;
  /** Harmonic mean of precision and recall; 0 when both are 0. */
  f1: number;
  /** FP / normal windows (the x of the model's operating point on its ROC curve); NaN without normal windows. */
  falsePositiveRate: number;
  /** Labelled windows the model does not flag, ascending. */
  missed: number[];
}

export interface RunLabelEvaluation {
  windows: number;
  /** Labelled windows within 0..windows-1 (duplicates counted once). */
  labelled: number;
  models: Record<LabelKey, LabelEvaluation>;
}

/**
 * The truth's window indices as a strictly ascending list within 0..count-1. Stored truth is
 * already so, which is checked in O(k); anything else (duplicates, disorder, out-of-range or
 * fractional indices) is repaired rather than thrown on, so a stale label file cannot break the page.
 */
export function normalizeTruth(windows: readonly number[], count: number): readonly number[] {
  let clean = true;
  let previous = -1;
  for (const w of windows) {
    if (!Number.isInteger(w) || w <= previous || w >= count) {
      clean = false;
      break;
    }
    previous = w;
  }
  if (clean) return windows;
  const kept = windows.filter((w) => Number.isInteger(w) && w >= 0 && w < count).sort((a, b) => a - b);
  return kept.filter((w, i) => i === 0 || w !== kept[i - 1]);
}

/** 1 for every labelled window, 0 elsewhere (the truth vector curves need). */
export function truthMask(windows: readonly number[], count: number): Uint8Array {
  const mask = new Uint8Array(count);
  for (const w of normalizeTruth(windows, count)) mask[w] = 1;
  return mask;
}

function evaluateColumn(predicted: ArrayLike<number>, truth: readonly number[], count: number): LabelEvaluation {
  if (predicted.length !== count) throw new RangeError(`evaluateRunLabels: ${predicted.length} labels for ${count} windows`);
  let flagged = 0;
  for (let i = 0; i < count; i++) if (predicted[i] === 1) flagged++;
  // Only labelled windows can be hits or misses, so they are all the second pass needs.
  let truePositives = 0;
  const missed: number[] = [];
  for (const w of truth) {
    if (predicted[w] === 1) truePositives++;
    else missed.push(w);
  }
  const falsePositives = flagged - truePositives;
  const negatives = count - truth.length;
  return {
    flagged,
    truePositives,
    falsePositives,
    ...precisionRecallF1(truePositives, falsePositives, missed.length),
    falsePositiveRate: negatives === 0 ? NaN : falsePositives / negatives,
    missed,
  };
}

/**
 * Scores every model's (and the ensemble's) current labels against the labelled window indices.
 * O(n) per model. Throws a RangeError when a label column's length differs from `count`.
 */
export function evaluateRunLabels(truthWindows: readonly number[], count: number, labels: RunLabelColumns): RunLabelEvaluation {
  const truth = normalizeTruth(truthWindows, count);
  const models = {} as Record<LabelKey, LabelEvaluation>;
  for (const key of LABEL_KEYS) models[key] = evaluateColumn(labels[key], truth, count);
  return { windows: count, labelled: truth.length, models };
}

/** Detector scores, each oriented "higher = more anomalous" and indexed like the windows. */
export interface RunScoreColumns {
  isolationForest: ArrayLike<number>;
  autoencoder: ArrayLike<number>;
  /**
   * Distance to the nearest DBSCAN core point (Infinity allowed). It depends on eps and min
   * samples, so pass the one matching the labels shown; absent, DBSCAN gets no curve and the
   * ensemble's score ranks the other two detectors only.
   */
  dbscanDistance?: ArrayLike<number> | null;
  /** A run that combines by score: its combined scores, which are then the ensemble's own score. */
  combined?: ArrayLike<number> | null;
}

export interface ModelCurves {
  roc: RocCurve;
  pr: PrCurve;
}

export interface RunCurves {
  windows: number;
  /** Labelled windows (positives of the curves). */
  labelled: number;
  /** labelled / windows: the precision of flagging at random, the PR chart's baseline. */
  prevalence: number;
  /**
   * Null for a model whose scores are missing, of the wrong length or contain NaN; the ensemble is
   * null only when no detector has usable scores.
   */
  models: Record<LabelKey, ModelCurves | null>;
  /** The detectors whose percentile ranks make the ensemble's score (all three normally). */
  ensembleFrom: ModelKey[];
}

export interface RunCurvesOptions {
  /** Points kept per curve after decimation (AUC and AP use every cut regardless). */
  maxPoints?: number;
}

function usableColumn(column: ArrayLike<number> | null | undefined, count: number): column is ArrayLike<number> {
  if (!column || column.length !== count) return false;
  for (let i = 0; i < count; i++) if (Number.isNaN(column[i])) return false;
  return true;
}

/**
 * ROC and PR curves of each detector's scores and of the ensemble score (mean percentile rank of
 * the usable detector columns, lib/detectors/rank-average.ts), against the labelled windows. The
 * window count is that of the Isolation Forest column. O(n log n): memoise it on the score columns.
 */
export function computeRunCurves(truthWindows: readonly number[], scores: RunScoreColumns, options: RunCurvesOptions = {}): RunCurves {
  const steps = stepRunCurves(truthWindows, scores, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * computeRunCurves in about five equal slices (one per detector, the ensemble's ranks, its
 * curves): each next() does one, the last returns the result. About 0.5 s in all for 50k windows,
 * so a page can run one slice per task and keep the main thread responsive.
 */
export function* stepRunCurves(truthWindows: readonly number[], scores: RunScoreColumns, options: RunCurvesOptions = {}): Generator<void, RunCurves, void> {
  const count = scores.isolationForest.length;
  const truth = truthMask(truthWindows, count);
  let labelled = 0;
  for (let i = 0; i < count; i++) labelled += truth[i] as number;
  const columns: Record<ModelKey, ArrayLike<number> | null | undefined> = {
    isolationForest: scores.isolationForest,
    dbscan: scores.dbscanDistance,
    autoencoder: scores.autoencoder,
  };
  const curvesOf = (column: ArrayLike<number>): ModelCurves => ({
    roc: rocCurve(column, truth, options.maxPoints),
    pr: prCurve(column, truth, options.maxPoints),
  });
  const models = {} as Record<LabelKey, ModelCurves | null>;
  const ensembleFrom: ModelKey[] = [];
  for (const key of MODEL_KEYS) {
    const column = columns[key];
    if (usableColumn(column, count)) {
      models[key] = curvesOf(column);
      ensembleFrom.push(key);
      yield;
    } else {
      models[key] = null;
    }
  }
  models.ensemble = null;
  if (usableColumn(scores.combined, count)) {
    models.ensemble = curvesOf(scores.combined);
  } else if (ensembleFrom.length > 0) {
    const ranks = rankAverage(ensembleFrom.map((k) => columns[k] as ArrayLike<number>));
    yield;
    models.ensemble = curvesOf(ranks);
  }
  const combined = usableColumn(scores.combined, count);
  return { windows: count, labelled, prevalence: count === 0 ? NaN : labelled / count, models, ensembleFrom: combined ? [] : ensembleFrom };
}
