/**
 * Small seeded PRNG (xoshiro128**, seeded through splitmix32) shared by every random detector.
 * Math.random cannot be seeded, and detectors must give identical models for identical seeds.
 */

export const DEFAULT_SEED = 42;

const TWO_POW_32 = 4294967296;

/** splitmix32: spreads a small integer seed over the 128-bit xoshiro state (never all zero). */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareGaussian: number | null = null;

  /** `seed` is any finite number; non-integers are truncated to 32 bits. */
  constructor(seed: number = DEFAULT_SEED) {
    const state = { s: seed | 0 };
    this.a = splitmix32(state);
    this.b = splitmix32(state);
    this.c = splitmix32(state);
    this.d = splitmix32(state);
  }

  /** Uniform unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform float in [0, 1) with 32 bits of resolution. */
  nextFloat(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Uniform integer in [0, n). `n` must be a positive integer below 2^32. */
  nextInt(n: number): number {
    return Math.floor(this.nextFloat() * n);
  }

  /** Standard normal deviate (Box-Muller; the second value of each pair is kept for the next call). */
  nextGaussian(): number {
    if (this.spareGaussian !== null) {
      const spare = this.spareGaussian;
      this.spareGaussian = null;
      return spare;
    }
    // 1 - u keeps the logarithm's argument in (0, 1].
    const u = 1 - this.nextFloat();
    const v = this.nextFloat();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareGaussian = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T extends { length: number; [index: number]: unknown }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return this.shuffle(out);
  }

  /**
   * `k` distinct indices drawn uniformly from 0..n-1, in random order (sampling without
   * replacement). Uses Floyd's algorithm when k is small against n, so cost is O(k), not O(n).
   */
  sample(n: number, k: number): Int32Array {
    if (k > n || k < 0) throw new RangeError(`cannot sample ${k} of ${n} without replacement`);
    if (k * 4 >= n) return this.permutation(n).slice(0, k);
    const chosen = new Set<number>();
    const out = new Int32Array(k);
    let filled = 0;
    for (let j = n - k; j < n; j++) {
      const t = this.nextInt(j + 1);
      const pick = chosen.has(t) ? j : t;
      chosen.add(pick);
      out[filled++] = pick;
    }
    // Floyd's algorithm yields a uniform set but not a uniform order.
    return this.shuffle(out);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
