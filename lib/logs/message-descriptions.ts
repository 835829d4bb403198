import { ARENA_BLOCK_BITS, ARENA_OFFSET_MASK, type ByteInterner } from "./byte-interner";
import { grownInt32, grownUint8, type ArraySource } from "./epoch-pool";
import { MessageScan } from "./message-scan";

// Local copies: imported names cost a getter call each under tsx's CommonJS output.
const BLOCK_BITS = ARENA_BLOCK_BITS;
const OFFSET_MASK = ARENA_OFFSET_MASK;

/** What the features need of one message: its tokens (arena ranges and hashes), length and phrases. */
export interface MessageDescription {
  /**
   * Token `t` (`from <= t < to`) starts at arena position `base + starts[t]`, is
   * `ends[t] - starts[t]` bytes long and has hash `hashes[t]`.
   */
  base: number;
  starts: Int32Array;
  ends: Int32Array;
  hashes: Int32Array;
  /** First and last 4 bytes of each token, as MessageScan gives them. */
  heads: Int32Array;
  tails: Int32Array;
  from: number;
  to: number;
  utf16Length: number;
  phrases: number;
}

// Per message: 0 = never described, then:
const DESCRIBED_ONCE = 1;
const KEPT = 2;

/**
 * Tokens, lengths and phrases of the messages of one arena, worked out when a window asks, and
 * kept (token ranges into the arena) only for messages that more than one window asks about.
 */
export class MessageDescriptions {
  private readonly texts: ByteInterner;
  // Where the tables come from and go back to: an epoch's pool (epoch-pool.ts), or fresh arrays.
  private readonly arrays: ArraySource;
  private readonly scan = new MessageScan();
  private state: Uint8Array<ArrayBuffer>;
  private lengths: Int32Array<ArrayBuffer>;
  private flags: Int32Array<ArrayBuffer>;
  private keptFrom: Int32Array<ArrayBuffer>;
  private keptTo: Int32Array<ArrayBuffer>;
  private keptStarts: Int32Array<ArrayBuffer>;
  private keptEnds: Int32Array<ArrayBuffer>;
  private keptHashes: Int32Array<ArrayBuffer>;
  private keptHeads: Int32Array<ArrayBuffer>;
  private keptTails: Int32Array<ArrayBuffer>;
  private keptUsed = 0;
  private readonly description: MessageDescription;

  constructor(texts: ByteInterner, arrays: ArraySource) {
    this.texts = texts;
    this.arrays = arrays;
    this.state = arrays.uint8Array(0);
    this.lengths = arrays.int32Array(0);
    this.flags = arrays.int32Array(0);
    this.keptFrom = arrays.int32Array(0);
    this.keptTo = arrays.int32Array(0);
    this.keptStarts = arrays.int32Array(1024);
    this.keptEnds = arrays.int32Array(1024);
    this.keptHashes = arrays.int32Array(1024);
    this.keptHeads = arrays.int32Array(1024);
    this.keptTails = arrays.int32Array(1024);
    this.description = {
      base: 0,
      starts: this.keptStarts,
      ends: this.keptEnds,
      hashes: this.keptHashes,
      heads: this.keptHeads,
      tails: this.keptTails,
      from: 0,
      to: 0,
      utf16Length: 0,
      phrases: 0,
    };
  }

  /** Give every table back; the descriptions must not be used afterwards. */
  release(): void {
    const kept = [this.keptStarts, this.keptEnds, this.keptHashes, this.keptHeads, this.keptTails];
    this.arrays.give(this.state, this.lengths, this.flags, this.keptFrom, this.keptTo, ...kept);
  }

  /** Describe the message numbered `id` in `texts`; the result is overwritten by the next call. */
  describe(id: number): MessageDescription {
    if (this.state.length < this.texts.size) this.growTables();
    const d = this.description;
    const state = this.state[id];
    if (state === KEPT) {
      d.base = 0;
      d.starts = this.keptStarts;
      d.ends = this.keptEnds;
      d.hashes = this.keptHashes;
      d.heads = this.keptHeads;
      d.tails = this.keptTails;
      d.from = this.keptFrom[id]!;
      d.to = this.keptTo[id]!;
      d.utf16Length = this.lengths[id]!;
      d.phrases = this.flags[id]!;
      return d;
    }
    const scan = this.scan;
    const position = this.texts.keyPosition(id);
    const offset = position & OFFSET_MASK;
    const block = this.texts.blocks[position >>> BLOCK_BITS];
    if (block === undefined) throw new RangeError(`no message numbered ${id}`);
    scan.scan(block, offset, offset + this.texts.keyLength(id));
    this.lengths[id] = scan.utf16Length;
    this.flags[id] = scan.phrases;
    // Scanned positions are within the block; the block starts at arena position `base`.
    const base = position - offset;
    if (state === DESCRIBED_ONCE) {
      this.keep(id, scan, base);
      return this.describe(id);
    }
    this.state[id] = DESCRIBED_ONCE;
    d.base = base;
    d.starts = scan.tokenStarts;
    d.ends = scan.tokenEnds;
    d.hashes = scan.tokenHashes;
    d.heads = scan.tokenHeads;
    d.tails = scan.tokenTails;
    d.from = 0;
    d.to = scan.tokenCount;
    d.utf16Length = scan.utf16Length;
    d.phrases = scan.phrases;
    return d;
  }

  private keep(id: number, scan: MessageScan, base: number): void {
    const from = this.keptUsed;
    const to = from + scan.tokenCount;
    if (to > this.keptStarts.length) {
      this.keptStarts = grownInt32(this.arrays, this.keptStarts, to);
      this.keptEnds = grownInt32(this.arrays, this.keptEnds, to);
      this.keptHashes = grownInt32(this.arrays, this.keptHashes, to);
      this.keptHeads = grownInt32(this.arrays, this.keptHeads, to);
      this.keptTails = grownInt32(this.arrays, this.keptTails, to);
    }
    for (let t = 0; t < scan.tokenCount; t++) {
      this.keptStarts[from + t] = base + scan.tokenStarts[t]!;
      this.keptEnds[from + t] = base + scan.tokenEnds[t]!;
    }
    this.keptHashes.set(scan.tokenHashes.subarray(0, scan.tokenCount), from);
    this.keptHeads.set(scan.tokenHeads.subarray(0, scan.tokenCount), from);
    this.keptTails.set(scan.tokenTails.subarray(0, scan.tokenCount), from);
    this.keptUsed = to;
    this.keptFrom[id] = from;
    this.keptTo[id] = to;
    this.state[id] = KEPT;
  }

  // Grown to the next power of two (ArraySource): an exact fit was outgrown by the next new message.
  private growTables(): void {
    const size = this.texts.size;
    this.state = grownUint8(this.arrays, this.state, size);
    this.lengths = grownInt32(this.arrays, this.lengths, size);
    this.flags = grownInt32(this.arrays, this.flags, size);
    this.keptFrom = grownInt32(this.arrays, this.keptFrom, size);
    this.keptTo = grownInt32(this.arrays, this.keptTo, size);
  }
}
