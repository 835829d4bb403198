import { searchLeaf, type Group, type LeafSearch } from "./group-similarity";
import { createTokenizer, WILDCARD, type Tokenize } from "./mask-variables";
import { resolveOptions } from "./miner-options";
import { ParseTree } from "./parse-tree";
import { skeletonKey, tokenKinds, VARIABLE } from "./token-kinds";
import type { ResolvedTemplateMinerOptions, TemplateMatch, TemplateMinerJson, TemplateMinerOptions, TemplateSummary } from "./types";

export { DEFAULT_TEMPLATE_MINER_OPTIONS } from "./miner-options";

// A module constant, not the imported binding: compiled ES module imports become property reads.
const ANY = WILDCARD;
const NO_MATCH: LeafSearch = { best: null, variantOf: null };

/**
 * Online log template miner after Drain (He et al., ICWS 2017): mask variables, walk a fixed-depth
 * tree by token count and leading tokens, join the most similar group of the leaf or start a new one,
 * and generalise the group's template where the message differs. Beyond Drain (each can be turned
 * off, see TemplateMinerOptions): digits make a token a variable even where no mask takes it; words
 * are not generalised until a place has held more than `wordVariantLimit` of them, when the
 * variants merge (ids stay valid, `resolve` says where they went); and a message may join a
 * template of another length with the same constant tokens.
 */
export class TemplateMiner {
  readonly options: ResolvedTemplateMinerOptions;
  private readonly tokenizer: Tokenize;
  private readonly tree: ParseTree;
  private readonly groups: Group[] = [];
  /** skeletonKey of each template -> the first group that had it. */
  private readonly skeletons = new Map<string, number>();
  /** Kinds of the message at hand; reused (a Uint8Array per message cost ~0.3 s of ~3.4 s on the bench log). */
  private kindsBuffer = new Uint8Array(64);

  constructor(options: TemplateMinerOptions = {}) {
    this.options = resolveOptions(options);
    this.tokenizer = createTokenizer(this.options.masks, this.options.customMasks);
    this.tree = new ParseTree(this.options.depth, this.options.maxChildren);
  }

  /** Number of template ids given so far (merged ones included: ids are 0 to size - 1). */
  get size(): number {
    return this.groups.length;
  }

  /** Number of live templates: ids not merged into another, i.e. the distinct templates as they stand now. */
  get liveSize(): number {
    let live = 0;
    for (const g of this.groups) if (g.mergedInto === g.id) live++;
    return live;
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
    const x = this.options.customMasks;
    const y = other.options.customMasks;
    return (
      a.length === b.length && a.every((name) => b.includes(name)) &&
      x.length === y.length && x.every((m, i) => m.pattern === y[i]?.pattern && m.name === y[i]?.name)
    );
  }

  /** `add` for tokens from `tokenize` (of this miner or one that `tokenizesLike` it); keeps the array. */
  addTokens(tokens: string[]): TemplateMatch {
    const kinds = this.kindsOf(tokens);
    const found = this.search(tokens, kinds);
    let group = found.best ?? this.sameSkeleton(tokens, kinds);
    if (group !== null) {
      this.generalise(group, tokens);
    } else if (found.variantOf !== null) {
      const first = this.groups[found.variantOf.family] as Group;
      if (1 + first.variants.length >= this.options.wordVariantLimit) {
        // One variant too many: the words differ because they are variables (user names).
        this.mergeVariants(first);
        this.generalise(first, tokens);
        group = first;
      } else {
        group = this.createGroup(tokens, kinds, first.id);
        first.variants.push(group.id);
      }
    } else {
      group = this.createGroup(tokens, kinds, this.groups.length);
    }
    group.count++;
    return { templateId: group.id, template: group.text };
  }

  /**
   * The group `add` would put the message in, without learning; null when it would start a new one,
   * except that a word variant of a known template matches that template (see `matchTokens`).
   */
  match(message: string): number | null {
    return this.matchTokens(this.tokenizer(message));
  }

  /**
   * `match` for tokens from `tokenize`; leaves the array as it is. A message that differs from a
   * group only in words (where `add` would start a variant of it) matches that group's family, so
   * a new user name in a known message is not taken for an unseen template.
   */
  matchTokens(tokens: readonly string[]): number | null {
    const kinds = this.kindsOf(tokens);
    const found = this.search(tokens, kinds);
    return found.best?.id ?? this.sameSkeleton(tokens, kinds)?.id ?? found.variantOf?.family ?? null;
  }

  /** The id a template id stands for now: itself, or the template it was merged into. */
  resolve(id: number): number {
    const group = this.groups[id];
    if (group === undefined) throw new RangeError(`No template with id ${id}`);
    // One step: a family's first group, which variants merge into, is never merged itself.
    return group.mergedInto;
  }

  /** The current template of a group (of the group it was merged into, for a merged one). */
  template(id: number): string {
    return (this.groups[this.resolve(id)] as Group).text;
  }

  /** Every template id in id order. */
  templates(): TemplateSummary[] {
    return this.groups.map((g) => {
      const live = this.resolve(g.id);
      const summary: TemplateSummary = { id: g.id, template: (this.groups[live] as Group).text, count: g.count };
      if (live !== g.id) summary.mergedInto = live;
      return summary;
    });
  }

