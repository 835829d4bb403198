import type { RunCurves } from "./evaluate-run-labels";
import { formatCount, formatNumber } from "./format";
import type { KDistanceCurve } from "./k-distance-data";
import type { LossPoint } from "./loss-history";
import { LABEL_KEYS, MODEL_STYLE, type LabelKey } from "./model-style";
import { Z_AXIS_LIMIT } from "./z-bars";

/**
 * Short text descriptions of the dashboard's charts for screen readers (components/charts/
 * chart-canvas.tsx links each canvas to its text with aria-describedby): what the chart shows, in
 * numbers rounded to two or three significant digits, e.g. "Isolation Forest scores 0.31–0.78;
 * threshold 0.62; 12 windows above it." A canvas is an image to assistive technology; these
 * sentences carry what a sighted analyst reads off it.
 */

const round = (x: number) => formatNumber(x, 2);
const windows = (n: number) => `${formatCount(n)} window${n === 1 ? "" : "s"}`;

export interface ScoreRange {
  min: number;
  max: number;
  /** Finite values counted. */
  count: number;
}

/** Smallest and largest finite value, in one pass (memoise it on the values). */
export function scoreRange(values: ArrayLike<number>): ScoreRange {
  let min = Infinity;
  let max = -Infinity;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    count++;
  }
  return { min, max, count };
}

/** Values strictly above the threshold: the detectors' own rule (a score > threshold is flagged). */
export function countAbove(values: ArrayLike<number>, threshold: number): number {
  let above = 0;
  for (let i = 0; i < values.length; i++) if ((values[i] as number) > threshold) above++;
  return above;
}

/** "Isolation Forest scores 0.31–0.78 over 235 windows; threshold 0.62; 12 windows above it." */
export function describeScores(name: string, range: ScoreRange, threshold: number, above: number): string {
  if (range.count === 0) return `${name}: no scores yet.`;
  return `${name} ${round(range.min)}–${round(range.max)} over ${windows(range.count)}; threshold ${round(threshold)}; ${windows(above)} above it.`;
}

/** "Sorted 5-distance of 235 windows, 0.12 to 4.3; knee at 0.85; eps 0.5; 39 windows beyond eps." */
export function describeKDistance(curve: KDistanceCurve | null, minSamples: number, eps: number, beyond: number | null): string {
  const finite = curve ? curve.points.map((p) => p.y).filter(Number.isFinite) : [];
  const first = finite[0];
  const last = finite[finite.length - 1];
  if (!curve || first === undefined || last === undefined) return `Sorted ${minSamples}-distance curve, not loaded yet; eps ${round(eps)}.`;
  const knee = curve.knee ? `; knee at ${round(curve.knee.y)}` : "";
  const outside = beyond === null ? "" : `; ${windows(beyond)} beyond eps`;
  return `Sorted ${minSamples}-distance of ${windows(curve.windows)}, ${round(first)} to ${round(last)}${knee}; eps ${round(eps)}${outside}.`;
}

/** "Autoencoder loss over 12 of 40 epochs: 0.52 at epoch 1, 0.031 at epoch 12, lowest 0.03." */
export function describeLoss(history: readonly LossPoint[], epochs: number | null): string {
  const first = history[0];
  const last = history[history.length - 1];
  if (!first || !last) return "Autoencoder loss per epoch: no epoch finished yet.";
  const lowest = Math.min(...history.map((p) => p.loss));
  const of = epochs === null ? "" : ` of ${formatCount(epochs)}`;
  return `Autoencoder loss over ${formatCount(history.length)}${of} epochs: ${round(first.loss)} at epoch ${first.epoch}, ${round(last.loss)} at epoch ${last.epoch}, lowest ${round(lowest)}.`;
}

/** "Robust z-scores, largest first: Failed logins 146 (beyond the ±10 axis), Events 3.2, …; 1 feature beyond ±3.5." */
export function describeZBars(bars: readonly { label: string; z: number }[], cutoff = 3.5): string {
  if (bars.length === 0) return "Robust z-scores: no features.";
  const sorted = [...bars].sort((a, b) => (Math.abs(b.z) || 0) - (Math.abs(a.z) || 0));
  const parts = sorted.map((b) => `${b.label} ${formatNumber(b.z, 3)}${Math.abs(b.z) > Z_AXIS_LIMIT ? ` (beyond the ±${Z_AXIS_LIMIT} axis)` : ""}`);
  const outliers = bars.filter((b) => Math.abs(b.z) >= cutoff).length;
  return `Robust z-scores against the run's median, largest first: ${parts.join(", ")}; ${formatCount(outliers)} feature${outliers === 1 ? "" : "s"} beyond ±${cutoff}.`;
}

/**
 * "ROC AUC: Isolation Forest 0.91, DBSCAN 0.72, Autoencoder 0.88, Ensemble 0.93. Ensemble at the
 * current thresholds: false positive rate 0.04, recall 0.8."
 */
export function describeEvaluationCurves(kind: "roc" | "pr", curves: RunCurves | null, points: Record<LabelKey, { x: number; y: number } | null> | null, selected: LabelKey = "ensemble"): string {
  const measure = kind === "roc" ? "ROC AUC" : "Average precision";
  if (!curves) return `${measure}: the scores are loading.`;
  const parts = LABEL_KEYS.map((key) => {
    const model = curves.models[key];
    const value = kind === "roc" ? model?.roc.auc : model?.pr.averagePrecision;
    return `${MODEL_STYLE[key].name} ${round(value ?? NaN)}`;
  });
  const point = points?.[selected];
  const [x, y] = kind === "roc" ? ["false positive rate", "recall"] : ["recall", "precision"];
  const at = point ? ` ${MODEL_STYLE[selected].name} at the current thresholds: ${x} ${round(point.x)}, ${y} ${round(point.y)}.` : "";
  return `${measure}: ${parts.join(", ")}.${at}`;
}
