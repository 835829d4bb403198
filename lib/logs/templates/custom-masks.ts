import { quoteInput } from "@/lib/domain/quote-input";
import { UserInputError } from "@/lib/domain/user-input-error";
import type { MaskSpec } from "../formats/types";
import { WILDCARD } from "./mask-patterns";

/** Rewrites a whole message, replacing every match of each mask in turn. */
export type ApplyMasks = (message: string) => string;

const NAME = /^[A-Za-z0-9_.:-]+$/;

/**
 * Why a pattern is not a regular expression, without the pattern: V8's message repeats it raw
 * ("Invalid regular expression: /a\n(/g: Unterminated group"), and the sentence already shows it
 * once, quoted, so a line break in it cannot break the sentence there.
 */
function regexReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = message.lastIndexOf(": ");
  const reason = at < 0 ? message : message.slice(at + 2);
  return `${reason.charAt(0).toLowerCase()}${reason.slice(1)}`;
}

/**
 * Compiles `--mask REGEX[=NAME]` masks and a format's preset masks (docs/pipeline.md §1b) into one
 * function, or null when there are none so that the common case costs nothing. The masks run on the
 * whole message, not on tokens, because published presets (logparser's) match across spaces
 * (`<\d+\ssec`, `0x.*?\s`). They run in the order given: a later mask sees the earlier ones' `<NAME>`.
 * Refuses with a UserInputError a pattern that is not a JavaScript regular expression, one that
 * matches the empty string (it would put a `<*>` between every two characters) and an odd name.
 */
export function compileMasks(masks: readonly MaskSpec[]): ApplyMasks | null {
  if (masks.length === 0) return null;
  const compiled = masks.map((mask) => {
    let regex: RegExp;
    try {
      // No `u` flag: logparser's presets escape characters (`\-`) that Unicode mode refuses.
      regex = new RegExp(mask.pattern, "g");
    } catch (error) {
      throw new UserInputError(
        `--mask ${quoteInput(mask.pattern)} is not a valid regular expression: ${regexReason(error)}. Write it in JavaScript syntax, for example --mask "blk_-?\\d+=BLOCK".`,
      );
    }
    if (regex.test("")) {
      throw new UserInputError(
        `--mask ${quoteInput(mask.pattern)} matches the empty string, so it would mask between every two characters: make it match at least one character, for example "\\d+" instead of "\\d*".`,
      );
    }
    if (mask.name !== undefined && !NAME.test(mask.name)) {
      throw new UserInputError(
        `--mask name ${quoteInput(mask.name)} may hold only letters, digits and _ . : - (it becomes the token <NAME>): pick a name such as IP or BLOCK.`,
      );
    }
    return { regex, replacement: mask.name === undefined ? WILDCARD : `<${mask.name}>` };
  });
  return (message) => {
    let text = message;
    for (const { regex, replacement } of compiled) {
      regex.lastIndex = 0;
      text = text.replace(regex, replacement);
    }
    return text;
  };
}
