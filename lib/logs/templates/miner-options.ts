import { MASK_NAMES, type MaskName } from "./mask-variables";
import type { ResolvedTemplateMinerOptions, TemplateMinerOptions } from "./types";

export const DEFAULT_TEMPLATE_MINER_OPTIONS: ResolvedTemplateMinerOptions = {
  depth: 5,
  similarityThreshold: 0.75,
  maxChildren: 100,
  masks: MASK_NAMES,
  customMasks: [],
  maskedMatchesWildcard: true,
  wordVariantLimit: 4,
  matchAcrossLengths: true,
};

/** Fills unset options with the defaults and refuses out-of-range ones (saved miners lack newer ones). */
export function resolveOptions(options: Partial<TemplateMinerOptions>): ResolvedTemplateMinerOptions {
  const d = DEFAULT_TEMPLATE_MINER_OPTIONS;
  const resolved: ResolvedTemplateMinerOptions = {
    depth: options.depth ?? d.depth,
    similarityThreshold: options.similarityThreshold ?? d.similarityThreshold,
    maxChildren: options.maxChildren ?? d.maxChildren,
    masks: [...(options.masks ?? d.masks)] as MaskName[],
    // Copied field by field so that a saved miner holds plain `{ pattern, name? }` objects.
    customMasks: (options.customMasks ?? d.customMasks).map((m) => (m.name === undefined ? { pattern: m.pattern } : { pattern: m.pattern, name: m.name })),
    maskedMatchesWildcard: options.maskedMatchesWildcard ?? d.maskedMatchesWildcard,
    wordVariantLimit: options.wordVariantLimit ?? d.wordVariantLimit,
    matchAcrossLengths: options.matchAcrossLengths ?? d.matchAcrossLengths,
  };
  if (!Number.isInteger(resolved.depth) || resolved.depth < 3) {
    throw new RangeError(`depth must be an integer >= 3 (root, length layer, leaves), got ${resolved.depth}`);
  }
  const st = resolved.similarityThreshold;
  if (!(st >= 0 && st <= 1)) throw new RangeError(`similarityThreshold must be in [0, 1], got ${st}`);
  if (!Number.isInteger(resolved.maxChildren) || resolved.maxChildren < 1) {
    throw new RangeError(`maxChildren must be a positive integer, got ${resolved.maxChildren}`);
  }
  if (!Number.isInteger(resolved.wordVariantLimit) || resolved.wordVariantLimit < 0) {
    throw new RangeError(`wordVariantLimit must be an integer >= 0, got ${resolved.wordVariantLimit}`);
  }
  return resolved;
}
