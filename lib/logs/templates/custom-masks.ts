import { UserInputError } from "@/lib/domain/user-input-error";
import type { MaskSpec } from "../formats/types";
import { WILDCARD } from "./mask-patterns";

/** Rewrites a whole message, replacing every match of each mask in turn. */
export type ApplyMasks = (message: string) => string;

const NAME = /^[A-Za-z0-9_.:-]+$/;

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
      const reason = error instanceof Error ? error.message : String(error);
      throw new UserInputError(
        `--mask "${mask.pattern}" is not a valid regular expression: ${reason}. Write it in JavaScript syntax, for example --mask "blk_-?\\d+=BLOCK".`,
      );
    }
    if (regex.test("")) {
      throw new UserInputError(
        `--mask "${mask.pattern}" matches the empty string, so it would mask between every two characters: make it match at least one character, for example "\\d+" instead of "\\d*".`,
      );
    }
    if (mask.name !== undefined && !NAME.test(mask.name)) {
      throw new UserInputError(
        `--mask name "${mask.name}" may hold only letters, digits and _ . : - (it becomes the token <${mask.name}>): pick a name such as IP or BLOCK.`,
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
