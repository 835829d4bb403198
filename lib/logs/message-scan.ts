import { phrasesAtSpace } from "./auth-phrases";
import { HASH_SEED, finishHash, hashStep } from "./byte-interner";
import { isWhitespaceCode } from "./parse-line";

/**
 * One pass over a message's UTF-8 bytes that gathers everything its window needs, without touching
 * any window yet (so a line can still be handed to the text path): the `split(/\s+/)` tokens as
 * ranges with hashes, the auth phrase flags and `message.length` in UTF-16 units.
 */
export class MessageScan {
  tokenStarts = new Int32Array(64);
  tokenEnds = new Int32Array(64);
  tokenHashes = new Int32Array(64);
  tokenCount = 0;
  phrases = 0;
  utf16Length = 0;

  /**
   * Scan `bytes[start, end)`. Raw bytes straight from a file are only accepted when ASCII without
   * `\r` (returns false otherwise); `canonical` bytes (re-encoded from a decoded string) may hold
   * any UTF-8, and non-ASCII whitespace then separates tokens as `\s` does.
   */
  scan(bytes: Uint8Array, start: number, end: number, canonical: boolean): boolean {
    let count = 0;
    let tokenHash = HASH_SEED;
    let tokenStart = -1;
    let phrases = 0;
    let units = end - start;
    for (let i = start; i < end; i++) {
      const c = bytes[i]!;
      if (c > 32 && c < 0x80) {
        // The common case: a printable ASCII byte inside a token.
        if (tokenStart < 0) {
          tokenStart = i;
          tokenHash = HASH_SEED;
        }
        tokenHash = hashStep(tokenHash, c);
        continue;
      }
      let space = -1;
      let width = 1;
      if (c <= 32) {
        if (c === 32 || (c >= 9 && c <= 13)) {
          if (c === 13 && !canonical) return false;
          space = c;
        }
      } else {
        if (!canonical) return false;
        width = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
        const code = decodeCodePoint(bytes, i, width);
        units -= width === 4 ? 2 : width - 1;
        if (isWhitespaceCode(code)) space = code;
      }
      if (space < 0) {
        if (tokenStart < 0) {
          tokenStart = i;
          tokenHash = HASH_SEED;
        }
        for (let k = 0; k < width; k++) tokenHash = hashStep(tokenHash, bytes[i + k]!);
        i += width - 1;
        continue;
      }
      if (tokenStart >= 0) {
        const h = finishHash(tokenHash);
        if (count === this.tokenStarts.length) this.growTokens();
        this.tokenStarts[count] = tokenStart;
        this.tokenEnds[count] = i;
        this.tokenHashes[count] = h;
        count++;
        if (space === 32) phrases |= phrasesAtSpace(bytes, tokenStart, i, end);
        tokenStart = -1;
      }
      i += width - 1;
    }
    if (tokenStart >= 0) {
      const h = finishHash(tokenHash);
      if (count === this.tokenStarts.length) this.growTokens();
      this.tokenStarts[count] = tokenStart;
      this.tokenEnds[count] = end;
      this.tokenHashes[count] = h;
      count++;
    }
    this.tokenCount = count;
    this.phrases = phrases;
    this.utf16Length = units;
    return true;
  }

  private growTokens(): void {
    const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.tokenStarts = grow(this.tokenStarts);
    this.tokenEnds = grow(this.tokenEnds);
    this.tokenHashes = grow(this.tokenHashes);
  }
}

/** Code point of a well-formed UTF-8 sequence of `width` bytes at `i` (only canonical bytes get here). */
function decodeCodePoint(bytes: Uint8Array, i: number, width: number): number {
  const c = bytes[i]!;
  if (width === 2) return ((c & 0x1f) << 6) | (bytes[i + 1]! & 0x3f);
  if (width === 3) return ((c & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
  return 0x10000;
}
