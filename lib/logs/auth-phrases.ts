/**
 * SPEC §3's `/failed password|authentication failure/i` and `/invalid user|user unknown/i`, checked
 * where the message scan ends a token on a space, which is the only place those phrases can
 * straddle: each is "word space word". Running the two regexes per message cost more than all
 * other features together. The regexes stay exported as the reference the tests compare against.
 */
export const FAILED_AUTH_PATTERN = /failed password|authentication failure/i;
export const INVALID_USER_PATTERN = /invalid user|user unknown/i;

export const FAILED_AUTH = 1;
export const INVALID_USER = 2;

const LOWER_D = 0x64;
const LOWER_N = 0x6e;
const LOWER_R = 0x72;

/**
 * Without the u flag, /i only folds ASCII letters onto each other, so `code | 0x20` compared with a
 * lower-case ASCII letter is exactly the regex's comparison.
 */
function matchesAt(source: string, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) {
    if ((source.charCodeAt(at + k) | 0x20) !== word.charCodeAt(k)) return false;
  }
  return true;
}

function hasPhrase(source: string, tokenStart: number, space: number, end: number, first: string, second: string): boolean {
  const firstStart = space - first.length;
  const secondEnd = space + 1 + second.length;
  return (
    firstStart >= tokenStart &&
    secondEnd <= end &&
    matchesAt(source, firstStart, first) &&
    matchesAt(source, space + 1, second)
  );
}

/**
 * Flags (FAILED_AUTH | INVALID_USER) of the phrases whose space is `source[space]`, given the token
 * `source[tokenStart, space)` and a message ending at `end`.
 */
export function phrasesAtSpace(source: string, tokenStart: number, space: number, end: number): number {
  const last = source.charCodeAt(space - 1) | 0x20;
  if (last === LOWER_D) {
    if (hasPhrase(source, tokenStart, space, end, "failed", "password")) return FAILED_AUTH;
    return hasPhrase(source, tokenStart, space, end, "invalid", "user") ? INVALID_USER : 0;
  }
  if (last === LOWER_N) return hasPhrase(source, tokenStart, space, end, "authentication", "failure") ? FAILED_AUTH : 0;
  if (last === LOWER_R) return hasPhrase(source, tokenStart, space, end, "user", "unknown") ? INVALID_USER : 0;
  return 0;
}
