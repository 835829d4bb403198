import { createTokenizer, MASK_NAMES, WILDCARD, type MaskName, type Tokenize } from "./mask-variables";
import { ParseTree } from "./parse-tree";
import type {
  ResolvedTemplateMinerOptions,
  TemplateMatch,
  TemplateMinerJson,
  TemplateMinerOptions,
  TemplateSummary,
} from "./types";

export const DEFAULT_TEMPLATE_MINER_OPTIONS: ResolvedTemplateMinerOptions = {
  depth: 5,
  similarityThreshold: 0.75,
  maxChildren: 100,
  masks: MASK_NAMES,
  maskedMatchesWildcard: true,
};

// A module constant, not the imported binding: compiled ES module imports become property reads.
const ANY = WILDCARD;

interface Group {
  id: number;
  tokens: string[];
  count: number;
  /** `tokens.join(" ")`, rebuilt only when the template changes. */
  text: string;
}

/**
 * Online log template miner after Drain (He et al., ICWS 2017): mask variables, walk a fixed-depth
 * tree by token count and leading tokens, join the most similar group of the leaf or start a new one,
 * and generalise the group's template where the message differs.
 */
export class TemplateMiner {
  readonly options: ResolvedTemplateMinerOptions;
  private readonly tokenizer: Tokenize;
  private readonly tree: ParseTree;
  private readonly groups: Group[] = [];

  constructor(options: TemplateMinerOptions = {}) {
    this.options = resolveOptions(options);
    this.tokenizer = createTokenizer(this.options.masks);
    this.tree = new ParseTree(this.options.depth, this.options.maxChildren);
  }

  /** Number of templates (groups) so far. */
  get size(): number {
    return this.groups.length;
  }

  /** Learns from one message and returns its group, created when no group is similar enough. */
  add(message: string): TemplateMatch {
    return this.addTokens(this.tokenizer(message));
  }

  /** The masked tokens of a message, as `add` and `match` see them. */
  tokenize(message: string): string[] {
    return this.tokenizer(message);
  }

  /**
   * True when this miner tokenizes every message as `other` does, so tokens from one can be given to
   * the other's `addTokens` / `matchTokens` (tokenizing is most of the cost of both).
   */
  tokenizesLike(other: TemplateMiner): boolean {
    const a = this.options.masks;
    const b = other.options.masks;
    return a.length === b.length && a.every((name) => b.includes(name));
  }

  /** `add` for tokens from `tokenize` (of this miner or one that `tokenizesLike` it); keeps the array. */
  addTokens(tokens: string[]): TemplateMatch {
    let group = this.findGroup(tokens);
    if (group === null) {
      group = { id: this.groups.length, tokens, count: 0, text: tokens.join(" ") };
      this.groups.push(group);
      this.tree.insert(group.id, tokens);
    } else {
      generalise(group, tokens);
    }
    group.count++;
    return { templateId: group.id, template: group.text };
  }

  /** The group `add` would put the message in, without learning; null when it would start a new one. */
  match(message: string): number | null {
    return this.matchTokens(this.tokenizer(message));
  }

  /** `match` for tokens from `tokenize`; leaves the array as it is. */
  matchTokens(tokens: readonly string[]): number | null {
    return this.findGroup(tokens)?.id ?? null;
  }

  /** The current template of a group. */
  template(id: number): string {
    const group = this.groups[id];
    if (group === undefined) throw new RangeError(`No template with id ${id}`);
    return group.text;
  }

  /** Every template in id order. */
  templates(): TemplateSummary[] {
    return this.groups.map((g) => ({ id: g.id, template: g.text, count: g.count }));
  }

  toJSON(): TemplateMinerJson {
    return {
      name: "TemplateMiner",
      version: 1,
      options: { ...this.options, masks: [...this.options.masks] },
      groups: this.groups.map((g) => ({ id: g.id, tokens: [...g.tokens], count: g.count })),
    };
  }

