import { UserInputError } from "@/lib/domain/user-input-error";
import { EpochPool, FRESH_ARRAYS, grownInt32, grownUint8, type ArraySource } from "./epoch-pool";
import { ARENA_BLOCK_BITS, ARENA_OFFSET_MASK, ByteInterner } from "./byte-interner";
import { HASH_SEED, finishHash, hashStep } from "./byte-hash";
import { hasErrorKeyword } from "./error-keywords";
import { MessageDescriptions, type MessageDescription } from "./message-descriptions";
import { FingerprintIds, fingerprintLow } from "./message-fingerprints";
import { MAX_COUNTED_ID } from "./window-counts";

export type { MessageDescription } from "./message-descriptions";

// Local copies: imported names cost a getter call each under tsx's CommonJS output.
const SEED = HASH_SEED;
const step = hashStep;
const finish = finishHash;
const BLOCK_BITS = ARENA_BLOCK_BITS;
const OFFSET_MASK = ARENA_OFFSET_MASK;

/** The bytes of key `id` of an interner, as a view into its arena. */
export function internedBytes(texts: ByteInterner, id: number): Uint8Array {
  const position = texts.keyPosition(id);
  const offset = position & OFFSET_MASK;
  const block = texts.blocks[position >>> BLOCK_BITS];
  if (block === undefined) throw new RangeError(`no key ${id}`);
  return block.subarray(offset, offset + texts.keyLength(id));
}

/**
 * Distinct messages of an extraction, stored once as UTF-8. Windows count message ids only;
 * tokens, lengths and phrases are worked out per distinct message when the windows are finished
 * (message-descriptions.ts).
 *
 * Plain (`MessageVocabulary.plain()`), it holds every message of the extraction and ids are its own.
 * Bounded (`MessageVocabulary.bounded()`), it is one epoch of a longer extraction: `keeping` starts
 * the next epoch with only the messages still needed (those of running windows), under the ids
 * they had. A message forgotten and seen again is then either given the id it had before, via a
 * table of fingerprints of every message of the extraction (message-fingerprints.ts), which the
 * template miner needs (it must mine each distinct message once), or, without that table, a new id:
 * no running window holds the old one (its messages were all kept), so every window still counts
 * each message under one id, and no feature depends on which id (entropy_tokens sums in an order
 * set by the window's own token counts, TokenCounter.sumCountLogCount). Memory then no longer grows
 * with the number of distinct messages in the log.
 */
export class MessageVocabulary {
  readonly texts: ByteInterner;
  // Bounded only: ids of the whole extraction by fingerprint (global ids), or else a count of the
  // ids handed out so far, shared by the epochs; and this epoch's texts by id.
  private readonly ids: FingerprintIds | null;
  private readonly issued: { count: number } | null;
  private localToGlobal: Int32Array<ArrayBuffer>;
  // Global -> local: ids new in this epoch (nearly all) by array, older ones (messages of running
  // windows, or seen again) by map; a Map for every message cost ~10% of the parse.
  private readonly firstNew: number;
  private newLocal: Int32Array<ArrayBuffer>;
  private readonly oldLocal = new Map<number, number>();
  private stagedHash = 0;
  private stagedAt = 0;
  private readonly decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  private readonly descriptions: MessageDescriptions;
  // Per message of this epoch: 0 not asked yet, 1 no error word, 2 an error word (errorWord).
  private errorWords: Uint8Array<ArrayBuffer>;
  // Bounded only: arena blocks and tables passed from epoch to epoch (epoch-pool.ts).
  private readonly pool: EpochPool | null;
  private readonly arrays: ArraySource;
  private constructor(ids: FingerprintIds | null, issued: { count: number } | null, pool: EpochPool | null) {
    this.ids = ids;
    this.issued = issued;
    this.pool = pool;
    this.arrays = pool ?? FRESH_ARRAYS;
    this.localToGlobal = this.arrays.int32Array(0);
    this.newLocal = this.arrays.int32Array(0, -1);
    this.errorWords = this.arrays.uint8Array(0);
    this.texts = new ByteInterner(pool);
    this.descriptions = new MessageDescriptions(this.texts, this.arrays);
    this.firstNew = ids?.size ?? issued?.count ?? 0;
  }

  /** Every message of an extraction, ids its own. */
  static plain(): MessageVocabulary {
    return new MessageVocabulary(null, null, null);
  }

  /**
   * The first epoch of a bounded extraction. `globalIds`: a message keeps its first id for the whole
   * extraction (the template miner's need); without, only while some running window holds it.
   */
  static bounded(globalIds = true, generation?: number): MessageVocabulary {
    return globalIds ? new MessageVocabulary(new FingerprintIds(generation), null, new EpochPool()) : new MessageVocabulary(null, { count: 0 }, new EpochPool());
  }

  /** The next epoch: the same ids, and the texts of `ids` only (each must be held by this epoch). */
  keeping(ids: Iterable<number>): MessageVocabulary {
    if (this.ids === null && this.issued === null) throw new Error("keeping needs a bounded vocabulary");
    const next = new MessageVocabulary(this.ids, this.issued, this.pool);
    for (const id of ids) {
      if (next.oldLocal.has(id)) continue;
      const local = this.local(id);
      const position = this.texts.keyPosition(local);
      const offset = position & OFFSET_MASK;
      const block = this.texts.blocks[position >>> BLOCK_BITS]!;
      const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
      const length = this.texts.keyLength(local);
      if (next.stageAndFind(view, offset, offset + length) >= 0) throw new Error("one text under two ids");
      next.remember(next.texts.addStaged(length, next.stagedHash), id);
    }
    // This epoch is over: its blocks and tables are the next epoch's.
    this.texts.release();
    this.descriptions.release();
    this.arrays.give(this.localToGlobal, this.newLocal, this.errorWords);
    return next;
  }

