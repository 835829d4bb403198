import { WILDCARD } from "./mask-patterns";

/**
 * What a token is to the similarity of template-miner.ts, worked out once per token:
 * - VARIABLE: it carries a digit or a mask (`<*>`, a `--mask` `<NAME>`): a `<*>` in a template takes it.
 * - WORD: it has a letter and no digit except a number right after its letters (`Paused`, `ssh2`,
 *   `ee0`, `action:android.intent.action.SCREEN_ON`). Loghub's ground truth, like most people who
 *   read logs, takes two messages that differ in such a word for two events (`VM Paused` and
 *   `VM Resumed`), so a word is never generalised by similarity alone; see `wordVariantLimit`.
 * A token can be both (`ssh2`); `<*>` itself is VARIABLE only.
 */
export const VARIABLE = 1;
export const WORD = 2;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const LESS = 60;
const GREATER = 62;

// A module constant, not the imported binding: compiled ES module imports become property reads.
const ANY = WILDCARD;

export function tokenKind(token: string): number {
  // Masking turns most variables into exactly `<*>` (15% of the bench log's tokens): answering it
  // first skips the scan and the `includes` below. With the single pass that follows (it was two),
  // tokenKind took 196 ms instead of 253 ms on the tokens of 300k of that log's messages.
  if (token === ANY) return VARIABLE;
  const n = token.length;
  let digits = 0;
  let letters = 0;
  let angles = 0;
  // Letters then digits and nothing else, as in `ssh2`: a name with a number, still a word.
  let leadingLetters = -1;
  for (let i = 0; i < n; i++) {
    const c = token.charCodeAt(i);
    if (isLetter(c)) letters++;
    else {
      if (leadingLetters < 0) leadingLetters = i;
      if (isDigit(c)) digits++;
      else if (c === LESS || c === GREATER) angles++;
    }
  }
  if (leadingLetters < 0) leadingLetters = n;
  const masked = angles >= 2 && (token.includes(WILDCARD) || /<[\w.:-]+>/.test(token));
  let kind = digits > 0 || masked ? VARIABLE : 0;
  const nameWithNumber = leadingLetters > 0 && digits === n - leadingLetters;
  if (letters > 0 && angles === 0 && (digits === 0 || nameWithNumber)) kind |= WORD;
  return kind;
}

/** Kinds of a whole token list, written to the start of `into` (at least as long as `tokens`) when given. */
export function tokenKinds(tokens: readonly string[], into = new Uint8Array(tokens.length)): Uint8Array {
  for (let i = 0; i < tokens.length; i++) into[i] = tokenKind(tokens[i] as string);
  return into;
}

/**
 * True when two tokens are equal once every run of digits counts as one and the same character
 * (`core.2275` and `core.862`, `attempt_2017_0024_m_000003_1012` and `attempt_2017_0024_m_000004_1026`):
 * the same variable with another value, which the number mask misses because it is glued to a word.
 */
export function sameShape(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  const n = a.length;
  const m = b.length;
  while (i < n && j < m) {
    const c = a.charCodeAt(i);
    const d = b.charCodeAt(j);
    if (isDigit(c) && isDigit(d)) {
      while (i < n && isDigit(a.charCodeAt(i))) i++;
      while (j < m && isDigit(b.charCodeAt(j))) j++;
    } else if (c === d) {
      i++;
      j++;
    } else return false;
  }
  return i === n && j === m;
}

/**
 * The constant tokens of a message, joined by spaces: tokens that are only masks and punctuation
 * (`<*>`, `(<*>`, `<*>)`, `[<*>]`) are left out, so `0 bytes sent` and `1190 bytes (1.16 KB) sent`
 * give the same key. Null when fewer than two tokens are left: too little to go by.
 */
export function skeletonKey(tokens: readonly string[], kinds: Uint8Array): string | null {
  const kept: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (((kinds[i] as number) & VARIABLE) === 0 || !onlyMasks(token)) kept.push(token);
  }
  return kept.length < 2 ? null : kept.join(" ");
}

const MASKS = /<[\w.:*-]+>/g;
const ALPHANUMERIC = /[A-Za-z0-9]/;

function onlyMasks(token: string): boolean {
  return !ALPHANUMERIC.test(token.replace(MASKS, ""));
}
