const MESSAGE = 0;
const HOST = 1;
const PROCESS = 2;

/**
 * The largest id a window can count: keys are id * 4 + kind, stored plus one in an Int32 table.
 * Message ids are issued per distinct message, or (seed features, bounded extraction) again when a
 * forgotten message comes back, so a log of about 537 million lines could reach it.
 */
export const MAX_COUNTED_ID = Math.floor((2 ** 31 - 1 - 1 - PROCESS) / 4);

function slotOf(key: number): number {
  const h = Math.imul(key, 0x9e3779b1);
  return h ^ (h >>> 15);
}

/**
 * How often each message, host and process id occurred in one window, in a single open-addressing
 * table (key = id * 4 + kind). One typed array per window, not three: with one-second windows a log
 * has hundreds of thousands of windows, and typed array objects are not small.
 */
export class WindowCounts {
  // Interleaved [key + 1, count] per slot; 0 marks an empty slot.
  private table: Int32Array<ArrayBuffer>;
  private mask: number;
  private filled = 0;
  readonly distinct = [0, 0, 0];

  /** `expected`: distinct keys likely to come, to skip rehashing on the way. */
  constructor(expected = 4) {
    let capacity = 8;
    while (capacity * 3 < expected * 4) capacity *= 2;
    this.table = new Int32Array(2 * capacity);
    this.mask = capacity - 1;
  }

  /** Distinct keys of all kinds. */
  get size(): number {
    return this.filled;
  }

  get messages(): number {
    return this.distinct[MESSAGE]!;
  }

  get hosts(): number {
    return this.distinct[HOST]!;
  }

  get processes(): number {
    return this.distinct[PROCESS]!;
  }

  addRecord(hostId: number, processId: number, messageId: number): void {
    this.add(messageId * 4 + MESSAGE);
    this.add(hostId * 4 + HOST);
    this.add(processId * 4 + PROCESS);
  }

  /** A message seen `times` more (merging a window's counts from another part of the log). */
  addMessage(messageId: number, times: number): void {
    // Merging only, never per record: a first add, then the rest added to its slot.
    const key = messageId * 4 + MESSAGE;
    this.add(key);
    if (times > 1) this.bump(key + 1, times - 1);
  }

  /** A host seen (again): only the distinct hosts count. */
  addHost(hostId: number): void {
    this.add(hostId * 4 + HOST);
  }

  /** A process seen (again): only the distinct processes count. */
  addProcess(processId: number): void {
    this.add(processId * 4 + PROCESS);
  }

  /** Write each distinct message id and its count into `ids` / `counts` (big enough for `messages`). */
  listMessages(ids: Int32Array, counts: Int32Array): number {
    return this.list(MESSAGE, ids, counts);
  }

  /** The distinct host ids (`hosts` of them). */
  hostIds(): Int32Array {
    const ids = new Int32Array(this.hosts);
    this.list(HOST, ids, null);
    return ids;
  }

  /** The distinct process ids (`processes` of them). */
  processIds(): Int32Array {
    const ids = new Int32Array(this.processes);
    this.list(PROCESS, ids, null);
    return ids;
  }

  private list(kind: number, ids: Int32Array, counts: Int32Array | null): number {
    const table = this.table;
    let n = 0;
    for (let at = 0; at < table.length; at += 2) {
      const key = table[at]! - 1;
      if (key >= 0 && (key & 3) === kind) {
        ids[n] = key >>> 2;
        if (counts !== null) counts[n] = table[at + 1]!;
        n++;
      }
    }
    return n;
  }

  private add(key: number): void {
    const stored = key + 1;
    const table = this.table;
    const mask = this.mask;
    let i = slotOf(stored) & mask;
    for (;;) {
      const at = 2 * i;
      const k = table[at]!;
      if (k === stored) {
        table[at + 1]!++;
        return;
      }
      if (k === 0) {
        table[at] = stored;
        table[at + 1] = 1;
        this.distinct[key & 3]!++;
        if (++this.filled * 4 > (mask + 1) * 3) this.grow();
        return;
      }
      i = (i + 1) & mask;
    }
  }

  private bump(stored: number, more: number): void {
    const table = this.table;
    for (let i = slotOf(stored) & this.mask; ; i = (i + 1) & this.mask) {
      if (table[2 * i] === stored) {
        table[2 * i + 1] = table[2 * i + 1]! + more;
        return;
      }
    }
  }

  private grow(): void {
    const old = this.table;
    const capacity = (this.mask + 1) * 2;
    const table = new Int32Array(2 * capacity);
    const mask = capacity - 1;
    for (let from = 0; from < old.length; from += 2) {
      const stored = old[from]!;
      if (stored === 0) continue;
      let i = slotOf(stored) & mask;
      while (table[2 * i] !== 0) i = (i + 1) & mask;
      table[2 * i] = stored;
      table[2 * i + 1] = old[from + 1]!;
    }
    this.table = table;
    this.mask = mask;
  }
}
