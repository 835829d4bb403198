import { WILDCARD } from "./mask-variables";

/** An inner node: children keyed by token, or (at the last inner layer) the ids of its groups. */
export interface TreeNode {
  children: Map<string, TreeNode>;
  groups: number[];
}

// A module constant, not the imported binding: compiled ES module imports become property reads.
const ANY = WILDCARD;

const createNode = (): TreeNode => ({ children: new Map(), groups: [] });

const DIGIT = /\d/;

/**
 * Drain's fixed-depth tree: the first layer splits by token count, then up to `depth - 3` leading
 * tokens (never the last token of a message) lead to a leaf that holds candidate groups. Layout and
 * edge cases follow Drain3, which fixed logparser's loss of messages shorter than the tree.
 */
export class ParseTree {
  private readonly byLength = new Map<number, TreeNode>();
  private readonly tokenLayers: number;
  private readonly maxChildren: number;

  constructor(depth: number, maxChildren: number) {
    this.tokenLayers = depth - 3;
    this.maxChildren = maxChildren;
  }

  /** The leaf a message would be compared in, or null when no group can match it. */
  findLeaf(tokens: readonly string[]): TreeNode | null {
    let node = this.byLength.get(tokens.length);
    if (node === undefined) return null;
    const layers = Math.min(this.tokenLayers, tokens.length - 1);
    for (let i = 0; i < layers; i++) {
      const next: TreeNode | undefined = node.children.get(tokens[i] as string) ?? node.children.get(ANY);
      if (next === undefined) return null;
      node = next;
    }
    return node;
  }

  /** Files a new group under the path of its first template; returns the leaf it went to. */
  insert(id: number, tokens: readonly string[]): TreeNode {
    let node = this.byLength.get(tokens.length);
    if (node === undefined) {
      node = createNode();
      this.byLength.set(tokens.length, node);
    }
    const layers = Math.min(this.tokenLayers, tokens.length - 1);
    for (let i = 0; i < layers; i++) node = this.childFor(node, tokens[i] as string);
    node.groups.push(id);
    return node;
  }

  /** Takes a group out of its leaf (it was merged into another), so no message is compared with it. */
  remove(id: number, leaf: TreeNode): void {
    const at = leaf.groups.indexOf(id);
    if (at >= 0) leaf.groups.splice(at, 1);
  }

  private childFor(node: TreeNode, token: string): TreeNode {
    const existing = node.children.get(token);
    if (existing !== undefined) return existing;
    // Tokens with digits are likely variables: they share one `<*>` branch instead of a node each.
    // So do tokens that a mask cut into (`b<*>-fe<*>a` after a `\d+` mask, `blk_<*>`).
    if (DIGIT.test(token) || token.includes(ANY)) return this.wildcardChild(node);
    const size = node.children.size;
    const hasWildcard = node.children.has(ANY);
    // The last free slot is kept for `<*>`, so a full node still routes unknown tokens somewhere.
    if (hasWildcard ? size < this.maxChildren : size + 1 < this.maxChildren) {
      const child = createNode();
      node.children.set(token, child);
      return child;
    }
    return this.wildcardChild(node);
  }

  private wildcardChild(node: TreeNode): TreeNode {
    let child = node.children.get(ANY);
    if (child === undefined) {
      child = createNode();
      node.children.set(ANY, child);
    }
    return child;
  }
}
