import { ARENA_BLOCK_BITS, ARENA_OFFSET_MASK, ByteInterner, HASH_SEED, finishHash, hashStep } from "./byte-interner";
import { MessageScan } from "./message-scan";

// Local copies: imported names cost a getter call each under tsx's CommonJS output.
const SEED = HASH_SEED;
const step = hashStep;
const finish = finishHash;
const BLOCK_BITS = ARENA_BLOCK_BITS;
const OFFSET_MASK = ARENA_OFFSET_MASK;

function grownInt32(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, Math.ceil(a.length * 1.5)));
  b.set(a);
  return b;
}

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
 * Every distinct message of an extraction, stored once as UTF-8. Windows count message ids only;
 * tokens, lengths and phrases are worked out per distinct message when the windows are finished,
 * and kept (token ranges into the arena) only for messages that more than one window asks about.
 */
export class MessageVocabulary {
  readonly texts = new ByteInterner();
  private readonly scan = new MessageScan();
  private readonly decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  private state = new Uint8Array(0);
  private lengths = new Int32Array(0);
  private flags = new Int32Array(0);
  private keptFrom = new Int32Array(0);
  private keptTo = new Int32Array(0);
  private keptStarts = new Int32Array(1024);
  private keptEnds = new Int32Array(1024);
  private keptHashes = new Int32Array(1024);
  private keptHeads = new Int32Array(1024);
  private keptTails = new Int32Array(1024);
  private keptUsed = 0;
  private readonly description: MessageDescription = {
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

  /** The arena blocks that token positions point into. */
  get blocks(): readonly Uint8Array[] {
    return this.texts.blocks;
  }

  get size(): number {
    return this.texts.size;
  }

  /**
   * Id of the message at `view[start, end)` (valid UTF-8), added when new. One pass copies the bytes
   * into the arena provisionally while hashing them; a message seen before is not copied for good.
   */
  intern(view: DataView, start: number, end: number): number {
    const texts = this.texts;
    const length = end - start;
    const at = texts.stage(length);
    const target = texts.stagingView;
    let h = SEED;
    let k = 0;
    for (; k + 4 <= length; k += 4) {
      const w = view.getInt32(start + k, true);
      target.setInt32(at + k, w, true);
      h = step(h, w);
    }
    for (; k < length; k++) {
      const b = view.getUint8(start + k);
      target.setUint8(at + k, b);
      h = step(h, b);
    }
    const hash = finish(step(h, length));
    const id = texts.find(texts.stagingBlock, at, at + length, hash);
    return id >= 0 ? id : texts.addStaged(length, hash);
  }

  /** The text of message `id` (its UTF-8 decoded; a leading BOM is kept, as it was part of the message). */
  text(id: number): string {
    if (!(id >= 0 && id < this.size)) throw new RangeError(`no message with id ${id}`);
    const position = this.texts.keyPosition(id);
    const offset = position & OFFSET_MASK;
    const block = this.texts.blocks[position >>> BLOCK_BITS];
    if (block === undefined) throw new RangeError(`no message with id ${id}`);
    return this.decoder.decode(block.subarray(offset, offset + this.texts.keyLength(id)));
  }

  /** Describe message `id`; the result is overwritten by the next call. */
  describe(id: number): MessageDescription {
    if (this.state.length < this.size) this.growTables();
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
    if (block === undefined) throw new RangeError(`no message with id ${id}`);
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
    this.keptStarts = grownInt32(this.keptStarts, to);
    this.keptEnds = grownInt32(this.keptEnds, to);
    this.keptHashes = grownInt32(this.keptHashes, to);
    this.keptHeads = grownInt32(this.keptHeads, to);
    this.keptTails = grownInt32(this.keptTails, to);
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

  private growTables(): void {
    const size = this.size;
    const state = new Uint8Array(size);
    state.set(this.state);
    this.state = state;
    this.lengths = grownInt32(this.lengths, size);
    this.flags = grownInt32(this.flags, size);
    this.keptFrom = grownInt32(this.keptFrom, size);
    this.keptTo = grownInt32(this.keptTo, size);
  }
}
