/**
 * What one epoch of a bounded extraction hands to the next (message-vocabulary.ts): its full-size
 * arena blocks and its tables, taken again instead of allocated.
 *
 * Why the tables too: every epoch of 65,536 messages grew its interner's hash table, its id maps,
 * its description tables and its first arena blocks from small by doubling, then dropped them.
 * Counted on the 10M-line bench log with the seed profile: about 1,000 arrays of 256 KiB to 2 MiB
 * per parse thread. glibc's malloc served them from heaps that long-lived window lists sat in
 * between, so their memory stayed in the process: the run peaked about 100 MiB above the same run
 * with malloc told to map every large block on its own (MALLOC_MMAP_THRESHOLD_), which cost 2 s
 * of system time instead. With the arrays reused, the peak went from 404-439 to 372-388 MiB (three
 * alternated pairs, the same CSV and time), and that malloc setting costs nothing any more
 * (lib/config/pipeline-memory.ts).
 *
 * Lengths are rounded up to a power of two so that a few lengths recur; a pool keeps at most
 * KEEP_PER_LENGTH arrays of each, and the full-size blocks of one epoch, so what it holds is bounded
 * by what one epoch uses.
 */
export class EpochPool {
  /** Full-size arena blocks (ByteInterner), taken before allocating. */
  readonly blocks: Uint8Array<ArrayBuffer>[] = [];
  private readonly int32 = new Map<number, Int32Array<ArrayBuffer>[]>();
  private readonly uint8 = new Map<number, Uint8Array<ArrayBuffer>[]>();

  /** At least `length` ints (a power of two, at least 16), each `fill`. */
  int32Array(length: number, fill = 0): Int32Array<ArrayBuffer> {
    return this.int32.get(pooledLength(length))?.pop()?.fill(fill) ?? FRESH_ARRAYS.int32Array(length, fill);
  }

  /** At least `length` zero bytes (a power of two, at least 16). */
  uint8Array(length: number): Uint8Array<ArrayBuffer> {
    return this.uint8.get(pooledLength(length))?.pop()?.fill(0) ?? FRESH_ARRAYS.uint8Array(length);
  }

  /** Arrays their owner no longer uses (nothing may read them afterwards), for a later take. */
  give(...arrays: (Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>)[]): void {
    for (const array of arrays) {
      // Only what int32Array / uint8Array hand out: other lengths would never be asked for again.
      if (array.length !== pooledLength(array.length)) continue;
      if (array instanceof Int32Array) shelve(this.int32, array);
      else shelve(this.uint8, array);
    }
  }
}

function shelve<T extends { length: number }>(shelf: Map<number, T[]>, array: T): void {
  const kept = shelf.get(array.length) ?? [];
  // Given twice (a release called again), it would later go to two owners at once.
  if (kept.length >= KEEP_PER_LENGTH || kept.includes(array)) return;
  kept.push(array);
  shelf.set(array.length, kept);
}

/**
 * Arrays of one length a pool keeps. Near 65,536 entries an epoch holds nine int tables of one length
 * (the interner's positions and lengths, two id maps, four description tables, the hash table on
 * its way up), so 8 made one of them anew every epoch: 80 tables of 1 MiB per parse thread on the
 * 10M-line bench log, none with 16.
 */
export const KEEP_PER_LENGTH = 16;

function pooledLength(length: number): number {
  return Math.max(16, 2 ** Math.ceil(Math.log2(Math.max(1, length))));
}

/**
 * Where a structure of an epoch gets its arrays: from the extraction's pool when it is bounded,
 * else fresh (a plain extraction's tables live as long as it does, so there is nothing to reuse).
 */
export interface ArraySource {
  int32Array(length: number, fill?: number): Int32Array<ArrayBuffer>;
  uint8Array(length: number): Uint8Array<ArrayBuffer>;
  give(...arrays: (Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>)[]): void;
}

/** Fresh arrays of the rounded lengths, nothing kept. */
export const FRESH_ARRAYS: ArraySource = {
  int32Array: (length, fill = 0) => {
    const fresh = new Int32Array(pooledLength(length));
    return fill === 0 ? fresh : fresh.fill(fill);
  },
  uint8Array: (length) => new Uint8Array(pooledLength(length)),
  give: () => undefined,
};

/** `a`'s ints at the start of an array of at least `length` from `source` (the rest `fill`); `a` goes back to it. */
export function grownInt32(source: ArraySource, a: Int32Array<ArrayBuffer>, length: number, fill = 0): Int32Array<ArrayBuffer> {
  const b = source.int32Array(length, fill);
  b.set(a);
  source.give(a);
  return b;
}

/** `a`'s bytes at the start of an array of at least `length` zero bytes from `source`; `a` goes back to it. */
export function grownUint8(source: ArraySource, a: Uint8Array<ArrayBuffer>, length: number): Uint8Array<ArrayBuffer> {
  const b = source.uint8Array(length);
  b.set(a);
  source.give(a);
  return b;
}
