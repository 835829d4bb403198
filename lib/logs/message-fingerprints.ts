/**
 * 64-bit fingerprints of message bytes, and ids by fingerprint (message-vocabulary.ts).
 *
 * Why fingerprints: with bounded memory the extractor forgets the text of messages whose windows
 * are finished, yet with extended features a message seen again should get the id it had, because
 * Drain mines each distinct message once, in order of first sight, and templates are kept by
 * message id. (The seed features do not need this: no feature depends on message ids, so a seed
 * extraction keeps no fingerprints; see MessageVocabulary.bounded.) Only the last one or two
 * generations of distinct messages are remembered (FingerprintIds below), so memory does not grow
 * with the log; a message not seen for a whole generation is mined again.
 *
 * Two different messages with one fingerprint would share an id: one window holding both would
 * count one unique message too few, and the second would not be mined. The fingerprint is two
 * 32-bit hashes of different construction (FNV-1a with a murmur3 finish, and a murmur3-style word
 * mix with another seed), each over the bytes and the length. For n distinct messages remembered
 * at once the chance of any collision is about n² / 2^65: 1 in 10^7 for two generations of 2^20.
 * Only messages new to the current epoch are looked up by fingerprint: within an epoch (the last
 * ~100k distinct messages) identity is decided on the bytes. Near-duplicates (one digit or byte
 * apart, the usual variation between log lines) are tested not to collide in
 * test/logs/message-fingerprints.test.ts.
 */

const FNV_SEED = 0x811c9dc5 | 0;
const MIX_SEED = 0x3c6ef372 | 0;

function fmix(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/**
 * The fingerprint of `bytes[start, end)` into `out`: high 32 bits at 0, low ones at 1. The high
 * half is the hash MessageVocabulary interns by (FNV-1a over little-endian words, then the length,
 * then fmix), so the vocabulary, which has it already, computes only `fingerprintLow`.
 */
export function fingerprint(bytes: Uint8Array, start: number, end: number, out: Int32Array): void {
  let a = FNV_SEED;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const w = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    a = Math.imul(a ^ w, 0x01000193);
  }
  for (; i < end; i++) a = Math.imul(a ^ bytes[i]!, 0x01000193);
  out[0] = fmix(Math.imul(a ^ (end - start), 0x01000193));
  out[1] = fingerprintLow(bytes, start, end);
}

