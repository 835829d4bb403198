import { findPhrasesAtSpace } from "./auth-phrases";
import { HASH_SEED, finishHash, hashStep } from "./byte-hash";
import { createView } from "./byte-view";
import { isWhitespaceCode } from "./parse-line";

// tsx runs each file as CommonJS, where every use of an imported name is a getter call (two, in
// fact); code that runs per line or per token uses local copies, read once at load.
const SEED = HASH_SEED;
const step = hashStep;
const finish = finishHash;
const phrasesAt = findPhrasesAtSpace;
const isSpaceCode = isWhitespaceCode;
const makeView = createView;

/**
 * One pass over a message's UTF-8 bytes for everything the features need from it: the
 * `split(/\s+/)` tokens (empty ones dropped) as byte ranges with hashes, the auth phrase flags and
 * `message.length` in UTF-16 units. Non-ASCII whitespace separates tokens as `\s` does.
 */
export class MessageScan {
  tokenStarts = new Int32Array(64);
  tokenEnds = new Int32Array(64);
  tokenHashes = new Int32Array(64);
  /** First and last 4 bytes of each token (see `headOf`): with the length, all of a token up to 8 bytes. */
  tokenHeads = new Int32Array(64);
  tokenTails = new Int32Array(64);
  tokenCount = 0;
  phrases = 0;
  utf16Length = 0;
  private viewBytes: Uint8Array | null = null;
  private view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));

  /** Scan `bytes[start, end)`, which must be valid UTF-8. */
  scan(bytes: Uint8Array, start: number, end: number): void {
    if (bytes !== this.viewBytes) {
      this.viewBytes = bytes;
      this.view = makeView(bytes);
    }
    // Tokens are separated by at least one byte, so this many slots always suffice.
    const most = ((end - start + 1) >> 1) + 1;
    if (this.tokenStarts.length < most) this.growTokens(most);
    const view = this.view;
    const starts = this.tokenStarts;
    const ends = this.tokenEnds;
    const hashes = this.tokenHashes;
    const heads = this.tokenHeads;
    const tails = this.tokenTails;
    let count = 0;
    let tokenStart = -1;
    // Hash of the current token so far, folded in as its bytes are read (words or single bytes):
    // the same bytes are always read the same way, so equal tokens get equal hashes.
    let h = SEED;
    let phrases = 0;
    let units = end - start;
    for (let i = start; i < end; i++) {
      // The common case, four printable ASCII bytes inside a token, costs one word test: no byte
      // below 0x21 ("has less than" trick) and none with its top bit set.
      if (i + 4 <= end) {
        const w = view.getInt32(i, true);
        const special = (((w - 0x21212121) & ~w) | w) & 0x80808080;
        if (special === 0) {
          if (tokenStart < 0) {
            tokenStart = i;
            h = SEED;
          }
          h = step(h, w);
          i += 3;
          continue;
        }
        // The lowest flag marks the first special byte exactly; the bytes before it are token
        // bytes, hashed one by one as the byte path below would.
        const before = (31 - Math.clz32(special & -special)) >> 3;
        if (before > 0) {
          if (tokenStart < 0) {
            tokenStart = i;
            h = SEED;
          }
          for (let k = 0; k < before; k++) h = step(h, bytes[i + k]!);
          i += before;
        }
      }
      const c = bytes[i]!;
      let width = 1;
      let space = false;
      if (c >= 0x80) {
        width = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
        units -= width === 4 ? 2 : width - 1;
        space = isSpaceCode(decodeCodePoint(bytes, i, width));
      } else {
        space = c === 32 || (c >= 9 && c <= 13);
      }
      if (!space) {
        if (tokenStart < 0) {
          tokenStart = i;
          h = SEED;
        }
        for (let k = 0; k < width; k++) h = step(h, bytes[i + k]!);
      } else if (tokenStart >= 0) {
        starts[count] = tokenStart;
        ends[count] = i;
        heads[count] = headOf(bytes, view, tokenStart, i);
        tails[count] = tailOf(view, tokenStart, i);
        hashes[count++] = finish(step(h, i - tokenStart));
        if (c === 32) phrases |= phrasesAt(bytes, tokenStart, i, end);
        tokenStart = -1;
      }
      i += width - 1;
    }
    if (tokenStart >= 0) {
      starts[count] = tokenStart;
      ends[count] = end;
      heads[count] = headOf(bytes, view, tokenStart, end);
      tails[count] = tailOf(view, tokenStart, end);
      hashes[count++] = finish(step(h, end - tokenStart));
    }
    this.tokenCount = count;
    this.phrases = phrases;
    this.utf16Length = units;
  }

  private growTokens(size: number): void {
    this.tokenStarts = new Int32Array(size);
    this.tokenEnds = new Int32Array(size);
    this.tokenHashes = new Int32Array(size);
    this.tokenHeads = new Int32Array(size);
    this.tokenTails = new Int32Array(size);
  }
}

/**
 * The token's first 4 bytes as an int (fewer, zero-padded, for a shorter token); with `tailOf` and
 * the length this pins down any token of up to 8 bytes, so counting tokens rarely compares bytes.
 */
export function headOf(bytes: Uint8Array, view: DataView, start: number, end: number): number {
  if (end - start >= 4) return view.getInt32(start, true);
  let head = 0;
  for (let k = end - 1; k >= start; k--) head = (head << 8) | bytes[k]!;
  return head;
}

/** The token's last 4 bytes as an int, 0 for a token shorter than 4 bytes. */
export function tailOf(view: DataView, start: number, end: number): number {
  return end - start >= 4 ? view.getInt32(end - 4, true) : 0;
}

/** Code point of a well-formed UTF-8 sequence of `width` bytes at `i` (4-byte ones are never spaces). */
function decodeCodePoint(bytes: Uint8Array, i: number, width: number): number {
  const c = bytes[i]!;
  if (width === 2) return ((c & 0x1f) << 6) | (bytes[i + 1]! & 0x3f);
  if (width === 3) return ((c & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
  return 0x10000;
}
