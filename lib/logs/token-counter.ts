import { ARENA_BLOCK_BITS, ARENA_OFFSET_MASK } from "./byte-interner";
import { viewsEqual } from "./byte-view";

// Local copies: imported names cost a getter call each under tsx's CommonJS output.
const BITS = ARENA_BLOCK_BITS;
const MASK = ARENA_OFFSET_MASK;
const SLOT = 6;
const equalWords = viewsEqual;
const SMALL_COUNTS = 64;

/**
 * Token counts of one window at a time. A token is named by where its bytes sit in the message
 * arena (every token is a piece of some stored message), so counting needs no global token table,
 * which grew past the CPU cache on logs full of IPs and ports. One counter is reused for all
 * windows: `clear` costs the distinct tokens counted, not the table size.
 */
export class TokenCounter {
  // Interleaved [hash, arena position, length, count, head, tail] per slot; count 0 marks an empty
  // slot. Head and tail (first and last 4 bytes) settle equality of tokens up to 8 bytes long.
  private table: Int32Array<ArrayBuffer>;
  // Slots in use, in insertion order, so clearing and listing skip the empty ones.
  private used: Int32Array<ArrayBuffer>;
  private mask: number;
  private distinct = 0;
  // Scratch for sumCountLogCount: how many tokens have each count below SMALL_COUNTS (all zero
  // between calls), and the larger counts, sorted.
  private readonly smallCounts = new Int32Array(SMALL_COUNTS);
  private sorted = new Int32Array(0);

  /** `expected`: distinct tokens likely to come, to skip rehashing on the way. */
  constructor(expected = 4) {
    let capacity = 8;
    while (capacity * 3 < expected * 4) capacity *= 2;
    this.table = new Int32Array(SLOT * capacity);
    this.used = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.distinct;
  }

  /**
   * Count `times` occurrences of the token of `length` bytes at arena `position`, with this hash
   * and head and tail words (MessageScan's).
   */
  add(
    views: readonly DataView[], position: number, length: number, hash: number, head: number, tail: number, times: number,
  ): void {
    const table = this.table;
    const mask = this.mask;
    let i = hash & mask;
    for (;;) {
      const at = SLOT * i;
      const count = table[at + 3]!;
      if (count === 0) break;
      if (table[at] === hash && table[at + 2] === length && table[at + 4] === head && table[at + 5] === tail) {
        const other = table[at + 1]!;
        // Up to 8 bytes, head and tail are the whole token; the same message repeated points at
        // the very same bytes; only longer tokens from different places need a byte compare.
        if (length <= 8 || other === position || restEqual(views, other, position, length)) {
          table[at + 3] = count + times;
          return;
        }
      }
      i = (i + 1) & mask;
    }
    const at = SLOT * i;
    table[at] = hash;
    table[at + 1] = position;
    table[at + 2] = length;
    table[at + 3] = times;
    table[at + 4] = head;
    table[at + 5] = tail;
    this.used[this.distinct++] = i;
    if (this.distinct * 4 > (mask + 1) * 3) this.grow();
  }

  /** The count of each distinct token, in no particular order. */
  countsList(): number[] {
    const out = new Array<number>(this.distinct);
    for (let k = 0; k < this.distinct; k++) out[k] = this.table[SLOT * this.used[k]! + 3]!;
    return out;
  }

  /**
   * Sum of `count * log2(count)` over the distinct tokens (those seen once add nothing), taken over
   * the counts in ascending order. Float addition is not associative, so a sum in table order would
   * depend on where tokens landed, i.e. on the order messages were listed, i.e. on message ids; the
   * sorted counts depend only on the window's content, so any numbering of messages (one epoch or
   * many, first pass or second) gives the same bits. Equal counts add equal terms, so ties need no key.
   * Counts below SMALL_COUNTS are ordered by tallying how many tokens have each (most counts are
   * small), and each term is worked out once per distinct count: sorting every window's counts and a
   * log2 per token were 3% of the seed parse.
   */
  sumCountLogCount(): number {
    const small = this.smallCounts;
    let large = 0;
    let sorted = this.sorted;
    if (sorted.length < this.distinct) sorted = this.sorted = new Int32Array(this.used.length);
    for (let k = 0; k < this.distinct; k++) {
      const count = this.table[SLOT * this.used[k]! + 3]!;
      if (count < SMALL_COUNTS) small[count]!++;
      else sorted[large++] = count;
    }
    let sum = 0;
    for (let count = 2; count < SMALL_COUNTS; count++) {
      const times = small[count]!;
      if (times === 0) continue;
      small[count] = 0;
      const term = count * Math.log2(count);
      for (let k = 0; k < times; k++) sum += term;
    }
    small[0] = small[1] = 0;
    if (large === 0) return sum;
    const counts = sorted.subarray(0, large).sort();
    for (let k = 0; k < large; k++) {
      const count = counts[k]!;
      sum += count * Math.log2(count);
    }
    return sum;
  }

  /** Forget all counts, keeping the table for the next window. */
  clear(): void {
    for (let k = 0; k < this.distinct; k++) this.table[SLOT * this.used[k]! + 3] = 0;
    this.distinct = 0;
  }

  private grow(): void {
    const old = this.table;
    const oldUsed = this.used;
    const capacity = (this.mask + 1) * 2;
    const table = new Int32Array(SLOT * capacity);
    const used = new Int32Array(capacity);
    const mask = capacity - 1;
    for (let k = 0; k < this.distinct; k++) {
      const from = SLOT * oldUsed[k]!;
      let i = old[from]! & mask;
      while (table[SLOT * i + 3] !== 0) i = (i + 1) & mask;
      table.set(old.subarray(from, from + SLOT), SLOT * i);
      used[k] = i;
    }
    this.table = table;
    this.used = used;
    this.mask = mask;
  }
}

/**
 * Whether the tokens of `length` (> 8) bytes at arena positions `a` and `b`, whose first 4 bytes are
 * known to be equal, are equal: the rest compared a word at a time (byte by byte this compare was the
 * most sampled line of the seed parse: log lines repeat long tokens from message to message).
 */
function restEqual(views: readonly DataView[], a: number, b: number, length: number): boolean {
  const viewA = views[a >>> BITS];
  const viewB = views[b >>> BITS];
  if (viewA === undefined || viewB === undefined) return false;
  return equalWords(viewA, (a & MASK) + 4, viewB, (b & MASK) + 4, length - 4);
}