/** The low half of `fingerprint`. */
export function fingerprintLow(bytes: Uint8Array, start: number, end: number): number {
  let b = MIX_SEED;
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const w = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    let k = Math.imul(w, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    b ^= Math.imul(k, 0x1b873593);
    b = ((b << 13) | (b >>> 19)) * 5 + 0xe6546b64;
    b |= 0;
  }
  for (; i < end; i++) {
    b = Math.imul(b ^ bytes[i]!, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return fmix(b ^ Math.imul(end - start, 0x27d4eb2f));
}

/**
 * How many distinct messages one generation of FingerprintIds holds (two are kept): about 20 MB
 * each. Below this many distinct messages a log never turns a generation over, and ids are exactly
 * one per distinct message (the 1M-line bench log has 890k).
 */
export const DEFAULT_FINGERPRINT_GENERATION = 1 << 20;

/**
 * One generation: fingerprint -> id, up to `capacity` entries, open addressing; grows as it fills.
 * A slot holds its entry's number + 1 in the low bits and the top bits of the fingerprint's high
 * half above them (a tag), so a probe past another fingerprint's slot reads no entry unless the
 * tags agree. Most lookups miss (a message new to the log), and a miss walked the probe run
 * reading each entry it passed, at random in memory: `find` was 2.8 s of the extended parse's main
 * thread at 5M lines (`node --cpu-prof`). The table is the same size.
 */
class FingerprintTable {
  private table = new Int32Array(4096);
  private mask = 4095;
  // [high, low, id] per entry, in the order they came.
  private entries = new Int32Array(3 * 1024);
  count = 0;
  /** Where `find` stopped: the empty slot a missed fingerprint goes to. */
  private slot = 0;
  /** The first id this generation was given (all its ids are at least this). */
  readonly firstId: number;
  // Slot bits for the entry number + 1 (up to capacity), and the tag bits above them (none when
  // the capacity needs them all: every probe then reads its entry).
  private readonly numberMask: number;
  private readonly tagMask: number;

  constructor(firstId: number, capacity: number) {
    this.firstId = firstId;
    const bits = 32 - Math.clz32(capacity);
    this.numberMask = bits >= 31 ? 0x7fffffff : (1 << bits) - 1;
    this.tagMask = bits >= 31 ? 0 : ~this.numberMask;
  }

  /** The id stored for (high, low), or -1 (then `add` stores one). */
  find(high: number, low: number): number {
    const { table, mask, entries, tagMask } = this;
    const tag = high & tagMask;
    for (let i = (high ^ (high >>> 15)) & mask; ; i = (i + 1) & mask) {
      const slot = table[i]!;
      if (slot === 0) {
        this.slot = i;
        return -1;
      }
      if ((slot & tagMask) !== tag) continue;
      const at = 3 * ((slot & this.numberMask) - 1);
      if (entries[at] === high && entries[at + 1] === low) return entries[at + 2]!;
    }
  }

  /** Stores `id` for the fingerprint `find` has just missed. */
  add(high: number, low: number, id: number): void {
    const at = 3 * this.count;
    if (at === this.entries.length) {
      const grown = new Int32Array(2 * this.entries.length);
      grown.set(this.entries);
      this.entries = grown;
    }
    this.entries[at] = high;
    this.entries[at + 1] = low;
    this.entries[at + 2] = id;
    this.table[this.slot] = (high & this.tagMask) | ++this.count;
    if (this.count * 4 > (this.mask + 1) * 3) this.grow();
  }

  private grow(): void {
    const capacity = (this.mask + 1) * 2;
    const table = new Int32Array(capacity);
    const mask = capacity - 1;
    // By entry, not by old slot: the fingerprints are then read in order, not at random.
    for (let e = 0; e < this.count; e++) {
      const high = this.entries[3 * e]!;
      let i = (high ^ (high >>> 15)) & mask;
      while (table[i] !== 0) i = (i + 1) & mask;
      table[i] = (high & this.tagMask) | (e + 1);
    }
    this.table = table;
    this.mask = mask;
  }
}

/**
 * Ids for message fingerprints, in bounded memory: the last one or two generations of distinct
 * fingerprints, each at most `generation` entries (issue #14: memory that does not grow with the log).
 * - A fingerprint of the newer generation gets its id again: the same message, mined once.
 * - One found only in the older generation gets a new id that is an alias of its old one
 *   (`takeAlias`): its template is copied, not mined again, and it joins the newer generation.
 * - One in neither (unseen, or not seen for a whole generation) gets a new id, and is mined again.
 *   Mining a message the miner took before puts it in the template that took it then, since that
 *   template was generalised to cover it; only the template's line count grows.
 * When the newer generation is full it becomes the older one, and the older is dropped. Ids below
 * `oldestId` are then never given again, so what is kept per id can be forgotten below it.
 */
export class FingerprintIds {
  private readonly generation: number;
  private young: FingerprintTable;
  private old: FingerprintTable | null = null;
  private count = 0;
  // New id -> the id it is an alias of, until takeAlias.
  private readonly aliases = new Map<number, number>();

  constructor(generation = DEFAULT_FINGERPRINT_GENERATION) {
    this.generation = Math.max(1, Math.floor(generation));
    this.young = new FingerprintTable(0, this.generation);
  }

  /** Ids given so far (0 to size - 1). */
  get size(): number {
    return this.count;
  }

  /** No id below this is given again or aliased. */
  get oldestId(): number {
    return (this.old ?? this.young).firstId;
  }

  /** The id of the fingerprint (high, low): its id when seen in the newer generation, else a new one. */
  idOf(high: number, low: number): number {
    const found = this.young.find(high, low);
    if (found >= 0) return found;
    const id = this.count++;
    const older = this.old === null ? -1 : this.old.find(high, low);
    if (older >= 0) this.aliases.set(id, older);
    if (this.young.count === this.generation) {
      this.old = this.young;
      this.young = new FingerprintTable(id, this.generation);
      this.young.find(high, low);
    }
    this.young.add(high, low, id);
    return id;
  }

  /** The id that `id` is an alias of (then forgotten), or -1 when it is a message of its own. */
  takeAlias(id: number): number {
    const source = this.aliases.get(id);
    if (source === undefined) return -1;
    this.aliases.delete(id);
    return source;
  }
}
