import type { FeatureSet } from "@/lib/domain/types";

/**
 * How many epochs the autoencoder really trains, for the New run form. The extended feature set
 * trains it twice (lib/pipeline/train-phases.ts planTraining): a short first pass that ranks the
 * windows, then the typed epochs without the windows it reconstructs worst. The job's progress
 * counts the epochs of both passes ("Epoch 23/25"), which is the true amount of work left; so the
 * form says 25 rather than the progress surprising with more than the 20 typed.
 * Mirrors planTraining without importing the pipeline into the browser (a unit test checks they agree).
 */

/** Epochs of the first, ranking pass per feature set (0: one pass). */
export const RANKING_EPOCHS: Record<FeatureSet, number> = { seed: 0, extended: 5 };

/** Share of windows the second pass leaves out (lib/pipeline/train-phases.ts EXTENDED_TRIM_FRACTION). */
export const SECOND_PASS_TRIM = 0.1;

const isFeatureSet = (value: string): value is FeatureSet => Object.hasOwn(RANKING_EPOCHS, value);

/** Epochs trained in all for the form's values (a blank field given as its default); null while it is not a whole number. */
export function totalEpochs(features: string, epochsText: string): number | null {
  const epochs = epochsText.trim() === "" ? NaN : Number(epochsText);
  if (!Number.isInteger(epochs) || epochs < 1) return null;
  return epochs + (isFeatureSet(features) ? RANKING_EPOCHS[features] : 0);
}

/** One sentence for under the epochs field when training runs more epochs than typed; null otherwise. */
export function epochsNote(features: string, epochsText: string): string | null {
  const total = totalEpochs(features, epochsText);
  if (total === null || !isFeatureSet(features) || RANKING_EPOCHS[features] === 0) return null;
  const ranking = RANKING_EPOCHS[features];
  return `Extended features train it twice, ${ranking} epochs to find the ${SECOND_PASS_TRIM * 100}% of windows it reconstructs worst, then ${total - ranking} without them: ${total} epochs in all, as the progress counts them.`;
}
