import { ERROR_KEYWORDS } from "./error-keywords";

/**
 * `hasErrorKeyword` (ERROR_KEYWORD_PATTERN) on a message's UTF-8 bytes, with no string made: the
 * extended profile asks it once per distinct message on the parse's busiest thread, where decoding
 * each message and running the regex were 1.7 s of 21 s at 5M lines (`node --cpu-prof`).
 *
 * Exact, not an approximation, because the regex has no `u` flag:
 * - `\b` and `\w` are ASCII only, so words are maximal runs of [A-Za-z0-9_] bytes, and a byte of
 *   a multi-byte character is never a word byte;
 * - `i` folds case only within ASCII (a character at or above U+0080 never folds to an ASCII
 *   one), so comparing bytes with bit 0x20 set is the regex's comparison for these letters;
 * - `\s+` between a phrase's words is JS whitespace, ASCII or the Unicode characters of
 *   `isWhitespaceCode`, matched here by their UTF-8 sequences. Their lead bytes are never
 *   continuation bytes, so they decode the same wherever they sit, even after damaged bytes.
 * So a keyword matches exactly when a maximal word run equals its first word, case aside, and each
 * further word follows whitespace as a maximal run of its own.
 */

const FIRST_LOWER = 97;
const LONGEST = 16;

const encode = (word: string) => Uint8Array.from(word, (c) => c.charCodeAt(0));
// Per first letter and length: the first words that start a keyword, each with what must follow
// it (nothing for a one-word keyword, "out" after "timed", "of" "memory" after "out").
interface Start {
  word: Uint8Array;
  rests: Uint8Array[][];
}
const STARTS: (Start[] | undefined)[] = [];
for (const keyword of ERROR_KEYWORDS) {
  const [first = "", ...rest] = keyword.split(" ");
  const slot = (first.charCodeAt(0) - FIRST_LOWER) * LONGEST + first.length;
  const list = (STARTS[slot] ??= []);
  let start = list.find((s) => s.word.length === first.length && s.word.every((b, k) => b === first.charCodeAt(k)));
  if (start === undefined) list.push((start = { word: encode(first), rests: [] }));
  start.rests.push(rest.map(encode));
}

function isWordByte(b: number): boolean {
  return (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b === 95;
}

/** Whether `bytes[start, end)` holds an error keyword as `hasErrorKeyword` finds them in its text. */
export function hasErrorKeywordBytes(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    if (!isWordByte(bytes[i]!)) {
      i++;
      continue;
    }
    const from = i;
    while (i < end && isWordByte(bytes[i]!)) i++;
    const length = i - from;
    const first = bytes[from]! | 0x20;
    if (length >= LONGEST || first < FIRST_LOWER || first > 122) continue;
    const starts = STARTS[(first - FIRST_LOWER) * LONGEST + length];
    if (starts === undefined) continue;
    for (const s of starts) {
      if (!sameWord(bytes, from, s.word)) continue;
      for (const rest of s.rests) if (followedBy(bytes, i, end, rest)) return true;
    }
  }
  return false;
}

/** `bytes` at `at` spell `word` (lower case), ASCII case aside; the caller has checked the length. */
function sameWord(bytes: Uint8Array, at: number, word: Uint8Array): boolean {
  for (let k = 0; k < word.length; k++) if ((bytes[at + k]! | 0x20) !== word[k]) return false;
  return true;
}

/** From `at` (just after a word): each of `words` after at least one whitespace character, as a whole word. */
function followedBy(bytes: Uint8Array, at: number, end: number, words: readonly Uint8Array[]): boolean {
  let i = at;
  for (const word of words) {
    const gap = i;
    for (let w = spaceLength(bytes, i, end); w > 0; w = spaceLength(bytes, i, end)) i += w;
    if (i === gap || i + word.length > end || !sameWord(bytes, i, word)) return false;
    i += word.length;
    if (i < end && isWordByte(bytes[i]!)) return false;
  }
  return true;
}

/** Bytes of the whitespace character at `i` (JS `\s`, as isWhitespaceCode), 0 for anything else. */
function spaceLength(bytes: Uint8Array, i: number, end: number): number {
  if (i >= end) return 0;
  const b = bytes[i]!;
  if (b < 0x80) return b === 32 || (b >= 9 && b <= 13) ? 1 : 0;
  const b1 = i + 1 < end ? bytes[i + 1]! : -1;
  const b2 = i + 2 < end ? bytes[i + 2]! : -1;
  if (b === 0xc2) return b1 === 0xa0 ? 2 : 0; // U+00A0
  if (b === 0xe1) return b1 === 0x9a && b2 === 0x80 ? 3 : 0; // U+1680
  if (b === 0xe2 && b1 === 0x80) return (b2 >= 0x80 && b2 <= 0x8a) || b2 === 0xa8 || b2 === 0xa9 || b2 === 0xaf ? 3 : 0; // U+2000-200A, 2028, 2029, 202F
  if (b === 0xe2) return b1 === 0x81 && b2 === 0x9f ? 3 : 0; // U+205F
  if (b === 0xe3) return b1 === 0x80 && b2 === 0x80 ? 3 : 0; // U+3000
  if (b === 0xef) return b1 === 0xbb && b2 === 0xbf ? 3 : 0; // U+FEFF
  return 0;
}
