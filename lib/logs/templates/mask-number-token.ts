import { WILDCARD } from "./mask-patterns";

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

function asciiTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
}

// What may stand right before a number for the mask to replace just the number: not a word
// character, a dot or a sign (the number mask would take `-` and `+` along).
const BEFORE_NUMBER = asciiTable("=:([#<{,\"';|");
// What may follow it: closing punctuation, with no letter (a unit), digit or slash.
const AFTER_NUMBER = asciiTable(")]}>,;:.\"'|");
// A module constant, not the imported binding: compiled ES module imports become property reads.
const ANY = WILDCARD;
const COLON = 58;
const DOT = 46;
const SLASH = 47;

/**
 * The masked form of a token made of a plain prefix, one decimal number and closing punctuation
 * (`42`, `uid=0`, `(uid=0)`, `SRC=10.0.0.1`, `[1]`, `10.0.0.1:`), or null for any other token.
 * It gives exactly what the full mask regex gives for such tokens (a test compares them on every
 * token of the Loghub samples), without running the regex: the prefix holds no digit, dot, slash or
 * second colon, so no address, hex, host or path pattern can start in it or reach across the number.
 * Valid whenever the `number` mask is on.
 */
export function maskNumberToken(text: string, start = 0, end = text.length): string | null {
  // The token is `text.slice(start, end)`; the tokenizer passes its message and offsets so that
  // a token masked whole (`42`, most of them) is never sliced out at all.
  let colons = 0;
  let i = start;
  let c = text.charCodeAt(start);
  while (i < end && !isDigit(c)) {
    if (c === DOT || c === SLASH || c >= 128) return null;
    if (c === COLON) colons++;
    c = text.charCodeAt(++i);
  }
  const numberStart = i;
  if (numberStart === end) return null;
  if (numberStart > start && BEFORE_NUMBER[text.charCodeAt(numberStart - 1)] !== 1) return null;
  // \d+(\.\d+)*
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  while (i + 1 < end && text.charCodeAt(i) === DOT && isDigit(text.charCodeAt(i + 1))) {
    i += 2;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
  }
  const numberEnd = i;
  for (; i < end; i++) {
    c = text.charCodeAt(i);
    if (AFTER_NUMBER[c] !== 1) return null;
    if (c === COLON) colons++;
  }
  // Two colons could make an IPv6 address or a clock time of more than the number.
  if (colons > 1) return null;
  if (numberStart === start && numberEnd === end) return ANY;
  return text.slice(start, numberStart) + ANY + text.slice(numberEnd, end);
}
