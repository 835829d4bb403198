import { test } from "node:test";
import assert from "node:assert/strict";
import { RUN_STARTS, SIGN_IN_ATTEMPTS, SIGN_IN_PER_NAME, UPLOADS, RateLimiter, clientAddress, rateLimitedResponse, type RateLimit } from "@/lib/server/http/rate-limit";
import { assertOneSentence } from "./one-sentence";

const THREE_A_MINUTE: RateLimit = { limit: 3, windowMs: 60_000, sentence: (seconds) => `Wait ${seconds} seconds.` };

/** A limiter on a clock the test moves. */
function clocked(rule: RateLimit = THREE_A_MINUTE, maxKeys?: number) {
  const clock = { now: 1_000_000 };
  return { clock, limiter: new RateLimiter(rule, { now: () => clock.now, maxKeys }) };
}

test("a key may make up to the limit of requests in a window, and others keys are counted apart", () => {
  const { limiter } = clocked();
  for (let i = 0; i < 3; i++) assert.equal(limiter.take("a"), null, `request ${i + 1}`);
  assert.notEqual(limiter.take("a"), null);
  assert.equal(limiter.take("b"), null);
});

test("a request beyond the limit is refused with the seconds until the oldest one leaves the window", () => {
  const { clock, limiter } = clocked();
  limiter.take("a");
  clock.now += 20_000;
  limiter.take("a");
  limiter.take("a");
  clock.now += 27_500;
  // The first request leaves the window 60 s after it was made: 12.5 s from now, rounded up.
  assert.equal(limiter.take("a"), 13);
  clock.now += 12_499;
  assert.equal(limiter.take("a"), 1);
});

test("refused requests are not counted, so a key recovers once its window has passed", () => {
  const { clock, limiter } = clocked();
  for (let i = 0; i < 3; i++) limiter.take("a");
  for (let i = 0; i < 10; i++) assert.notEqual(limiter.take("a"), null);
  clock.now += 60_000;
  for (let i = 0; i < 3; i++) assert.equal(limiter.take("a"), null, `request ${i + 1} after the window`);
  assert.notEqual(limiter.take("a"), null);
});

test("a refund gives back the last counted request", () => {
  const { limiter } = clocked();
  for (let i = 0; i < 3; i++) limiter.take("a");
  limiter.refund("a");
  assert.equal(limiter.take("a"), null);
  assert.notEqual(limiter.take("a"), null);
});

test("the number of keys stays bounded, and the least recently used key is forgotten first", () => {
  const { limiter } = clocked(THREE_A_MINUTE, 100);
  for (let i = 0; i < 3; i++) limiter.take("kept");
  for (let i = 0; i < 1000; i++) {
    limiter.take(`client ${i}`);
    // "kept" is used now and then, so it is never the least recently used.
    if (i % 50 === 0) assert.notEqual(limiter.take("kept"), null);
  }
  assert.equal(limiter.size, 100);
  assert.notEqual(limiter.take("kept"), null, "a key in use keeps its count");
  assert.equal(limiter.take("client 0"), null, "a forgotten key starts over");
});

test("behind a trusted proxy the client address is the first X-Forwarded-For entry, else local", () => {
  process.env.LOGSCOPE_TRUST_PROXY = "on";
  try {
    assert.equal(clientAddress(new Headers({ "x-forwarded-for": " 203.0.113.7 , 10.0.0.1" })), "203.0.113.7");
    assert.equal(clientAddress(new Headers()), "local");
    assert.equal(clientAddress(new Headers({ "x-forwarded-for": " , " })), "local");
  } finally {
    delete process.env.LOGSCOPE_TRUST_PROXY;
  }
});

test("without a trusted proxy X-Forwarded-For is ignored, so a forged one cannot escape a limit", () => {
  assert.equal(clientAddress(new Headers({ "x-forwarded-for": "203.0.113.7" })), "local");
  assert.equal(clientAddress(new Headers({ "x-forwarded-for": "198.51.100.1" })), "local");
});

test("the production limits refuse with one sentence that says how long to wait", async () => {
  assert.equal(RUN_STARTS.sentence(12), "Too many runs started in the last minute; wait 12 seconds and try again.");
  assert.equal(UPLOADS.sentence(1), "Too many uploads in the last minute; wait 1 second and try again.");
  for (const rule of [RUN_STARTS, UPLOADS, SIGN_IN_ATTEMPTS]) assertOneSentence(rule.sentence(30), "rate limit sentence");
  const response = rateLimitedResponse({ message: RUN_STARTS.sentence(12), retryAfterSeconds: 12 });
  assert.equal(response.status, 429);
  assert.equal(response.headers.get("retry-after"), "12");
  assert.deepEqual(await response.json(), { error: "Too many runs started in the last minute; wait 12 seconds and try again." });
});

test("sign-in attempts for one name are held to 30 a minute whatever address a client claims", () => {
  const limiter = new RateLimiter(SIGN_IN_PER_NAME, { now: () => 0 });
  for (let k = 0; k < 30; k++) assert.equal(limiter.take("alice"), null);
  assert.ok((limiter.take("alice") ?? 0) > 0);
  assert.match(SIGN_IN_PER_NAME.sentence(7), /^Too many sign-in attempts for this name in the last minute; .*\.$/);
});
