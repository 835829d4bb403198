import type { MaskSpec } from "../formats/types";
import type { MaskName } from "./mask-variables";

export interface TemplateMinerOptions {
  /**
   * Depth of the parse tree counted as in Drain's paper and its reference code (logparser, Drain3):
   * root, token-count layer, `depth - 3` leading-token layers, leaves. Default 5: two leading tokens.
   */
  depth?: number;
  /** A message joins the most similar group of its leaf when similarity >= this (Drain's `st`). */
  similarityThreshold?: number;
  /** Children per inner node; beyond it new tokens share the `<*>` child (Drain's `maxChild`). */
  maxChildren?: number;
  /** Variable shapes masked before the tree search (default: all of MASK_NAMES). */
  masks?: readonly MaskName[];
  /**
   * Regex masks for the whole message: a format's preset masks, then the user's `--mask REGEX[=NAME]`
   * (docs/pipeline.md §1b). They run after the date mask and before the token masks. Default none.
   */
  customMasks?: readonly MaskSpec[];
  /**
   * Count a variable in the message as equal to a `<*>` in the template, where a variable is a token
   * that carries a digit or a mask, and count two tokens that differ only in their digits as equal
   * (`core.2275`, `core.862`). Default true. Drain's reference code (false) counts a template `<*>`
   * as never equal, so there masking lowers similarity and thresholds must be set low.
   */
  maskedMatchesWildcard?: boolean;
  /**
   * How many templates may differ from each other only in words (tokens with a letter and no digit
   * other than a trailing number, as `Paused`/`Resumed`, `ee0`/`alt0`) before those places are taken
   * for variables (user names) and the templates merge into one with `<*>` there. Default 4: the
   * fifth variant merges them. 0 lets words generalise like any other token, as in Drain.
   */
  wordVariantLimit?: number;
  /**
   * Let a message join a template of another token count when both hold the same constant tokens,
   * once the tokens that are only masked variables and punctuation are set aside (`5 bytes sent` and
   * `5 bytes (5 KB) sent`). Default true; false keeps Drain's one token count per template.
   */
  matchAcrossLengths?: boolean;
}

export type ResolvedTemplateMinerOptions = Required<TemplateMinerOptions>;

/** What `add` reports for one message. */
export interface TemplateMatch {
  /** Small integer, in order of creation, stable across `toJSON`/`load`. */
  templateId: number;
  /** The group's template after this message, tokens joined by one space. */
  template: string;
}

export interface TemplateSummary {
  id: number;
  /** For a template merged into another (see `wordVariantLimit`), that one's template. */
  template: string;
  /** Messages added under this id so far (they stay counted here after a merge). */
  count: number;
  /** The id this template was merged into, when it was (`TemplateMiner.resolve` gives it too). */
  mergedInto?: number;
}

/** Options as saved: files written before issue #11 lack the newer ones, which then take their defaults. */
export type SavedTemplateMinerOptions = Omit<ResolvedTemplateMinerOptions, "customMasks" | "wordVariantLimit" | "matchAcrossLengths"> &
  Pick<TemplateMinerOptions, "customMasks" | "wordVariantLimit" | "matchAcrossLengths">;

export interface TemplateMinerJson {
  name: "TemplateMiner";
  version: 1;
  options: SavedTemplateMinerOptions;
  /**
   * Groups in id order, each with its template tokens; `family` is the group a word variant was
   * created beside, `mergedInto` the group it was merged into. Both are absent from older files.
   */
  groups: { id: number; tokens: string[]; count: number; family?: number; mergedInto?: number }[];
  /** The constant-token index of `matchAcrossLengths` as [key, id] pairs; rebuilt when absent. */
  skeletons?: [string, number][];
}
