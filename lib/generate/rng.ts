import { Random } from "../detectors/random";

/** Mixes a seed with a stream number so plan, background and episodes draw independent sequences. */
export function deriveSeed(seed: number, stream: number): number {
  let z = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) | 0;
}

/** The shared seeded PRNG plus the draws that text generation needs (ranges, picks, addresses). */
export class Dice {
  private readonly random: Random;

  constructor(seed: number) {
    this.random = new Random(seed);
  }

  float(): number {
    return this.random.nextFloat();
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.random.nextFloat() * n);
  }

  /** Integer in [lo, hi], both ends included. */
  range(lo: number, hi: number): number {
    return lo + Math.floor(this.random.nextFloat() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.random.nextFloat() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random.nextFloat() * items.length)] as T;
  }

  gaussian(): number {
    return this.random.nextGaussian();
  }

  /** Poisson count: exact (Knuth) for small means, rounded normal above 30 where that is close enough. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.random.nextGaussian()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.random.nextFloat();
    while (p > limit) {
      k++;
      p *= this.random.nextFloat();
    }
    return k;
  }

  hex(length: number): string {
    // Eight digits per draw: one string per word instead of one per digit.
    let out = "";
    while (out.length < length) {
      const word = this.random.nextUint32().toString(16);
      out += word.length < 8 ? "0".repeat(8 - word.length) + word : word;
    }
    return out.length === length ? out : out.slice(0, length);
  }

  /** Upper-case hex, as postfix queue ids are written. */
  queueId(): string {
    return this.hex(10).toUpperCase();
  }

  /** A routable-looking public IPv4 address (skips 0, 10, 127, 172.16/12, 192.168, multicast). */
  publicIp(): string {
    let a = this.range(1, 223);
    while (a === 10 || a === 127 || a === 172 || a === 192) a = this.range(1, 223);
    return `${a}.${this.int(256)}.${this.int(256)}.${this.range(1, 254)}`;
  }

  internalIp(): string {
    return `10.${this.range(0, 3)}.${this.range(0, 15)}.${this.range(2, 250)}`;
  }

  port(): number {
    return this.range(32768, 60999);
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }
}
