import { test } from "node:test";
import assert from "node:assert/strict";
import { changesState, checkRequestOrigin, CROSS_SITE_REFUSAL, ownOrigin, type RequestFacts } from "@/lib/server/security/check-request-origin";
import { assertOneSentence } from "../http/one-sentence";

const OWN = "http://127.0.0.1:3000";
const facts = (over: Partial<RequestFacts>): RequestFacts => ({ method: "POST", fetchSite: null, origin: null, ownOrigin: OWN, ...over });
const allowed = (over: Partial<RequestFacts>) => checkRequestOrigin(facts(over)).allowed;

test("the refusal is a 403 with one sentence", () => {
  const verdict = checkRequestOrigin(facts({ fetchSite: "cross-site" }));
  assert.deepEqual(verdict, { allowed: false, status: 403, message: CROSS_SITE_REFUSAL });
  assertOneSentence(CROSS_SITE_REFUSAL);
});

test("every method but GET, HEAD and OPTIONS changes state and is checked", () => {
  for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
    assert.equal(changesState(method), false, method);
    assert.equal(allowed({ method, fetchSite: "cross-site", origin: "https://attacker.example" }), true, method);
  }
  for (const method of ["POST", "PUT", "DELETE", "PATCH", "post", "PROPFIND"]) {
    assert.equal(changesState(method), true, method);
    assert.equal(allowed({ method, fetchSite: "cross-site", origin: "https://attacker.example" }), false, method);
  }
});

test("Sec-Fetch-Site decides when present: same-origin and none pass, same-site and cross-site do not", () => {
  assert.equal(allowed({ fetchSite: "same-origin", origin: OWN }), true);
  // A typed address or a bookmark (a form resubmitted on reload, say).
  assert.equal(allowed({ fetchSite: "none" }), true);
  // Another port of the same host is the same site but not the same origin.
  assert.equal(allowed({ fetchSite: "same-site", origin: "http://127.0.0.1:3001" }), false);
  assert.equal(allowed({ fetchSite: "cross-site", origin: "http://127.0.0.2:4000" }), false);
  assert.equal(allowed({ fetchSite: "something-new" }), false);
  // The browser's own word wins over an Origin that would pass.
  assert.equal(allowed({ fetchSite: "cross-site", origin: OWN }), false);
});

test("without Sec-Fetch-Site, an Origin must be the request's own", () => {
  assert.equal(allowed({ origin: OWN }), true);
  assert.equal(allowed({ origin: "HTTP://127.0.0.1:3000" }), true);
  assert.equal(allowed({ origin: "https://attacker.example" }), false);
  assert.equal(allowed({ origin: "http://localhost:3000" }), false);
  assert.equal(allowed({ origin: "https://127.0.0.1:3000" }), false);
  assert.equal(allowed({ origin: "http://127.0.0.1:3001" }), false);
  // Sandboxed frames and opaque pages send "null"; junk is no origin either.
  assert.equal(allowed({ origin: "null" }), false);
  assert.equal(allowed({ origin: "not a url" }), false);
});

test("a request with neither header (curl, the CLI, a script) is allowed", () => {
  for (const method of ["POST", "PUT", "DELETE"]) assert.equal(allowed({ method }), true, method);
});

test("the request's own origin is its scheme and Host, the scheme from X-Forwarded-Proto behind a TLS proxy", () => {
  assert.equal(ownOrigin("127.0.0.1:3000", "http:", null), "http://127.0.0.1:3000");
  assert.equal(ownOrigin("Logs.Example.com", "http:", "https"), "https://logs.example.com");
  assert.equal(ownOrigin("logs.example.com:443", "http:", "https, http"), "https://logs.example.com");
  assert.equal(ownOrigin("logs.example.com", "http:", "gopher"), "http://logs.example.com");
  assert.equal(allowed({ origin: "https://logs.example.com", ownOrigin: ownOrigin("logs.example.com", "http:", "https") }), true);
});
