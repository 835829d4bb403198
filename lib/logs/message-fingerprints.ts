/**
 * 64-bit fingerprints of message bytes, and dense ids by fingerprint (message-vocabulary.ts).
 *
 * Why a fingerprint is safe here: with bounded memory the extractor forgets the text of messages
 * whose windows are finished, yet with extended features a message seen again must get the id it
 * had, because Drain mines each distinct message once, in order of first sight, and templates are
 * kept by message id. (The seed features do not need this: no feature depends on message ids, so a
 * seed extraction keeps no fingerprints; see MessageVocabulary.bounded.) Two different messages with one fingerprint would share an id: one window holding both would
 * count one unique message too few, and the second would not be mined. The fingerprint is two
 * 32-bit hashes of different construction (FNV-1a with a murmur3 finish, and a murmur3-style word
 * mix with another seed), each over the bytes and the length. For n distinct messages the chance of
 * any collision in the whole log is about n² / 2^65: 3 in a million at 10M distinct messages, 3 in
 * 10^10 at 100k. Only messages new to the current epoch are looked up by fingerprint: within an
 * epoch (the last ~100k distinct messages) identity is decided on the bytes. Near-duplicates (one
 * digit or byte apart, the usual variation between log lines) are tested not to collide in
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

// Fingerprints by id live in chunks: no copy of them all when the count grows.
const CHUNK_BITS = 18;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;

/**
 * Dense ids (0, 1, 2, ... in order of first sight) of the distinct fingerprints seen so far. About
 * 13-19 bytes a distinct message (its fingerprint, and an id + 1 slot of a table 3/8 to 3/4 full)
 * against the ~200 of keeping its text: what lets a compacting extraction give a message seen long
 * ago the id it had then, so windows count exactly what the single-epoch extraction counts.
 */
export class FingerprintIds {
  // id + 1 per slot; 0 marks an empty slot. Slots are found by the high half.
  private table = new Int32Array(4096);
  private mask = 4095;
  // [high, low] per id, 2^CHUNK_BITS ids a chunk.
  private readonly prints: Int32Array[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The id of the fingerprint (high, low), given the next free id when it is new. */
  idOf(high: number, low: number): number {
    const table = this.table;
    const mask = this.mask;
    const prints = this.prints;
    let i = (high ^ (high >>> 15)) & mask;
    for (; ; i = (i + 1) & mask) {
      const slot = table[i]!;
      if (slot === 0) break;
      const id = slot - 1;
      const chunk = prints[id >>> CHUNK_BITS]!;
      const at = 2 * (id & CHUNK_MASK);
      if (chunk[at] === high && chunk[at + 1] === low) return id;
    }
    const id = this.count++;
    if ((id & CHUNK_MASK) === 0) prints.push(new Int32Array(2 << CHUNK_BITS));
    const chunk = prints[id >>> CHUNK_BITS]!;
    chunk[2 * (id & CHUNK_MASK)] = high;
    chunk[2 * (id & CHUNK_MASK) + 1] = low;
    table[i] = id + 1;
    if (this.count * 4 > (mask + 1) * 3) this.grow();
    return id;
  }

  private grow(): void {
    const capacity = (this.mask + 1) * 2;
    const table = new Int32Array(capacity);
    const mask = capacity - 1;
    // By id, not by old slot: the fingerprints are then read in order, not at random.
    for (let id = 0; id < this.count; id++) {
      const high = this.prints[id >>> CHUNK_BITS]![2 * (id & CHUNK_MASK)]!;
      let i = (high ^ (high >>> 15)) & mask;
      while (table[i] !== 0) i = (i + 1) & mask;
      table[i] = id + 1;
    }
    this.table = table;
    this.mask = mask;
  }
}
