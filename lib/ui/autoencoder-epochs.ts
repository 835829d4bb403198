import type { CombineMode, FeatureSet } from "@/lib/domain/types";

/**
 * How many epochs the autoencoder really trains, for the New run form. The extended feature set
 * trains it twice (lib/pipeline/train-phases.ts planTraining): a first pass that ranks the windows,
 * then the typed epochs without the windows it reconstructs worst. The ranking pass is short (5
 * epochs) when the combined score flags the windows, and as long as the typed epochs with the vote.
 * The job's progress counts the epochs of both passes ("Epoch 23/25"), which is the true amount of
 * work left; so the form says so rather than the progress surprising with more than typed.
 * Mirrors planTraining without importing the pipeline into the browser (a unit test checks they agree).
 */

/** Epochs of the ranking pass with extended features and the combined score (SCORE_RANKING_EPOCHS). */
export const SCORE_RANKING_EPOCHS = 5;

/** Share of windows the second pass leaves out (lib/pipeline/train-phases.ts EXTENDED_TRIM_FRACTION). */
export const SECOND_PASS_TRIM = 0.1;

/** Epochs of the first, ranking pass for these settings; 0 when there is one pass. */
export function rankingEpochs(features: string, combine: string, epochs: number): number {
  if ((features as FeatureSet) !== "extended") return 0;
  return (combine as CombineMode) === "score" ? SCORE_RANKING_EPOCHS : epochs;
}

/** The typed epochs (a blank field given as its default), or null while they are not a whole number. */
function typedEpochs(epochsText: string): number | null {
  const epochs = epochsText.trim() === "" ? NaN : Number(epochsText);
  return Number.isInteger(epochs) && epochs >= 1 ? epochs : null;
}

/** Epochs trained in all for the form's values; null while the epochs are not a whole number. */
export function totalEpochs(features: string, combine: string, epochsText: string): number | null {
  const epochs = typedEpochs(epochsText);
  return epochs === null ? null : epochs + rankingEpochs(features, combine, epochs);
}

/** One sentence for under the epochs field when training runs more epochs than typed; null otherwise. */
export function epochsNote(features: string, combine: string, epochsText: string): string | null {
  const epochs = typedEpochs(epochsText);
  if (epochs === null) return null;
  const ranking = rankingEpochs(features, combine, epochs);
  if (ranking === 0) return null;
  return `Extended features train it twice, ${ranking} epochs to find the ${SECOND_PASS_TRIM * 100}% of windows it reconstructs worst, then ${epochs} without them: ${ranking + epochs} epochs in all, as the progress counts them.`;
}
