import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { splitLines } from "../../../lib/logs/line-splitter";
import { HASH_START, hashStep, MaskedTokenCache } from "../../../lib/logs/templates/masked-token-cache";
import { createTokenizer } from "../../../lib/logs/templates/mask-variables";
import { MASK_NAMES, MASK_PATTERNS, WILDCARD } from "../../../lib/logs/templates/mask-patterns";
import { readFixture } from "../../fixtures/fixture-path";

const hashOf = (text: string, start = 0, end = text.length): number => {
  let hash = HASH_START;
  for (let i = start; i < end; i++) hash = hashStep(hash, text.charCodeAt(i));
  return hash;
};

const everyPattern = new RegExp(
  MASK_NAMES.filter((name) => name !== "datetime").map((name) => MASK_PATTERNS[name]).join("|"),
  "g",
);

describe("MaskedTokenCache", () => {
  it("answers a remembered token found inside a longer text, without slicing it out", () => {
    const cache = new MaskedTokenCache();
    cache.set("HTTP/1.1\"", hashOf("HTTP/1.1\""), "HTTP/<*>\"");
    const text = "GET / HTTP/1.1\" 200";
    assert.equal(cache.get(text, 6, 15, hashOf(text, 6, 15)), "HTTP/<*>\"");
  });

  it("answers nothing for a token it has not seen, even when the hash and length agree", () => {
    const cache = new MaskedTokenCache();
    cache.set("abc1", hashOf("abc1"), "<*>");
    assert.equal(cache.get("abc2", 0, 4, hashOf("abc2")), undefined);
    // A forged hash collision: the characters are still compared.
    assert.equal(cache.get("abc2", 0, 4, hashOf("abc1")), undefined);
    assert.equal(cache.get("abc1x", 0, 5, hashOf("abc1")), undefined);
  });
});

describe("createTokenizer with its caches", () => {
  it("masks every token of the Loghub samples as the mask regex alone does, the first time and when cached", () => {
    const tokenize = createTokenizer(MASK_NAMES.filter((name) => name !== "datetime"));
    const lines = ["Linux_2k.log", "OpenSSH_2k.log"].flatMap((name) => splitLines(readFixture("loghub", name)));
    for (let pass = 0; pass < 2; pass++) {
      for (const line of lines) {
        const expected = line.split(/\s+/).filter((t) => t !== "").map((t) => t.replace(everyPattern, WILDCARD));
        assert.deepEqual(tokenize(line), expected, line);
      }
    }
  });
});
