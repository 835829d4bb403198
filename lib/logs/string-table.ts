/** FNV-1a step; callers fold char codes in while they scan, so hashing costs no extra pass. */
export const HASH_SEED = 0x811c9dc5 | 0;

export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

/** Final avalanche (murmur3 fmix32) so that the low bits used as a table index are well mixed. */
export function finishHash(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

export function hashRange(source: string, start: number, end: number): number {
  let h = HASH_SEED;
  for (let i = start; i < end; i++) h = hashStep(h, source.charCodeAt(i));
  return finishHash(h);
}

/**
 * Substrings keep the string they were cut from alive in V8 (a whole decoded chunk), so stored
 * keys are copied once, when first seen. Strings shorter than 13 units are already copies.
 */
function detach(text: string): string {
  return text.length < 13 ? text : (" " + text).slice(1);
}

/**
 * Maps distinct strings to dense ids, looked up by a range of a larger string so that a repeated
 * value costs a hash probe and a compare, not a substring allocation.
 */
export class StringInterner {
  private slots = new Int32Array(64);
  private slotHashes = new Int32Array(64);
  private mask = 63;
  private readonly keys: string[] = [];

  get size(): number {
    return this.keys.length;
  }

  keyOf(id: number): string {
    const key = this.keys[id];
    if (key === undefined) throw new RangeError(`no interned string with id ${id}`);
    return key;
  }

  /** Id of `source.slice(start, end)`, whose `finishHash`ed hash the caller computed. */
  intern(source: string, start: number, end: number, hash: number): number {
    const length = end - start;
    const slots = this.slots;
    const hashes = this.slotHashes;
    let i = hash & this.mask;
    for (;;) {
      const slot = slots[i]!;
      if (slot === 0) break;
      if (hashes[i] === hash) {
        const key = this.keys[slot - 1]!;
        if (key.length === length && source.startsWith(key, start)) return slot - 1;
      }
      i = (i + 1) & this.mask;
    }
    const id = this.keys.length;
    this.keys.push(detach(source.slice(start, end)));
    slots[i] = id + 1;
    hashes[i] = hash;
    if (this.keys.length * 2 > slots.length) this.grow();
    return id;
  }

  private grow(): void {
    const oldSlots = this.slots;
    const oldHashes = this.slotHashes;
    const capacity = oldSlots.length * 2;
    this.slots = new Int32Array(capacity);
    this.slotHashes = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let j = 0; j < oldSlots.length; j++) {
      const slot = oldSlots[j]!;
      if (slot === 0) continue;
      const hash = oldHashes[j]!;
      let i = hash & this.mask;
      while (this.slots[i] !== 0) i = (i + 1) & this.mask;
      this.slots[i] = slot;
      this.slotHashes[i] = hash;
    }
  }
}

function slotOf(key: number): number {
  const h = Math.imul(key, 0x9e3779b1);
  return h ^ (h >>> 15);
}

/** Occurrence counts of interned ids: a compact per-window multiset (two Int32 per slot). */
export class IdCounter {
  private ids = new Int32Array(8);
  private counts = new Int32Array(8);
  private mask = 7;
  private distinct = 0;

  /** Number of distinct ids added. */
  get size(): number {
    return this.distinct;
  }

  add(id: number): void {
    const key = id + 1;
    const ids = this.ids;
    let i = slotOf(key) & this.mask;
    for (;;) {
      const at = ids[i]!;
      if (at === key) {
        this.counts[i]!++;
        return;
      }
      if (at === 0) break;
      i = (i + 1) & this.mask;
    }
    ids[i] = key;
    this.counts[i] = 1;
    if (++this.distinct * 2 > ids.length) this.grow();
  }

  /** The counts of all distinct ids, in no particular order. */
  *values(): IterableIterator<number> {
    for (let i = 0; i < this.ids.length; i++) if (this.ids[i] !== 0) yield this.counts[i]!;
  }

  private grow(): void {
    const oldIds = this.ids;
    const oldCounts = this.counts;
    const capacity = oldIds.length * 2;
    this.ids = new Int32Array(capacity);
    this.counts = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let j = 0; j < oldIds.length; j++) {
      const key = oldIds[j]!;
      if (key === 0) continue;
      let i = slotOf(key) & this.mask;
      while (this.ids[i] !== 0) i = (i + 1) & this.mask;
      this.ids[i] = key;
      this.counts[i] = oldCounts[j]!;
    }
  }
}
