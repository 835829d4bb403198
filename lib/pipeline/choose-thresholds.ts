import type { ThresholdChoice } from "@/lib/domain/types";
import { findBestF1Threshold } from "@/lib/detectors/best-f1-threshold";
import { findDbscanNoise } from "@/lib/detectors/dbscan-noise";
import { evaluateLabels, type LabelScore } from "@/lib/detectors/evaluate-labels";
import { chooseEps } from "@/lib/detectors/k-distance";
import { estimateThreshold } from "@/lib/detectors/estimate-threshold";
import { percentile, quantile } from "@/lib/detectors/quantile";
import type { Labels, Matrix } from "@/lib/detectors/types";
import type { EpsDecision } from "./detector-models";

/** A cut on one score column: the labelling parameter, the score threshold, and why. */
export interface ScoreCut {
  /** Contamination (fraction) or percentile, as the run stores it. */
  parameter: number;
  threshold: number;
  choice: ThresholdChoice;
}

// The schema's bounds: contamination in (0, 0.5]. At least one window flagged keeps "auto" from
// silently switching a detector off.
const MAX_FRACTION = 0.5;

const round = (value: number, digits = 4) => Number(value.toPrecision(digits));
const percent = (fraction: number) => `${round(fraction * 100, 3)}%`;

function clampFraction(fraction: number, n: number): number {
  return Math.min(MAX_FRACTION, Math.max(1 / Math.max(n, 1), fraction));
}

/** Fraction flagged from the scores: as given, estimated (`auto`), or F1-best against labels. */
function chooseFraction(
  scores: ArrayLike<number>,
  requested: number | "auto",
  truth: Labels | undefined,
  what: string,
  log: boolean,
): { fraction: number; choice: Omit<ThresholdChoice, "value"> } {
  const n = scores.length;
  if (requested !== "auto") return { fraction: requested, choice: { mode: "given", reason: `${what} contamination as given.` } };
  if (truth) {
    const best = findBestF1Threshold(scores, truth);
    const fraction = clampFraction(best.flagged / n, n);
    return {
      fraction,
      choice: {
        mode: "labels",
        reason: `Flagging the top ${percent(fraction)} of ${what} scores gives the best F1 against the labels (${round(best.f1, 3)}; precision ${round(best.precision, 3)}, recall ${round(best.recall, 3)}).`,
      },
    };
  }
  const estimate = estimateThreshold(scores, { log });
  return { fraction: clampFraction(estimate.fraction, n), choice: { mode: "auto", reason: estimate.reason } };
}

/** Isolation Forest contamination and its score threshold (docs/pipeline.md §5: the 1 - contamination quantile). */
export function chooseContamination(scores: Float64Array, requested: number | "auto", truth?: Labels): ScoreCut {
  const { fraction, choice } = chooseFraction(scores, requested, truth, "Isolation Forest", false);
  const contamination = round(fraction, 6);
  return { parameter: contamination, threshold: quantile(scores, 1 - contamination), choice: { value: contamination, ...choice } };
}

/** Autoencoder percentile and its error threshold. Errors are heavy-tailed, so `auto` judges them on a log scale. */
export function choosePercentile(errors: Float64Array, requested: number | "auto", truth?: Labels): ScoreCut {
  if (requested !== "auto") {
    return {
      parameter: requested,
      threshold: percentile(errors, requested),
      choice: { value: requested, mode: "given", reason: "Autoencoder percentile as given." },
    };
  }
  const { fraction, choice } = chooseFraction(errors, requested, truth, "autoencoder", true);
  const aePercentile = round(100 * (1 - fraction), 6);
  return { parameter: aePercentile, threshold: percentile(errors, aePercentile), choice: { value: aePercentile, ...choice } };
}

/** Multiples of the knee eps tried when labels are available; the knee itself is one of them. */
const EPS_FACTORS = [0.5, 0.7, 0.85, 1, 1.2, 1.5, 2, 2.5, 3, 4];

export interface EpsSetting {
  decision: EpsDecision;
  choice: ThresholdChoice;
  /** eps values a search with labels may try (just the chosen one when eps was given). */
  candidates: number[];
}

/**
 * eps as given, or read off the knee of the k-distance curve; with labels, the multiple of the knee
 * that gives DBSCAN alone the best F1 (the ensemble search may move it again).
 */
export function chooseEpsSetting(scaled: Matrix, requested: number | "auto", minSamples: number, truth?: Labels, rdists?: Float64Array): EpsSetting {
  if (requested !== "auto") {
    return { decision: { eps: requested, auto: false }, choice: { value: requested, mode: "given", reason: "eps as given." }, candidates: [requested] };
  }
  const knee = chooseEps(scaled, minSamples, rdists);
  const decision: EpsDecision = { eps: knee.eps, auto: true, kneeIndex: knee.kneeIndex, curveLength: knee.curve.length };
  const shown = round(knee.eps);
  const candidates = EPS_FACTORS.map((factor) => round(knee.eps * factor)).filter((eps) => eps > 0);
  if (!truth) {
    return {
      decision,
      candidates,
      choice: {
        value: knee.eps,
        mode: "auto",
        reason: `eps ${shown} sits at the knee of the k-distance curve (distance to the ${minSamples}th neighbour, window ${knee.kneeIndex + 1} of ${knee.curve.length} in ascending order): windows right of it are far from any dense region.`,
      },
    };
  }
  let best = { eps: knee.eps, f1: -1 };
  for (const eps of candidates) {
    const { f1 } = evaluateLabels(findDbscanNoise(scaled, { eps, minSamples }, rdists).labels, truth);
    if (f1 > best.f1) best = { eps, f1 };
  }
  return {
    decision: { ...decision, eps: best.eps },
    candidates,
    choice: {
      value: best.eps,
      mode: "labels",
      reason: `eps ${best.eps} gives DBSCAN the best F1 against the labels (${round(best.f1, 3)}) among multiples of the k-distance knee (${shown}).`,
    },
  };
}

/** The sentence for thresholds tuned together on the ensemble's F1. */
export function ensembleReason(score: LabelScore): string {
  return `together with the other automatic thresholds it gives the ensemble the best F1 against the labels (${round(score.f1, 3)}; precision ${round(score.precision, 3)}, recall ${round(score.recall, 3)}).`;
}

/** A cut moved by the ensemble search: same value and threshold, the labels' reason. */
export function labelledCut(cut: ScoreCut, name: string, why: string): ScoreCut {
  return { ...cut, choice: { value: cut.parameter, mode: "labels", reason: `${name} ${cut.parameter}: ${why}` } };
}
