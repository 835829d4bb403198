// Chunks of 2^16 messages: small enough that what is forgotten is given back soon, large enough
// that the chunk table stays short (160 chunks at 10M ids).
const CHUNK_BITS = 16;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;

/**
 * The template id and flags (UNSEEN_TEMPLATE | ERROR_KEYWORD) of each message id, in chunks that
 * can be forgotten: a bounded extraction forgets every id below the oldest one a fingerprint can
 * still name, except the ids its running windows and waiting tallies hold (ExtractionEpochs), so
 * memory follows the messages of the last generation or two (message-fingerprints.ts), not every
 * message of the log (issue #14).
 */
export class MessageTemplateIds {
  private templates: (Int32Array | null)[] = [];
  private flagChunks: (Uint8Array | null)[] = [];
  // Chunks below this are forgotten, but for those that held an id still held then.
  private firstChunk = 0;

  /** Template id and flags of message `id`. */
  set(id: number, templateId: number, flags: number): void {
    const c = id >>> CHUNK_BITS;
    let templates = this.templates[c];
    if (templates === undefined || templates === null) {
      if (c < this.firstChunk) throw new RangeError(`message ${id} was forgotten`);
      while (this.templates.length <= c) {
        this.templates.push(null);
        this.flagChunks.push(null);
      }
      templates = new Int32Array(CHUNK_SIZE);
      this.templates[c] = templates;
      this.flagChunks[c] = new Uint8Array(CHUNK_SIZE);
    }
    templates[id & CHUNK_MASK] = templateId;
    this.flagChunks[c]![id & CHUNK_MASK] = flags;
  }

  templateOf(id: number): number {
    const chunk = this.templates[id >>> CHUNK_BITS];
    if (chunk === undefined || chunk === null) throw new RangeError(`no template for message ${id}`);
    return chunk[id & CHUNK_MASK]!;
  }

  flagsOf(id: number): number {
    return this.flagChunk(id)[id & CHUNK_MASK]!;
  }

  /**
   * Gives back the chunks that hold only ids below `id`, except a chunk holding one of `held`'s
   * ids. A message in every window of a log (a heartbeat) keeps its first id for as long as a
   * running window holds it, that is for the whole log: forgetting only below the lowest id still
   * held then forgot nothing, and the 10M-line bench log kept all of its 8.9M ids (43 MiB).
   */
  forgetBelow(id: number, held: Iterable<number> = []): void {
    const end = Math.min(id >>> CHUNK_BITS, this.templates.length);
    const keep = new Set<number>();
    for (const h of held) if (h < id) keep.add(h >>> CHUNK_BITS);
    for (let c = 0; c < end; c++) {
      if (keep.has(c)) continue;
      this.templates[c] = null;
      this.flagChunks[c] = null;
    }
    this.firstChunk = Math.max(this.firstChunk, end);
  }

  /** Chunks held (tests: what forgetBelow gave back). */
  get heldChunks(): number {
    return this.templates.reduce((n, chunk) => n + (chunk === null ? 0 : 1), 0);
  }

  private flagChunk(id: number): Uint8Array {
    const chunk = this.flagChunks[id >>> CHUNK_BITS];
    if (chunk === undefined || chunk === null) throw new RangeError(`no flags for message ${id}`);
    return chunk;
  }
}
