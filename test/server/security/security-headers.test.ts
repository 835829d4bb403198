import { test } from "node:test";
import assert from "node:assert/strict";
import { contentSecurityPolicy, createNonce, securityHeaders } from "@/lib/server/security/security-headers";

const directives = (policy: string) => new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name = "", ...values]) => [name, values]));

test("the CSP allows scripts by nonce only, and nothing from other origins", () => {
  const csp = directives(contentSecurityPolicy("abc123==", false));
  assert.deepEqual(csp.get("default-src"), ["'self'"]);
  assert.deepEqual(csp.get("script-src"), ["'self'", "'nonce-abc123=='"]);
  assert.deepEqual(csp.get("style-src"), ["'self'", "'unsafe-inline'"]);
  assert.deepEqual(csp.get("img-src"), ["'self'", "data:", "blob:"]);
  assert.deepEqual(csp.get("connect-src"), ["'self'"]);
  assert.deepEqual(csp.get("frame-ancestors"), ["'none'"]);
  assert.deepEqual(csp.get("base-uri"), ["'self'"]);
  assert.deepEqual(csp.get("form-action"), ["'self'"]);
  assert.deepEqual(csp.get("object-src"), ["'none'"]);
  for (const [name, values] of csp) assert.ok(!values.includes("*") && !values.some((v) => /^https?:/.test(v)), name);
});

test("only next dev gets 'unsafe-eval'", () => {
  assert.ok(!contentSecurityPolicy("n", false).includes("unsafe-eval"));
  assert.match(contentSecurityPolicy("n", true), /script-src 'self' 'nonce-n' 'unsafe-eval'/);
});

test("nonces are fresh 128-bit base64 values", () => {
  const nonces = new Set(Array.from({ length: 100 }, createNonce));
  assert.equal(nonces.size, 100);
  for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
});

test("every response's headers: the CSP, no framing, no sniffing, no referrer to other sites", () => {
  const headers = securityHeaders("n", false);
  assert.equal(headers["content-security-policy"], contentSecurityPolicy("n", false));
  assert.equal(headers["x-frame-options"], "DENY");
  assert.equal(headers["x-content-type-options"], "nosniff");
  assert.equal(headers["referrer-policy"], "same-origin");
});
