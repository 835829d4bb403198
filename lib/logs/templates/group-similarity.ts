import type { TreeNode } from "./parse-tree";
import { WILDCARD } from "./mask-patterns";
import { sameShape, VARIABLE, WORD } from "./token-kinds";

/** One template group of the miner. */
export interface Group {
  id: number;
  tokens: string[];
  /** tokenKind of each template token (a `<*>` is VARIABLE). */
  kinds: Uint8Array;
  /** Messages added under this id. */
  count: number;
  /** `tokens.join(" ")`, rebuilt only when the template changes. */
  text: string;
  /** The leaf it is filed in; null once merged into another group. */
  leaf: TreeNode | null;
  /** The group this one was created beside as a word variant, or its own id. */
  family: number;
  /** For a family's first group: its live word variants. */
  variants: number[];
  /** The group it was merged into, or its own id while it is live. */
  mergedInto: number;
}

export interface LeafSearch {
  /** The most similar group that differs from the message in no word, if similar enough. */
  best: Group | null;
  /** The most similar group that differs from it in words only, if similar enough without them. */
  variantOf: Group | null;
}

// A module constant, not the imported binding: compiled ES module imports become property reads.
const ANY = WILDCARD;

/**
 * Compares a message with every group of its leaf, as Drain does: similarity is the share of
 * positions where the template equals the message. Ties go to the more general template.
 * `variables` (maskedMatchesWildcard) counts a variable in the message as equal to a template
 * `<*>`, and two tokens that differ only in their digits as equal. `words` keeps groups that differ
 * from the message in a word apart, as candidates for a word variant instead.
 */
export function searchLeaf(
  groups: readonly Group[],
  leaf: TreeNode,
  tokens: readonly string[],
  kinds: Uint8Array,
  threshold: number,
  variables: boolean,
  words: boolean,
): LeafSearch {
  const n = tokens.length;
  // An empty message matches the (single) empty template.
  if (n === 0) return { best: leaf.groups.length > 0 ? (groups[leaf.groups[0] as number] as Group) : null, variantOf: null };
  let best: Group | null = null;
  let bestEqual = -1;
  let bestWildcards = -1;
  let variantOf: Group | null = null;
  let variantEqual = -1;
  for (const id of leaf.groups) {
    const group = groups[id] as Group;
    const template = group.tokens;
    const templateKinds = group.kinds;
    let equal = 0;
    let wildcards = 0;
    let wordsDiffer = 0;
    for (let i = 0; i < n; i++) {
      const t = template[i] as string;
      const token = tokens[i] as string;
      if (t === ANY) {
        wildcards++;
        if (variables && ((kinds[i] as number) & VARIABLE) !== 0) equal++;
      } else if (t === token) equal++;
      else {
        const a = templateKinds[i] as number;
        const b = kinds[i] as number;
        if (variables && (a & b & VARIABLE) !== 0 && sameShape(t, token)) equal++;
        else if (words && (a & b & WORD) !== 0) wordsDiffer++;
      }
    }
    if (wordsDiffer > 0) {
      if (equal > variantEqual) {
        variantOf = group;
        variantEqual = equal;
      }
    } else if (equal > bestEqual || (equal === bestEqual && wildcards > bestWildcards)) {
      best = group;
      bestEqual = equal;
      bestWildcards = wildcards;
    }
  }
  return {
    best: best !== null && bestEqual / n >= threshold ? best : null,
    variantOf: variantOf !== null && variantEqual / n >= threshold ? variantOf : null,
  };
}
