import { createView, viewsEqual } from "./byte-view";
import { FRESH_ARRAYS, grownInt32, type ArraySource, type EpochPool } from "./epoch-pool";

// Keys at least this long are compared and copied 4 bytes at a time.
const WORD_BYTES = 16;
// Local copy: imported names cost a getter call each under tsx's CommonJS output.
const equalWords = viewsEqual;

/** Keys live in blocks of 4 MiB; a key's position is `block << ARENA_BLOCK_BITS | offset`. */
export const ARENA_BLOCK_BITS = 22;
export const ARENA_OFFSET_MASK = (1 << ARENA_BLOCK_BITS) - 1;
const BLOCK_SIZE = 1 << ARENA_BLOCK_BITS;
// Positions are int32: 511 blocks (2 GiB of distinct text) is the most they can name.
const MAX_BLOCKS = 511;

/**
 * Maps distinct byte strings to dense ids. Lookups take a range of a larger buffer (the chunk a
 * line sits in) so a repeated value costs a probe and a compare, never an allocation. First
 * occurrences are copied into fixed-size blocks: a single growing array was copied over and over
 * on logs whose text is mostly distinct, and nothing here keeps a chunk alive.
 */
export class ByteInterner {
  // Full-size blocks and tables to take before allocating (shared by the epochs of a bounded extraction).
  private readonly pool: EpochPool | null;
  private readonly arrays: ArraySource;
  // Interleaved [hash, id + 1] pairs: one cache line per probe on tables far larger than the cache.
  private table: Int32Array<ArrayBuffer>;
  private mask = 255;
  private readonly blockList: Uint8Array<ArrayBuffer>[] = [];
  private readonly blockViews: DataView[] = [];
  private block = new Uint8Array(0);
  private blockView = createView(this.block);
  private blockUsed = 0;
  // View of the buffer looked up last: lines of one chunk come in a row.
  private source: Uint8Array = this.block;
  private sourceView = this.blockView;
  private positions: Int32Array<ArrayBuffer>;
  private lengths: Int32Array<ArrayBuffer>;
  private count = 0;
  // The free slot where the last failed `find` stopped, valid while nothing was added since.
  private missSlot = -1;
  private missHash = 0;
  private missCount = -1;

  /**
   * `pool`: full-size blocks and tables that `release` gave back, to take before allocating new
   * ones. A bounded extraction starts a fresh interner every epoch; without the pool, each epoch's
   * 4 MiB blocks waited for a full garbage collection (V8 frees a typed array's memory only then),
   * and tens of megabytes of dead blocks sat in the process's RSS (tables: epoch-pool.ts).
   */
  constructor(pool: EpochPool | null = null) {
    this.pool = pool;
    this.arrays = pool ?? FRESH_ARRAYS;
    this.table = this.arrays.int32Array(512);
    this.positions = this.arrays.int32Array(128);
    this.lengths = this.arrays.int32Array(128);
  }

  get size(): number {
    return this.count;
  }

  /** Give the full-size blocks and the tables to the pool; the interner must not be used afterwards. */
  release(): void {
    if (this.pool === null) return;
    for (const block of this.blockList) {
      if (block.length === BLOCK_SIZE) this.pool.blocks.push(block);
      else this.pool.give(block);
    }
    this.blockList.length = 0;
    this.blockViews.length = 0;
    this.pool.give(this.table, this.positions, this.lengths);
  }

  /** The blocks holding the keys; a position `p` is `blocks[p >>> ARENA_BLOCK_BITS]` at `p & ARENA_OFFSET_MASK`. */
  get blocks(): readonly Uint8Array[] {
    return this.blockList;
  }

  /** A view of each block in `blocks`, for reading 4 bytes at a time. */
  get views(): readonly DataView[] {
    return this.blockViews;
  }

  keyPosition(id: number): number {
    return this.positions[id]!;
  }

  keyLength(id: number): number {
    return this.lengths[id]!;
  }

  /** Id of `bytes[start, end)` (whose hash the caller computed), or -1 if unseen. */
  find(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const table = this.table;
    const mask = this.mask;
    let i = hash & mask;
    for (;;) {
      const slot = table[2 * i + 1]!;
      if (slot === 0) {
        this.missSlot = i;
        this.missHash = hash;
        this.missCount = this.count;
        return -1;
      }
      if (table[2 * i] === hash && this.keyEquals(slot - 1, bytes, start, end)) return slot - 1;
      i = (i + 1) & mask;
    }
  }

  /** Add `bytes[start, end)` right after `find` said it is unseen, reusing the free slot it found. */
  addAfterMiss(bytes: Uint8Array, start: number, end: number, hash: number): number {
    if (hash === this.missHash && this.count === this.missCount && this.missSlot >= 0) {
      return this.insert(bytes, start, end, hash, this.missSlot);
    }
    return this.intern(bytes, start, end, hash);
  }

