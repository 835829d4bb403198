import { findDbscanNoise } from "@/lib/detectors/dbscan-noise";
import { evaluateLabels, type LabelScore } from "@/lib/detectors/evaluate-labels";
import { quantile } from "@/lib/detectors/quantile";
import type { Labels, Matrix } from "@/lib/detectors/types";

export interface EnsembleTuningInput {
  ifScores: Float64Array;
  aeErrors: Float64Array;
  scaled: Matrix;
  minSamples: number;
  votes: number;
  truth: Labels;
  /** Where the search starts (each model's own F1-best cut, or the given value). */
  start: { contamination: number; aeFraction: number; eps: number };
  /** Which of the three the search may move: only those the analyst left on `auto`. */
  free: { contamination: boolean; aeFraction: boolean; eps: boolean };
  /** eps values DBSCAN may take (its noise is recomputed for each, once). */
  epsCandidates: readonly number[];
}

export interface EnsembleTuning {
  contamination: number;
  /** Share of windows above the autoencoder threshold: percentile = 100 * (1 - aeFraction). */
  aeFraction: number;
  eps: number;
  score: LabelScore;
}

const ROUNDS = 3;

/** Candidate flagged shares: a geometric ladder from 0.1% to 50%, plus the starting point. */
function fractionLadder(n: number, start: number): number[] {
  const ladder = new Set<number>([start]);
  for (let f = 0.001; f <= 0.5; f *= 1.12) ladder.add(Number(f.toPrecision(4)));
  ladder.add(0.5);
  return [...ladder].filter((f) => f >= 1 / n && f <= 0.5).sort((a, b) => a - b);
}

/** Labels of "score above the (1 - fraction) quantile", the rule relabelling and training share. */
function labelTop(scores: Float64Array, fraction: number): Labels {
  const threshold = quantile(scores, 1 - fraction);
  const out = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) out[i] = (scores[i] as number) > threshold ? 1 : 0;
  return out;
}

function ensembleScore(a: Labels, b: Labels, c: Labels, votes: number, truth: Labels): LabelScore {
  const combined = new Uint8Array(truth.length);
  for (let i = 0; i < combined.length; i++) combined[i] = (a[i] as number) + (b[i] as number) + (c[i] as number) >= votes ? 1 : 0;
  return evaluateLabels(combined, truth);
}

/**
 * With labels, each detector's own F1-best cut is not the ensemble's best: a window is flagged when
 * `votes` detectors agree, so a detector may profit from flagging more (its false alarms are
 * outvoted) or fewer. Coordinate ascent on the ensemble's F1: move one free threshold at a time
 * over its candidates, keep the best, repeat a few rounds. Only thresholds left on `auto` move.
 */
export function tuneEnsembleThresholds(input: EnsembleTuningInput): EnsembleTuning {
  const { ifScores, aeErrors, truth, votes } = input;
  const n = truth.length;
  const noiseByEps = new Map<number, Labels>();
  const dbscanLabels = (eps: number): Labels => {
    let labels = noiseByEps.get(eps);
    if (!labels) noiseByEps.set(eps, (labels = findDbscanNoise(input.scaled, { eps, minSamples: input.minSamples }).labels));
    return labels;
  };

  let { contamination, aeFraction, eps } = input.start;
  let ifLabels = labelTop(ifScores, contamination);
  let aeLabels = labelTop(aeErrors, aeFraction);
  let dbLabels = dbscanLabels(eps);
  let best = ensembleScore(ifLabels, dbLabels, aeLabels, votes, truth);

  for (let round = 0; round < ROUNDS; round++) {
    const before = best.f1;
    if (input.free.contamination) {
      for (const f of fractionLadder(n, contamination)) {
        const labels = labelTop(ifScores, f);
        const score = ensembleScore(labels, dbLabels, aeLabels, votes, truth);
        if (score.f1 > best.f1) [best, contamination, ifLabels] = [score, f, labels];
      }
    }
    if (input.free.aeFraction) {
      for (const f of fractionLadder(n, aeFraction)) {
        const labels = labelTop(aeErrors, f);
        const score = ensembleScore(ifLabels, dbLabels, labels, votes, truth);
        if (score.f1 > best.f1) [best, aeFraction, aeLabels] = [score, f, labels];
      }
    }
    if (input.free.eps) {
      for (const candidate of input.epsCandidates) {
        const labels = dbscanLabels(candidate);
        const score = ensembleScore(ifLabels, labels, aeLabels, votes, truth);
        if (score.f1 > best.f1) [best, eps, dbLabels] = [score, candidate, labels];
      }
    }
    if (best.f1 <= before) break;
  }
  return { contamination, aeFraction, eps, score: best };
}
