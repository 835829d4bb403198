/**
 * The one rule for repeating a value the user gave (an option, a form field, a name, a line of
 * their file) inside a refusal sentence. Imports nothing, so every layer and client code may use it.
 */

/** How many characters (code points) of a given value a sentence repeats before it shortens it. */
export const QUOTED_INPUT_CHARACTERS = 80;

/**
 * Characters JSON.stringify leaves as they are but that still break "one sentence on one line" or
 * change what a reader sees: DEL and the C1 controls (U+0085 is a line break to some viewers, U+009B
 * starts a terminal escape), the Unicode line and paragraph separators, the bidirectional overrides
 * and isolates (they reorder the rest of the line, as in "Trojan Source") and the byte order mark.
 */
const INVISIBLE = /[\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

const escaped = (character: string) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`;

/**
 * `value` as the sentence shows it: in double quotes, written as a JSON string, so a line break, a
 * NUL, a terminal escape, a quote or a backslash shows as its escape (`\n`, `\u0000`, `\u001b`, `\"`,
 * `\\`) and the sentence stays one line that nobody can extend with a forged second one. A value of
 * more than 80 characters shows its first 80 and an ellipsis inside the quotes (`"aaaa…"`): enough
 * to recognise what was typed, while a megabyte field cannot make the refusal a megabyte. It is cut
 * by code points, so an emoji (a surrogate pair) is never cut in half. Numbers (and other
 * non-strings a call site has at hand) are shown as String() writes them, quoted the same way.
 */
export function quoteInput(value: string | number): string {
  const text = String(value);
  // A code point is at most two UTF-16 units, so this head holds one more than the limit whenever
  // the value is longer: a line of megabytes is never split whole into characters.
  const head = Array.from(text.slice(0, 2 * (QUOTED_INPUT_CHARACTERS + 1)));
  const shown = head.length > QUOTED_INPUT_CHARACTERS ? `${head.slice(0, QUOTED_INPUT_CHARACTERS).join("")}…` : text;
  return JSON.stringify(shown).replace(INVISIBLE, escaped);
}
