import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { createTokenizer, type TokenKindsOut } from "../../../lib/logs/templates/mask-variables";
import { tokenKind, VARIABLE, WORD } from "../../../lib/logs/templates/token-kinds";

/** The tokens and the kinds the tokenizer wrote beside them (only as many kinds as tokens). */
function tokensAndKinds(tokenize: ReturnType<typeof createTokenizer>, message: string, out: TokenKindsOut = { kinds: new Uint8Array(1) }) {
  const tokens = tokenize(message, out);
  return { tokens, kinds: [...out.kinds.subarray(0, tokens.length)] };
}

describe("the tokenizer's token kinds", () => {
  const tokenize = createTokenizer();

  it("are the kinds tokenKind gives its tokens, hand-checked", () => {
    const { tokens, kinds } = tokensAndKinds(tokenize, "Accepted ssh2 for <user> from 10.0.0.1 port 22 a<b ee0 x_9 é <*> sshd(pam_unix)[19939]:");
    assert.deepEqual(tokens, ["Accepted", "ssh2", "for", "<user>", "from", "<*>", "port", "<*>", "a<b", "ee0", "x_9", "é", "<*>", "sshd(pam_unix)[<*>]:"]);
    assert.deepEqual(kinds, [WORD, VARIABLE | WORD, WORD, VARIABLE, WORD, VARIABLE, WORD, VARIABLE, 0, VARIABLE | WORD, VARIABLE, 0, VARIABLE, VARIABLE]);
    assert.deepEqual(kinds, tokens.map(tokenKind));
  });

  it("leave the array alone when none is given, and grow the one given as needed", () => {
    assert.deepEqual(tokenize("a b c"), ["a", "b", "c"]);
    const out: TokenKindsOut = { kinds: new Uint8Array(1) };
    tokenize(Array.from({ length: 200 }, (_, k) => `w${k}`).join(" "), out);
    assert.ok(out.kinds.length >= 200);
  });

  // Tokens from pieces that reach every branch: letters in both cases, digits, dots, slashes, angle
  // brackets (one, two, a mask's `<NAME>`), `<*>`, non-ASCII letters, underscores, dates and IPs.
  const pieces = ["a", "Z", "ssh", "2", "42", ".", "/", "<", ">", "<*>", "<IP>", "_", "-", "=", ":", "é", "ſ", "\u212a", "10.0.0.1", "2024-01-02 03:04:05", "0x1f", "[", "]", "(", ")"];
  const token = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 6 }).map((p) => p.join(""));
  const message = fc.array(fc.tuple(token, fc.constantFrom(" ", "  ", "\t", "\u00a0", "\u3000")), { maxLength: 10 }).map((t) => t.flat().join(""));

  for (const [name, masks] of [["every mask", undefined], ["no masks", [] as const], ["numbers only", ["number"] as const]] as const) {
    it(`are the kinds tokenKind gives its tokens, with ${name} (fast-check)`, () => {
      const tokenizeWith = createTokenizer(masks);
      fc.assert(
        fc.property(message, (text) => {
          const { tokens, kinds } = tokensAndKinds(tokenizeWith, text);
          assert.deepEqual(kinds, tokens.map(tokenKind));
        }),
        { numRuns: 3000 },
      );
    });
  }
});
