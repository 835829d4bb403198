import type { FeatureSet } from "@/lib/domain/types";

/**
 * How many epochs the autoencoder really trains, for the New run form. The extended feature set
 * trains it twice (lib/pipeline/train-phases.ts planTraining: a second pass without the windows
 * it reconstructs worst), and the job's progress counts the epochs of both passes ("Epoch 38/40"),
 * which is the true amount of work left; so the form says 40 rather than the progress saying 20.
 * Mirrors planTraining without importing the pipeline into the browser (a unit test checks they agree).
 */

/** Autoencoder training passes per feature set. */
export const AUTOENCODER_PASSES: Record<FeatureSet, number> = { seed: 1, extended: 2 };

/** Share of windows the second pass leaves out (lib/pipeline/train-phases.ts EXTENDED_TRIM_FRACTION). */
export const SECOND_PASS_TRIM = 0.1;

const isFeatureSet = (value: string): value is FeatureSet => Object.hasOwn(AUTOENCODER_PASSES, value);

/** Epochs trained in all for the form's values (a blank field given as its default); null while it is not a whole number. */
export function totalEpochs(features: string, epochsText: string): number | null {
  const epochs = epochsText.trim() === "" ? NaN : Number(epochsText);
  if (!Number.isInteger(epochs) || epochs < 1) return null;
  return epochs * (isFeatureSet(features) ? AUTOENCODER_PASSES[features] : 1);
}

/** One sentence for under the epochs field when training runs more epochs than typed; null otherwise. */
export function epochsNote(features: string, epochsText: string): string | null {
  const total = totalEpochs(features, epochsText);
  if (total === null || !isFeatureSet(features) || AUTOENCODER_PASSES[features] === 1) return null;
  const each = total / AUTOENCODER_PASSES[features];
  return `Extended features train it twice, ${each} epochs then ${each} more without the ${SECOND_PASS_TRIM * 100}% of windows it reconstructs worst: ${total} epochs in all, as the progress counts them.`;
}
