import { test } from "node:test";
import assert from "node:assert/strict";
import {
  accessRule, bearerToken, cookieValue, isApiPath, isHttps, isLoopbackHost, isPublicPath, safeNextPath, startRefusal,
} from "@/lib/server/auth/auth-policy";
import { sessionCookieOptions } from "@/lib/server/auth/session-cookie";

test("127.0.0.1, ::1 and localhost are loopback, in any spelling HOST accepts; everything else is not", () => {
  for (const host of ["127.0.0.1", "::1", "[::1]", "localhost", "LOCALHOST", "localhost."]) assert.equal(isLoopbackHost(host), true, host);
  for (const host of ["0.0.0.0", "::", "192.168.1.5", "logs.example.com", "localhost.example.com"]) assert.equal(isLoopbackHost(host), false, host);
});

test("no account on loopback is open, any account means sign-in, and no account beyond loopback is closed", () => {
  assert.equal(accessRule("127.0.0.1", 0), "open");
  assert.equal(accessRule("127.0.0.1", 1), "sign-in");
  assert.equal(accessRule("0.0.0.0", 2), "sign-in");
  assert.equal(accessRule("0.0.0.0", 0), "closed");
});

test("npm start refuses only a non-loopback HOST without accounts, in one sentence naming the command to add one", () => {
  assert.equal(startRefusal("127.0.0.1", 0), null);
  assert.equal(startRefusal("0.0.0.0", 1), null);
  const sentence = startRefusal("0.0.0.0", 0) ?? "";
  assert.match(sentence, /^HOST 0\.0\.0\.0 .*add one with: npm run users -- add <name>$/);
  assert.equal(sentence.split(". ").length, 1, "one sentence");
});

test("the sign-in page and the build's static files are public; pages and the API are not", () => {
  for (const path of ["/sign-in", "/_next/static/chunks/app.js", "/icon.svg"]) assert.equal(isPublicPath(path), true, path);
  for (const path of ["/", "/runs/1", "/api/runs", "/sign-in-elsewhere", "/sign-in/../api/runs", "/_next/data/x.json"]) assert.equal(isPublicPath(path), false, path);
  assert.equal(isApiPath("/api/runs"), true);
  assert.equal(isApiPath("/apix"), false);
});

test("a bearer token and a cookie are read from their headers, and anything else is no credential", () => {
  assert.equal(bearerToken("Bearer abc_DEF-1"), "abc_DEF-1");
  assert.equal(bearerToken("bearer  abc "), "abc");
  assert.equal(bearerToken("Basic abc"), null);
  assert.equal(bearerToken("Bearer a b"), null);
  assert.equal(bearerToken(null), null);
  assert.equal(cookieValue("a=1; logscope_session=xyz; b=2", "logscope_session"), "xyz");
  assert.equal(cookieValue("xlogscope_session=xyz", "logscope_session"), null);
  assert.equal(cookieValue(null, "logscope_session"), null);
});

test("after sign-in the browser goes only to a path on this server, never to another site or back to /sign-in", () => {
  assert.equal(safeNextPath("/runs/3?tab=windows"), "/runs/3?tab=windows");
  for (const bad of [null, undefined, "", "https://evil.example/", "//evil.example", "/\\evil.example", "runs", "/sign-in", "/sign-in?next=/", "/a\nb"]) {
    assert.equal(safeNextPath(bad), "/", String(bad));
  }
});

test("the session cookie is HttpOnly, SameSite=Lax and Path=/, and Secure exactly when the browser came over https", () => {
  assert.equal(isHttps("https:", null), true);
  assert.equal(isHttps("http:", "https"), true);
  assert.equal(isHttps("https:", "http"), false);
  assert.equal(isHttps("http:", null), false);
  assert.deepEqual(sessionCookieOptions(true), { httpOnly: true, sameSite: "lax", secure: true, path: "/", maxAge: 7 * 24 * 3600 });
  assert.equal(sessionCookieOptions(false, 0).secure, false);
});