  toJSON(): TemplateMinerJson {
    return {
      name: "TemplateMiner",
      version: 1,
      options: { ...this.options, masks: [...this.options.masks], customMasks: [...this.options.customMasks] },
      groups: this.groups.map((g) => {
        const saved: TemplateMinerJson["groups"][number] = { id: g.id, tokens: [...g.tokens], count: g.count };
        if (g.family !== g.id) saved.family = g.family;
        if (g.mergedInto !== g.id) saved.mergedInto = g.mergedInto;
        return saved;
      }),
      skeletons: [...this.skeletons],
    };
  }

  static load(json: TemplateMinerJson): TemplateMiner {
    if (json.name !== "TemplateMiner" || json.version !== 1) {
      throw new TypeError(`Not a saved TemplateMiner (name ${String(json.name)}, version ${String(json.version)})`);
    }
    const miner = new TemplateMiner(json.options);
    // Re-inserting every group in creation order rebuilds the same tree: a group's leading tokens
    // only ever change where it sits under a `<*>` branch, which its generalised tokens lead to again.
    json.groups.forEach((saved, index) => {
      if (saved.id !== index) throw new TypeError(`Saved template ids must be 0..n-1 in order; found ${saved.id} at ${index}`);
      const group = miner.createGroup([...saved.tokens], tokenKinds(saved.tokens), saved.family ?? index);
      group.count = saved.count;
      if (group.family !== index) miner.groups[group.family]?.variants.push(index);
    });
    json.groups.forEach((saved) => {
      if (saved.mergedInto === undefined) return;
      const group = miner.groups[saved.id] as Group;
      const into = miner.groups[saved.mergedInto];
      if (into === undefined || json.groups[into.id]?.mergedInto !== undefined) {
        throw new TypeError(`Saved template ${saved.id} is merged into ${saved.mergedInto}, which is not a live template`);
      }
      miner.retire(group, into);
    });
    // The index as it was: it also holds the keys of templates since generalised.
    if (json.skeletons !== undefined) {
      miner.skeletons.clear();
      for (const [key, id] of json.skeletons) miner.skeletons.set(key, id);
    }
    return miner;
  }

  private kindsOf(tokens: readonly string[]): Uint8Array {
    if (tokens.length > this.kindsBuffer.length) this.kindsBuffer = new Uint8Array(2 * tokens.length);
    return tokenKinds(tokens, this.kindsBuffer);
  }

  private search(tokens: readonly string[], kinds: Uint8Array): LeafSearch {
    const leaf = this.tree.findLeaf(tokens);
    if (leaf === null) return NO_MATCH;
    const { similarityThreshold, maskedMatchesWildcard, wordVariantLimit } = this.options;
    return searchLeaf(this.groups, leaf, tokens, kinds, similarityThreshold, maskedMatchesWildcard, wordVariantLimit > 0);
  }

  /** The live group whose constant tokens are the message's (matchAcrossLengths), or null. */
  private sameSkeleton(tokens: readonly string[], kinds: Uint8Array): Group | null {
    if (!this.options.matchAcrossLengths) return null;
    const key = skeletonKey(tokens, kinds);
    const id = key === null ? undefined : this.skeletons.get(key);
    return id === undefined ? null : (this.groups[this.resolve(id)] as Group);
  }

  private createGroup(tokens: string[], kinds: Uint8Array, family: number): Group {
    const id = this.groups.length;
    const group: Group = { id, tokens, kinds: kinds.slice(0, tokens.length), count: 0, text: tokens.join(" "), leaf: null, family, variants: [], mergedInto: id };
    this.groups.push(group);
    group.leaf = this.tree.insert(id, tokens);
    this.noteSkeleton(group);
    return group;
  }

  /** Puts `<*>` wherever the template differs from the message (same token count). */
  private generalise(group: Group, tokens: readonly string[]): void {
    const template = group.tokens;
    if (tokens.length !== template.length) return; // joined by its skeleton: nothing lines up
    let changed = false;
    for (let i = 0; i < template.length; i++) {
      if (template[i] !== ANY && template[i] !== tokens[i]) {
        template[i] = WILDCARD;
        group.kinds[i] = VARIABLE;
        changed = true;
      }
    }
    if (changed) {
      group.text = template.join(" ");
      this.noteSkeleton(group);
    }
  }

  /** Folds a family's word variants into its first group, which takes `<*>` where they differ. */
  private mergeVariants(first: Group): void {
    for (const id of first.variants) {
      const variant = this.groups[id] as Group;
      this.generalise(first, variant.tokens);
      this.retire(variant, first);
    }
    first.variants = [];
  }

  private retire(group: Group, into: Group): void {
    group.mergedInto = into.id;
    if (group.leaf !== null) this.tree.remove(group.id, group.leaf);
    group.leaf = null;
    const family = this.groups[group.family];
    if (family !== undefined && family !== group) family.variants = family.variants.filter((id) => id !== group.id);
  }

  private noteSkeleton(group: Group): void {
    if (!this.options.matchAcrossLengths) return;
    const key = skeletonKey(group.tokens, group.kinds);
    if (key !== null && !this.skeletons.has(key)) this.skeletons.set(key, group.id);
  }
}
