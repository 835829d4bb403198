import { ByteInterner } from "./byte-interner";
import { MessageScan } from "./message-scan";

function grownInt32(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, Math.ceil(a.length * 1.5)));
  b.set(a);
  return b;
}

/**
 * Every distinct message of an extraction, stored once as UTF-8, with its UTF-16 length and auth
 * phrase flags. From its second sighting on, a message also keeps where its tokens sit in the arena
 * (with their hashes), so a repeated message, the bulk of most logs, is counted without being
 * scanned again; a message seen once costs no token list.
 */
export class MessageVocabulary {
  readonly texts = new ByteInterner();
  /** Tokens of message `id` are entries `tokenStart[id]` to `+ tokenCount[id]` of the three lists below; -1: not listed yet. */
  tokenStart = new Int32Array(128);
  tokenCount = new Int32Array(128);
  /** Arena position, byte length and hash of each listed token. */
  tokenPositions = new Int32Array(1024);
  tokenLengths = new Int32Array(1024);
  tokenHashes = new Int32Array(1024);
  private tokensUsed = 0;
  utf16Lengths = new Int32Array(128);
  phraseFlags = new Int32Array(128);
  private readonly rescan = new MessageScan();

  /** The arena that token positions point into (re-read it after any `add`: it may move). */
  get arena(): Uint8Array {
    return this.texts.arenaBytes;
  }

  /** Id of the message `bytes[start, end)` with this hash (`hashWords`), or -1 when it is new. */
  find(bytes: Uint8Array, start: number, end: number, hash: number): number {
    return this.texts.find(bytes, start, end, hash);
  }

  /** Record a message that `find` did not know, from its completed scan of `bytes[start, end)`. */
  add(bytes: Uint8Array, start: number, end: number, hash: number, scan: MessageScan): number {
    const id = this.texts.intern(bytes, start, end, hash);
    this.tokenStart = grownInt32(this.tokenStart, id + 1);
    this.tokenCount = grownInt32(this.tokenCount, id + 1);
    this.utf16Lengths = grownInt32(this.utf16Lengths, id + 1);
    this.phraseFlags = grownInt32(this.phraseFlags, id + 1);
    this.tokenStart[id] = -1;
    this.utf16Lengths[id] = scan.utf16Length;
    this.phraseFlags[id] = scan.phrases;
    return id;
  }

  /** List the tokens of message `id` unless they are listed already. */
  listTokens(id: number): void {
    if (this.tokenStart[id]! >= 0) return;
    const scan = this.rescan;
    const start = this.texts.keyOffset(id);
    // Stored bytes are valid UTF-8 (checked or re-encoded on the way in), so this scan cannot fail.
    scan.scan(this.texts.arenaBytes, start, this.texts.keyOffset(id + 1), true);
    const from = this.tokensUsed;
    const count = scan.tokenCount;
    this.tokenPositions = grownInt32(this.tokenPositions, from + count);
    this.tokenLengths = grownInt32(this.tokenLengths, from + count);
    this.tokenHashes = grownInt32(this.tokenHashes, from + count);
    for (let t = 0; t < count; t++) {
      const tokenStart = scan.tokenStarts[t]!;
      this.tokenPositions[from + t] = tokenStart;
      this.tokenLengths[from + t] = scan.tokenEnds[t]! - tokenStart;
      this.tokenHashes[from + t] = scan.tokenHashes[t]!;
    }
    this.tokensUsed = from + count;
    this.tokenStart[id] = from;
    this.tokenCount[id] = count;
  }
}
