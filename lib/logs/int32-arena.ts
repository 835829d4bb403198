/** Ints per chunk once the arena is past its first few: 1 MiB. */
const CHUNK_INTS = 1 << 18;
// A list longer than this gets an array of its own, so a chunk wastes at most 1/16 at its end.
const OWN_ARRAY_FROM = CHUNK_INTS >> 4;

/**
 * Short Int32Arrays that live as long as an extraction's windows (each window's lines per template,
 * its alert lines per host), cut as views out of shared 1 MiB chunks.
 *
 * Why: a window kept two or three arrays of about 34 ints each, and each array had its own
 * ArrayBuffer, backing store and allocation (about 580 bytes of overhead beside 136 bytes of ints,
 * measured in a heap snapshot of the 1M-line bench log: 28,751 Int32Arrays for 10,046 windows).
 * At 10M lines (101,882 windows) that is about 170 MB by the same count. With the lists in chunks
 * the default profile's peak RSS there went from 728 to 641 MiB (README, "The default profile at scale").
 *
 * A view pins its whole chunk: a chunk is freed once no view into it is left. The views must never
 * be transferred or posted to a thread (that would clone or detach the whole chunk); nothing does.
 */
export class Int32Arena {
  private chunk = new Int32Array(0);
  private used = 0;

  /** A zeroed array of `length` ints. */
  take(length: number): Int32Array {
    if (length >= OWN_ARRAY_FROM) return new Int32Array(length);
    if (this.used + length > this.chunk.length) {
      // Small first chunks keep a one-window arena (a drill-down's merged window) small.
      this.chunk = new Int32Array(Math.min(CHUNK_INTS, Math.max(1024, 4 * this.chunk.length, length)));
      this.used = 0;
    }
    const view = this.chunk.subarray(this.used, this.used + length);
    this.used += length;
    return view;
  }

  /** The first `length` values of `source`, copied. */
  copy(source: ArrayLike<number>, length = source.length): Int32Array {
    const out = this.take(length);
    for (let k = 0; k < length; k++) out[k] = source[k]!;
    return out;
  }
}
