import type { ThresholdChoice } from "@/lib/domain/types";
import type { Dbscan } from "@/lib/detectors/dbscan";
import type { Labels, Matrix } from "@/lib/detectors/types";
import { chooseContamination, choosePercentile, ensembleReason, labelledCut, type ScoreCut } from "./choose-thresholds";
import type { EpsDecision } from "./detector-models";
import type { DetectParams } from "./params";
import { tuneEnsembleThresholds } from "./tune-ensemble-thresholds";
import { fitDbscan, type AutoencoderFit, type DbscanFit, type ForestFit, type PhaseContext } from "./train-phases";

/**
 * Decision: the cuts prediction applies. "own": each detector's cut stands as its phase chose it
 * (given, estimated, or F1-best for that detector alone). "ensemble": labels were given and at
 * least one threshold is `auto`, so those were moved together to the ensemble's best F1; the given
 * ones stay put.
 */
export interface ThresholdDecision {
  mode: "own" | "ensemble";
  contamination: ScoreCut;
  aePercentile: ScoreCut;
  eps: EpsDecision;
  epsChoice: ThresholdChoice;
  /** Fitted with `eps.eps`: refitted when the ensemble search moved eps, else the DBSCAN phase's. */
  dbscan: Dbscan;
}

export interface ThresholdInput {
  scaled: Matrix;
  params: DetectParams;
  truth: Labels | undefined;
  /** The thresholds phase needs only scores and cuts, not the fitted forest and network. */
  forest: Pick<ForestFit, "scores" | "cut">;
  dbscan: DbscanFit;
  autoencoder: Pick<AutoencoderFit, "errors" | "cut">;
}

/** Which thresholds the labels may move together: those left on `auto`, and only with labels. */
function freeThresholds(params: DetectParams) {
  return { contamination: params.contamination === "auto", aeFraction: params.aePercentile === "auto", eps: params.eps === "auto" };
}

export function settleThresholds(ctx: PhaseContext, input: ThresholdInput): ThresholdDecision {
  const { forest, dbscan, autoencoder, truth } = input;
  const own: ThresholdDecision = {
    mode: "own",
    contamination: forest.cut,
    aePercentile: autoencoder.cut,
    eps: dbscan.setting.decision,
    epsChoice: dbscan.setting.choice,
    dbscan: dbscan.model,
  };
  const free = freeThresholds(input.params);
  if (!truth || !(free.contamination || free.aeFraction || free.eps)) return own;
  return ctx.timed("dbscan", () => {
    ctx.stage("dbscan", "Choosing the thresholds that give the ensemble the best F1 against the labels");
    return tuneTogether(input, truth, free, own);
  });
}

function tuneTogether(input: ThresholdInput, truth: Labels, free: ReturnType<typeof freeThresholds>, own: ThresholdDecision): ThresholdDecision {
  const { scaled, params, forest, autoencoder } = input;
  const tuned = tuneEnsembleThresholds({
    ifScores: forest.scores,
    aeErrors: autoencoder.errors,
    scaled,
    minSamples: params.minSamples,
    votes: params.votes,
    truth,
    start: { contamination: own.contamination.parameter, aeFraction: 1 - own.aePercentile.parameter / 100, eps: own.eps.eps },
    free,
    epsCandidates: input.dbscan.setting.candidates,
  });
  const why = ensembleReason(tuned.score);
  // DBSCAN is fitted again only when the search moved eps off the value it was fitted with.
  const epsMoved = free.eps && tuned.eps !== own.eps.eps;
  return {
    mode: "ensemble",
    contamination: free.contamination
      ? labelledCut(chooseContamination(forest.scores, tuned.contamination), "Contamination", why)
      : own.contamination,
    aePercentile: free.aeFraction
      ? labelledCut(choosePercentile(autoencoder.errors, Number((100 * (1 - tuned.aeFraction)).toPrecision(6))), "Autoencoder percentile", why)
      : own.aePercentile,
    eps: epsMoved ? { ...own.eps, eps: tuned.eps } : own.eps,
    epsChoice: free.eps ? { value: tuned.eps, mode: "labels", reason: `eps ${tuned.eps}: ${why}` } : own.epsChoice,
    dbscan: epsMoved ? fitDbscan(tuned.eps, params.minSamples, scaled).model : own.dbscan,
  };
}
