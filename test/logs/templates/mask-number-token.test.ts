import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { splitLines } from "../../../lib/logs/line-splitter";
import { maskNumberToken } from "../../../lib/logs/templates/mask-number-token";
import { MASK_NAMES, MASK_PATTERNS, WILDCARD } from "../../../lib/logs/templates/mask-patterns";
import { readFixture } from "../../fixtures/fixture-path";

const everyPattern = new RegExp(
  MASK_NAMES.filter((name) => name !== "datetime").map((name) => MASK_PATTERNS[name]).join("|"),
  "g",
);
const byRegex = (token: string): string => token.replace(everyPattern, WILDCARD);

const EDGE_CASES = [
  "42", "uid=0", "(uid=0)", "SRC=10.0.0.1", "[1]", "10.0.0.1:", "CPU#0", "2.6.5", "3.14.", "1..2", "12.",
  "(-12)", "x-=12", "+5", "ab:12:", "a:b:1", "=12::", "12345678", "12345678.9", "123456789,", "deadbeef=1",
  "x=1:2", "port=22;", "\"7\"", "'7'", "{7}", "<7>", "a|7|", "ssh2", "12ms", "0x1f", "tty=pts/0", "é=1",
  "10.0.0.1:22", "v1.2", "ID=54321", "[12345.678]", "1e5", "07:57:30", "a.b.c=1",
];

function loghubTokens(): string[] {
  const tokens = new Set<string>();
  for (const name of ["Linux_2k.log", "OpenSSH_2k.log"]) {
    for (const line of splitLines(readFixture("loghub", name))) {
      for (const token of line.split(/\s+/)) if (token !== "") tokens.add(token);
    }
  }
  return [...tokens];
}

describe("maskNumberToken", () => {
  it("masks the number of a plain numeric token and keeps its prefix and closing punctuation", () => {
    assert.equal(maskNumberToken("42"), "<*>");
    assert.equal(maskNumberToken("(uid=0)"), "(uid=<*>)");
    assert.equal(maskNumberToken("SRC=10.0.0.1"), "SRC=<*>");
    assert.equal(maskNumberToken("183.62.140.253:"), "<*>:");
  });

  it("declines tokens it cannot settle alone, such as units, slashes, ports and digits inside words", () => {
    for (const token of ["12ms", "tty=pts/0", "10.0.0.1:22", "ssh2", "(-12)", "a:b:1"]) assert.equal(maskNumberToken(token), null, token);
  });

  it("masks a token given by its offsets inside a longer text as it masks the token alone", () => {
    const text = "uid=0 SRC=10.0.0.1 12ms (uid=0)";
    assert.equal(maskNumberToken(text, 0, 5), "uid=<*>");
    assert.equal(maskNumberToken(text, 6, 18), "SRC=<*>");
    assert.equal(maskNumberToken(text, 19, 23), null);
    assert.equal(maskNumberToken(text, 24, 31), "(uid=<*>)");
    for (const token of [...EDGE_CASES, ...loghubTokens()]) assert.equal(maskNumberToken(` ${token} `, 1, token.length + 1), maskNumberToken(token), token);
  });

  it("agrees with the full mask regex on every token it settles, from edge cases and both Loghub samples", () => {
    let settled = 0;
    for (const token of [...EDGE_CASES, ...loghubTokens()]) {
      const fast = maskNumberToken(token);
      if (fast === null) continue;
      settled++;
      assert.equal(fast, byRegex(token), token);
    }
    assert.ok(settled > 1000, `only ${settled} tokens settled`);
  });
});
