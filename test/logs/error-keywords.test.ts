import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ERROR_KEYWORDS, hasErrorKeyword } from "../../lib/logs/error-keywords";

describe("hasErrorKeyword", () => {
  it("finds every listed keyword on its own, in any case", () => {
    for (const word of ERROR_KEYWORDS) {
      assert.ok(hasErrorKeyword(`something ${word} here`), word);
      assert.ok(hasErrorKeyword(word.toUpperCase()), word.toUpperCase());
    }
  });

  it("finds keywords next to punctuation, as in real messages", () => {
    for (const message of [
      "end_request: I/O error, dev sda, sector 1234",
      "[FAILED] Failed to start nginx.service.",
      "Out of memory: Killed process 4242 (java)",
      "connect to 10.0.0.1 port 22: Connection refused",
      "Kernel panic - not syncing: Fatal exception",
      "python[99]: segfault at 0 ip 00007f error 4",
      "pam_unix(sshd:auth): authentication failure; logname= uid=0",
      "Connection timed out",
      "request timeout=30s",
      "ERROR:root:cannot open /var/lib/x",
    ]) {
      assert.ok(hasErrorKeyword(message), message);
    }
  });

  it("lets words of a phrase be separated by any whitespace", () => {
    assert.ok(hasErrorKeyword("Out  of\tmemory"));
    assert.ok(hasErrorKeyword("operation timed   out"));
  });

  it("ignores keywords inside longer words and parts of phrases", () => {
    for (const message of [
      "terror alert level green",
      "failsafe mode off",
      "failover to node b complete",
      "EXT3_ERROR_HANDLER installed",
      "criticality assessment done",
      "out of stock",
      "timed job started",
      "session opened for user root by (uid=0)",
      "errorless run",
    ]) {
      assert.equal(hasErrorKeyword(message), false, message);
    }
  });
});