  /** Id of `bytes[start, end)`, added if unseen. */
  intern(bytes: Uint8Array, start: number, end: number, hash: number): number {
    const table = this.table;
    const mask = this.mask;
    let i = hash & mask;
    for (;;) {
      const slot = table[2 * i + 1]!;
      if (slot === 0) break;
      if (table[2 * i] === hash && this.keyEquals(slot - 1, bytes, start, end)) return slot - 1;
      i = (i + 1) & mask;
    }
    return this.insert(bytes, start, end, hash, i);
  }

  /**
   * Make room for a key of `length` bytes at the end of the current block and return its offset
   * there: a caller can copy a candidate key in while hashing it (one pass), then `find` it in
   * `stagingBlock` and, if new, `addStaged` it without copying again.
   */
  stage(length: number): number {
    this.makeRoom(length);
    return this.blockUsed;
  }

  /** The block that `stage` made room in, and a view of it. */
  get stagingBlock(): Uint8Array {
    return this.block;
  }

  get stagingView(): DataView {
    return this.blockView;
  }

  /** Keep the staged key of `length` bytes; only right after `find` said it is unseen. */
  addStaged(length: number, hash: number): number {
    if (hash !== this.missHash || this.count !== this.missCount || this.missSlot < 0) {
      throw new Error("addStaged must follow a find that missed");
    }
    const id = this.count++;
    const at = this.blockUsed;
    this.blockUsed = at + length;
    this.record(id, at, length, hash, this.missSlot);
    return id;
  }

  private viewFor(bytes: Uint8Array): DataView {
    if (bytes !== this.source) {
      this.source = bytes;
      this.sourceView = createView(bytes);
    }
    return this.sourceView;
  }

  private keyEquals(id: number, bytes: Uint8Array, start: number, end: number): boolean {
    const length = end - start;
    if (this.lengths[id] !== length) return false;
    const position = this.positions[id]!;
    const at = position & ARENA_OFFSET_MASK;
    const blockIndex = position >>> ARENA_BLOCK_BITS;
    if (length >= WORD_BYTES) {
      return equalWords(this.blockViews[blockIndex]!, at, this.viewFor(bytes), start, length);
    }
    const key = this.blockList[blockIndex]!;
    for (let k = 0; k < length; k++) if (key[at + k] !== bytes[start + k]) return false;
    return true;
  }

  private insert(bytes: Uint8Array, start: number, end: number, hash: number, slot: number): number {
    const id = this.count++;
    const length = end - start;
    this.makeRoom(length);
    const at = this.blockUsed;
    if (length >= WORD_BYTES) {
      const view = this.viewFor(bytes);
      const target = this.blockView;
      let k = 0;
      for (; k + 4 <= length; k += 4) target.setInt32(at + k, view.getInt32(start + k));
      for (; k < length; k++) target.setUint8(at + k, view.getUint8(start + k));
    } else {
      const block = this.block;
      for (let k = 0; k < length; k++) block[at + k] = bytes[start + k]!;
    }
    this.blockUsed = at + length;
    this.record(id, at, length, hash, slot);
    return id;
  }

  private record(id: number, at: number, length: number, hash: number, slot: number): void {
    if (id >= this.positions.length) {
      this.positions = grownInt32(this.arrays, this.positions, 2 * this.positions.length);
      this.lengths = grownInt32(this.arrays, this.lengths, 2 * this.lengths.length);
    }
    this.positions[id] = ((this.blockList.length - 1) << ARENA_BLOCK_BITS) | at;
    this.lengths[id] = length;
    this.table[2 * slot] = hash;
    this.table[2 * slot + 1] = id + 1;
    if (this.count * 2 > this.mask + 1) this.growTable();
  }

  private makeRoom(length: number): void {
    if (this.blockList.length > 0 && this.blockUsed + length <= this.block.length) return;
    if (length > BLOCK_SIZE) throw new RangeError(`a log line longer than ${BLOCK_SIZE} bytes`);
    if (this.blockList.length >= MAX_BLOCKS) throw new RangeError("more than 2 GiB of distinct log text");
    // Small first blocks keep tiny extractions small.
    const size = Math.min(BLOCK_SIZE, Math.max(4096, this.block.length * 4, length));
    // A pooled full-size block first: an epoch after the first starts big, as the one before ended.
    // The small first blocks (4 KiB, 16 KiB, ...) come from the pool too: each epoch made them anew.
    this.block = this.pool?.blocks.pop() ?? this.arrays.uint8Array(size);
    this.blockView = createView(this.block);
    this.blockList.push(this.block);
    this.blockViews.push(this.blockView);
    this.blockUsed = 0;
  }

  private growTable(): void {
    const old = this.table;
    const capacity = (this.mask + 1) * 2;
    const table = this.arrays.int32Array(2 * capacity);
    const mask = capacity - 1;
    for (let j = 0; j < old.length; j += 2) {
      const slot = old[j + 1]!;
      if (slot === 0) continue;
      const hash = old[j]!;
      let i = hash & mask;
      while (table[2 * i + 1] !== 0) i = (i + 1) & mask;
      table[2 * i] = hash;
      table[2 * i + 1] = slot;
    }
    this.table = table;
    this.mask = mask;
    this.arrays.give(old);
  }
}