  static load(json: TemplateMinerJson): TemplateMiner {
    if (json.name !== "TemplateMiner" || json.version !== 1) {
      throw new TypeError(`Not a saved TemplateMiner (name ${String(json.name)}, version ${String(json.version)})`);
    }
    const miner = new TemplateMiner(json.options);
    // Re-inserting in creation order rebuilds the same tree: a group's leading tokens only ever
    // change where it sits under a `<*>` branch, which its generalised tokens lead to again.
    json.groups.forEach((saved, index) => {
      if (saved.id !== index) throw new TypeError(`Saved template ids must be 0..n-1 in order; found ${saved.id} at ${index}`);
      const tokens = [...saved.tokens];
      miner.groups.push({ id: index, tokens, count: saved.count, text: tokens.join(" ") });
      miner.tree.insert(index, tokens);
    });
    return miner;
  }

  private findGroup(tokens: readonly string[]): Group | null {
    const leaf = this.tree.findLeaf(tokens);
    if (leaf === null) return null;
    const n = tokens.length;
    // An empty message matches the (single) empty template.
    if (n === 0) return leaf.groups.length > 0 ? (this.groups[leaf.groups[0] as number] as Group) : null;
    const maskedMatches = this.options.maskedMatchesWildcard;
    let best: Group | null = null;
    let bestEqual = -1;
    let bestWildcards = -1;
    for (const id of leaf.groups) {
      const group = this.groups[id] as Group;
      const template = group.tokens;
      let equal = 0;
      let wildcards = 0;
      for (let i = 0; i < n; i++) {
        const t = template[i];
        if (t === ANY) {
          wildcards++;
          if (maskedMatches && tokens[i] === ANY) equal++;
        } else if (t === tokens[i]) equal++;
      }
      // Ties go to the more general template, as in Drain.
      if (equal > bestEqual || (equal === bestEqual && wildcards > bestWildcards)) {
        best = group;
        bestEqual = equal;
        bestWildcards = wildcards;
      }
    }
    return best !== null && bestEqual / n >= this.options.similarityThreshold ? best : null;
  }
}

function generalise(group: Group, tokens: readonly string[]): void {
  let changed = false;
  const template = group.tokens;
  for (let i = 0; i < template.length; i++) {
    if (template[i] !== ANY && template[i] !== tokens[i]) {
      template[i] = WILDCARD;
      changed = true;
    }
  }
  if (changed) group.text = template.join(" ");
}

function resolveOptions(options: TemplateMinerOptions): ResolvedTemplateMinerOptions {
  const resolved: ResolvedTemplateMinerOptions = {
    depth: options.depth ?? DEFAULT_TEMPLATE_MINER_OPTIONS.depth,
    similarityThreshold: options.similarityThreshold ?? DEFAULT_TEMPLATE_MINER_OPTIONS.similarityThreshold,
    maxChildren: options.maxChildren ?? DEFAULT_TEMPLATE_MINER_OPTIONS.maxChildren,
    masks: [...(options.masks ?? DEFAULT_TEMPLATE_MINER_OPTIONS.masks)] as MaskName[],
    maskedMatchesWildcard: options.maskedMatchesWildcard ?? DEFAULT_TEMPLATE_MINER_OPTIONS.maskedMatchesWildcard,
  };
  if (!Number.isInteger(resolved.depth) || resolved.depth < 3) {
    throw new RangeError(`depth must be an integer >= 3 (root, length layer, leaves), got ${resolved.depth}`);
  }
  const st = resolved.similarityThreshold;
  if (!(st >= 0 && st <= 1)) throw new RangeError(`similarityThreshold must be in [0, 1], got ${st}`);
  if (!Number.isInteger(resolved.maxChildren) || resolved.maxChildren < 1) {
    throw new RangeError(`maxChildren must be a positive integer, got ${resolved.maxChildren}`);
  }
  return resolved;
}
