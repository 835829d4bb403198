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
   * Count a masked variable in the message as equal to a `<*>` in the template (default true).
   * Drain's reference code (false) counts a template `<*>` as never equal, so there masking lowers
   * similarity and thresholds must be set low; true lets masking raise it instead.
   */
  maskedMatchesWildcard?: boolean;
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
  template: string;
  /** Messages added to the group so far. */
  count: number;
}

export interface TemplateMinerJson {
  name: "TemplateMiner";
  version: 1;
  options: ResolvedTemplateMinerOptions;
  /** Groups in id order, each with its template tokens. */
  groups: { id: number; tokens: string[]; count: number }[];
}
