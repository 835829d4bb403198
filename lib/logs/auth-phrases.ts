/**
 * docs/pipeline.md §3's `/failed password|authentication failure/i` and `/invalid user|user unknown/i`, checked
 * on UTF-8 bytes where the message scan ends a token on a space: each phrase is "word space word",
 * so that space is the only place one can occur. Running the two regexes per message cost more
 * than all other features together. The regexes stay as the reference the tests compare against.
 */
export const FAILED_AUTH_PATTERN = /failed password|authentication failure/i;
export const INVALID_USER_PATTERN = /invalid user|user unknown/i;

export const FAILED_AUTH = 1;
export const INVALID_USER = 2;

const LOWER_D = 0x64;
const LOWER_N = 0x6e;
const LOWER_R = 0x72;
const WORDS = ["failed", "password", "invalid", "user", "authentication", "failure", "unknown"].map((w) =>
  Uint8Array.from(w, (ch) => ch.charCodeAt(0)),
);
const [FAILED, PASSWORD, INVALID, USER, AUTHENTICATION, FAILURE, UNKNOWN] = WORDS as [
  Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array,
];

/**
 * Without the u flag, /i folds only ASCII letters onto each other, and UTF-8 bytes of other
 * characters are >= 0x80, so `byte | 0x20` against a lower-case ASCII letter is the regex's test.
 */
function matchesAt(bytes: Uint8Array, at: number, word: Uint8Array): boolean {
  for (let k = 0; k < word.length; k++) {
    if ((bytes[at + k]! | 0x20) !== word[k]) return false;
  }
  return true;
}

function hasPhrase(
  bytes: Uint8Array, tokenStart: number, space: number, end: number, first: Uint8Array, second: Uint8Array,
): boolean {
  const firstStart = space - first.length;
  return (
    firstStart >= tokenStart &&
    space + 1 + second.length <= end &&
    matchesAt(bytes, firstStart, first) &&
    matchesAt(bytes, space + 1, second)
  );
}

/**
 * Flags (FAILED_AUTH | INVALID_USER) of the phrases whose space is `bytes[space]`, given the token
 * `bytes[tokenStart, space)` and a message ending at `end`.
 */
export function findPhrasesAtSpace(bytes: Uint8Array, tokenStart: number, space: number, end: number): number {
  const last = bytes[space - 1]! | 0x20;
  if (last === LOWER_D) {
    if (hasPhrase(bytes, tokenStart, space, end, FAILED, PASSWORD)) return FAILED_AUTH;
    return hasPhrase(bytes, tokenStart, space, end, INVALID, USER) ? INVALID_USER : 0;
  }
  if (last === LOWER_N) return hasPhrase(bytes, tokenStart, space, end, AUTHENTICATION, FAILURE) ? FAILED_AUTH : 0;
  if (last === LOWER_R) return hasPhrase(bytes, tokenStart, space, end, USER, UNKNOWN) ? INVALID_USER : 0;
  return 0;
}
