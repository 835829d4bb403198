/**
 * The masked form of recent tokens, for the tokenizer (mask-variables.ts): tokens such as ssh2,
 * 12ms or HTTP/1.1" recur on many lines, and remembering their masked form saves the mask regex.
 * It replaced a `Map<string, string>` emptied when full. Measured on the 1M-line bench log
 * (893k distinct messages, 4.6M lookups): the Map had to hash each freshly sliced token (~310 ms
 * of the tokenizer's ~2.4 s), and the unique tokens (a clock stamp, a queue id: ~450k) filled it
 * every few thousand messages, so the recurring ones kept missing too. Here the tokenizer hashes
 * the token's characters as it scans them, a hit compares them in place without slicing the
 * token out, and each new token only evicts the one in its slot (direct mapped).
 */

// 4,096 slots, as many as the Map held: the tokenizer alone took ~1.87 s on the bench log's
// messages with 65,536 slots, ~1.6-1.8 s with 2,048 or 4,096 (a small table stays in the CPU cache)
// and ~2 s with 1,024.
const SLOTS = 1 << 12;
const SLOT_MASK = SLOTS - 1;

/** One step of the 32-bit FNV-1a hash, which the tokenizer runs on each character of a token. */
export function hashStep(hash: number, c: number): number {
  return Math.imul(hash ^ c, 0x01000193);
}

export const HASH_START = 0x811c9dc5 | 0;

export class MaskedTokenCache {
  private readonly hashes = new Int32Array(SLOTS);
  private readonly tokens: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);
  private readonly masked: string[] = new Array<string>(SLOTS).fill("");

  /** The masked form of `text.slice(start, end)`, whose hash is `hash`, if it is remembered. */
  get(text: string, start: number, end: number, hash: number): string | undefined {
    const slot = (hash ^ (hash >>> 16)) & SLOT_MASK;
    const token = this.tokens[slot];
    if (token === undefined || this.hashes[slot] !== hash || token.length !== end - start) return undefined;
    for (let k = 0; k < token.length; k++) if (token.charCodeAt(k) !== text.charCodeAt(start + k)) return undefined;
    return this.masked[slot];
  }

  set(token: string, hash: number, masked: string): void {
    const slot = (hash ^ (hash >>> 16)) & SLOT_MASK;
    this.hashes[slot] = hash;
    this.tokens[slot] = token;
    this.masked[slot] = masked;
  }
}
