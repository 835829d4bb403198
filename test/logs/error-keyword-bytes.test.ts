import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { hasErrorKeywordBytes } from "../../lib/logs/error-keyword-bytes";
import { ERROR_KEYWORDS, hasErrorKeyword } from "../../lib/logs/error-keywords";

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const onBytes = (text: string) => {
  const bytes = encoder.encode(text);
  return hasErrorKeywordBytes(bytes, 0, bytes.length);
};

/** Every BMP character that is not a surrogate, plus one astral character. */
function* everyCharacter(): Generator<string> {
  for (let c = 0; c <= 0xffff; c++) if (c < 0xd800 || c > 0xdfff) yield String.fromCharCode(c);
  yield "😀";
}

describe("hasErrorKeywordBytes", () => {
  it("finds what hasErrorKeyword finds in hand-checked messages", () => {
    const cases: [string, boolean][] = [
      ["end_request: I/O error, dev sda", true],
      ["[FAILED] Failed to start nginx.service.", true],
      ["Out of memory: Killed process 4242 (java)", true],
      ["Connection timed\u00a0out", true],
      ["Out\u3000of \u2028memory", true],
      ["timed outside", false],
      ["out of memoryless", false],
      ["EXT3_ERROR_HANDLER installed", false],
      ["terror alert", false],
      ["", false],
    ];
    for (const [message, expected] of cases) {
      assert.equal(hasErrorKeyword(message), expected, `regex on ${message}`);
      assert.equal(onBytes(message), expected, message);
    }
  });

  it("reads only its range of the bytes", () => {
    const bytes = encoder.encode("error: fine here, error");
    assert.equal(hasErrorKeywordBytes(bytes, 6, 18), false);
    assert.equal(hasErrorKeywordBytes(bytes, 0, 5), true);
    assert.equal(hasErrorKeywordBytes(bytes, 0, 4), false);
  });

  it("agrees with the regex on every character as a phrase's gap, a word's neighbour or in place of each letter", () => {
    for (const ch of everyCharacter()) {
      for (const text of [`timed${ch}out`, `x${ch}error${ch}x`, `${ch}FAIL`, `Out of${ch}memory`]) {
        assert.equal(onBytes(text), hasErrorKeyword(text), JSON.stringify(text));
      }
      for (let k = 0; k < 4; k++) {
        const text = `${"oops".slice(0, k)}${ch}${"oops".slice(k + 1)}`;
        assert.equal(onBytes(text), hasErrorKeyword(text), JSON.stringify(text));
      }
    }
  });

  // Messages made of pieces that come close to keywords: whole and cut words, case, every kind of
  // whitespace, word and non-word neighbours, non-ASCII letters (ſ and the Kelvin sign fold to ASCII
  // letters only under the `u` flag).
  const pieces = [
    ...ERROR_KEYWORDS.flatMap((k) => k.split(" ")), "tim", "ed", "ou", "t", "mem", "ory", "fai", "l", "ERR", "OR",
    " ", "  ", "\t", "\n", "\u00a0", "\u1680", "\u2000", "\u200a", "\u200b", "\u2028", "\u202f", "\u205f", "\u3000", "\ufeff", "\u180e", "\u0085",
    "_", "9", "a", "Z", "-", ".", ":", "[", "=", "é", "ſ", "\u212a", "İ", "😀",
  ];
  const message = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.constantFrom(...pieces).map((p) => p.toUpperCase())), { maxLength: 12 }).map((p) => p.join(""));

  it("agrees with the regex on messages built from near-keywords (fast-check)", () => {
    fc.assert(fc.property(message, (text) => onBytes(text) === hasErrorKeyword(text)), { numRuns: 5000 });
  });

  it("agrees with the regex on the decoded text of damaged UTF-8 (fast-check)", () => {
    const bytes = fc
      .array(fc.oneof(message.map((t) => [...encoder.encode(t)]), fc.array(fc.integer({ min: 0x80, max: 0xff }), { maxLength: 3 })), { maxLength: 8 })
      .map((parts) => Uint8Array.from(parts.flat()));
    fc.assert(fc.property(bytes, (b) => hasErrorKeywordBytes(b, 0, b.length) === hasErrorKeyword(decoder.decode(b))), { numRuns: 5000 });
  });
});
