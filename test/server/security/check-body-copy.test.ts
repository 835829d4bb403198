import { test } from "node:test";
import assert from "node:assert/strict";
import { checkBodyCopy, MIDDLEWARE_BODY_LIMIT } from "@/lib/server/security/check-body-copy";
import { assertOneSentence } from "../http/one-sentence";

test("a body the middleware's copy can hold passes; a larger one is a 413 with one sentence", () => {
  for (const length of [null, "", "0", "1024", String(MIDDLEWARE_BODY_LIMIT)]) assert.deepEqual(checkBodyCopy(length), { allowed: true }, String(length));
  const verdict = checkBodyCopy(String(MIDDLEWARE_BODY_LIMIT + 1));
  assert.ok(!verdict.allowed);
  assert.equal(verdict.status, 413);
  assertOneSentence(verdict.message);
  assert.match(verdict.message, /^Bodies over 10 MiB cannot pass .*127\.0\.0\.1, localhost or the server's IP address/);
  assert.equal(checkBodyCopy("2048", 1024).allowed, false);
});
