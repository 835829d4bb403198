/**
 * Token counts of one window. A token is named by where its bytes sit in the message arena (every
 * token is a piece of some stored message), so counting needs no global token table: that table
 * grew past the CPU cache on logs full of IPs and ports and every lookup missed it.
 */
export class TokenCounter {
  // Interleaved [hash, arena position, length, count] per slot; count 0 marks an empty slot.
  private table: Int32Array<ArrayBuffer>;
  private mask: number;
  private distinct = 0;

  /** `expected`: distinct tokens likely to come, to skip rehashing on the way. */
  constructor(expected = 4) {
    let capacity = 8;
    while (capacity * 3 < expected * 4) capacity *= 2;
    this.table = new Int32Array(4 * capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.distinct;
  }

  /** Count the token `arena[position, position + length)` whose hash is `hash`. */
  add(arena: Uint8Array, position: number, length: number, hash: number): void {
    const table = this.table;
    const mask = this.mask;
    let i = hash & mask;
    for (;;) {
      const at = 4 * i;
      const count = table[at + 3]!;
      if (count === 0) break;
      if (table[at] === hash && table[at + 2] === length) {
        const other = table[at + 1]!;
        // The same message repeated points at the very same bytes: no compare needed.
        if (other === position || bytesEqual(arena, other, position, length)) {
          table[at + 3] = count + 1;
          return;
        }
      }
      i = (i + 1) & mask;
    }
    const at = 4 * i;
    table[at] = hash;
    table[at + 1] = position;
    table[at + 2] = length;
    table[at + 3] = 1;
    if (++this.distinct * 4 > (mask + 1) * 3) this.grow();
  }

  /** The count of each distinct token, in no particular order. */
  countsList(): number[] {
    const out: number[] = [];
    for (let at = 3; at < this.table.length; at += 4) {
      const count = this.table[at]!;
      if (count !== 0) out.push(count);
    }
    return out;
  }

  private grow(): void {
    const old = this.table;
    const capacity = (this.mask + 1) * 2;
    const table = new Int32Array(4 * capacity);
    const mask = capacity - 1;
    for (let from = 0; from < old.length; from += 4) {
      if (old[from + 3] === 0) continue;
      let i = old[from]! & mask;
      while (table[4 * i + 3] !== 0) i = (i + 1) & mask;
      table.set(old.subarray(from, from + 4), 4 * i);
    }
    this.table = table;
    this.mask = mask;
  }
}

function bytesEqual(arena: Uint8Array, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (arena[a + k] !== arena[b + k]) return false;
  return true;
}