  /**
   * The id that new message `id` is an alias of (a message seen again after its id was retired,
   * message-fingerprints.ts), then forgotten; -1 for a message of its own. The template assigner
   * asks once per id, in id order.
   */
  takeAlias(id: number): number {
    return this.ids === null ? -1 : this.ids.takeAlias(id);
  }

  /** No message id below this is given again (everything kept per id below it can go). */
  get oldestId(): number {
    return this.ids?.oldestId ?? 0;
  }

  /** Messages whose text this epoch holds (all of them, when plain). */
  get held(): number {
    return this.texts.size;
  }

  /** The arena blocks that token positions point into. */
  get blocks(): readonly Uint8Array[] {
    return this.texts.blocks;
  }

  /** Views of those blocks, for reading 4 bytes at a time. */
  get views(): readonly DataView[] {
    return this.texts.views;
  }

  /** Distinct messages so far: ids are 0 to size - 1. */
  get size(): number {
    return this.ids?.size ?? this.issued?.count ?? this.texts.size;
  }

  /**
   * Id of the message at `view[start, end)` (valid UTF-8), added when new. One pass copies the bytes
   * into the arena provisionally while hashing them; a message seen before is not copied for good.
   */
  intern(view: DataView, start: number, end: number): number {
    const texts = this.texts;
    const found = this.stageAndFind(view, start, end);
    const length = end - start;
    const ids = this.ids;
    const issued = this.issued;
    if (ids === null && issued === null) return found >= 0 ? found : texts.addStaged(length, this.stagedHash);
    if (found >= 0) return this.localToGlobal[found]!;
    let id: number;
    // The hash just computed is the fingerprint's high half (message-fingerprints.ts).
    if (ids !== null) id = ids.idOf(this.stagedHash, fingerprintLow(texts.stagingBlock, this.stagedAt, this.stagedAt + length));
    else id = issued === null ? -1 : issued.count++;
    // Past it the window counts' packed keys would overflow and miscount: refuse the log instead.
    if (id > MAX_COUNTED_ID) {
      throw new UserInputError(`This log has more messages than one run can count (${MAX_COUNTED_ID.toLocaleString("en-US")} distinct or recurring ones): split it into parts and run them one by one.`);
    }
    this.remember(texts.addStaged(length, this.stagedHash), id);
    return id;
  }

  private remember(local: number, id: number): void {
    if (local >= this.localToGlobal.length) this.localToGlobal = grownInt32(this.arrays, this.localToGlobal, Math.max(1024, local * 2));
    this.localToGlobal[local] = id;
    const at = id - this.firstNew;
    if (at < 0) {
      this.oldLocal.set(id, local);
      return;
    }
    if (at >= this.newLocal.length) this.newLocal = grownInt32(this.arrays, this.newLocal, Math.max(1024, at * 2), -1);
    this.newLocal[at] = local;
  }

  /** This epoch's number of message `id`. */
  private local(id: number): number {
    if (this.ids === null && this.issued === null) return id;
    const at = id - this.firstNew;
    const local = at >= 0 ? this.newLocal[at] : this.oldLocal.get(id);
    if (local === undefined || local < 0) throw new RangeError(`message ${id} is not held by this epoch`);
    return local;
  }

  /**
   * Copies `view[start, end)` to the staging area while hashing it and answers its number in this
   * epoch, or -1 (then `addStaged(length, stagedHash)` keeps it).
   */
  private stageAndFind(view: DataView, start: number, end: number): number {
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
    this.stagedHash = hash;
    this.stagedAt = at;
    return texts.find(texts.stagingBlock, at, at + length, hash);
  }

  /** The text of message `id` (its UTF-8 decoded; a leading BOM is kept, as it was part of the message). */
  text(id: number): string {
    if (!(id >= 0 && id < this.size)) throw new RangeError(`no message with id ${id}`);
    const local = this.local(id);
    const position = this.texts.keyPosition(local);
    const offset = position & OFFSET_MASK;
    const block = this.texts.blocks[position >>> BLOCK_BITS];
    if (block === undefined) throw new RangeError(`no message with id ${id}`);
    return this.decoder.decode(block.subarray(offset, offset + this.texts.keyLength(local)));
  }

  /** The UTF-8 bytes of message `id` (a view into the arena: copy it to keep it past this epoch). */
  bytesOf(id: number): Uint8Array {
    return internedBytes(this.texts, this.local(id));
  }

  /**
   * Whether message `id` holds an error word (error-keywords.ts), worked out once per message of
   * the epoch: per record it is a lookup (host alert lines count it per line).
   */
  errorWord(id: number): boolean {
    const local = this.local(id);
    if (local >= this.errorWords.length) this.errorWords = grownUint8(this.arrays, this.errorWords, Math.max(1024, 2 * local + 2));
    let known = this.errorWords[local]!;
    if (known === 0) this.errorWords[local] = known = hasErrorKeyword(this.text(id)) ? 2 : 1;
    return known === 2;
  }

  /** Describe message `id`; the result is overwritten by the next call. */
  describe(id: number): MessageDescription {
    // By this epoch's number: the arena positions a description holds are this epoch's.
    return this.descriptions.describe(this.local(id));
  }
}
