import { after, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createApiToken } from "@/lib/db/create-api-token";
import { createSession } from "@/lib/db/create-session";
import { addUser, issueApiToken, revokeUser } from "@/lib/server/auth/accounts";
import { AUTH_UNAVAILABLE, BAD_TOKEN_API, SIGN_IN_FIRST_API, authorizeRequest } from "@/lib/server/auth/authorize-request";
import { CLOSED_SENTENCE } from "@/lib/server/auth/auth-policy";
import { hashToken, newSecretToken } from "@/lib/server/auth/secret-token";
import { WRONG_CREDENTIALS, signIn, signOut } from "@/lib/server/auth/sign-in";
import { useTempDatabase } from "../../db/temp-database";

const tmp = useTempDatabase("logscope-auth-");
after(tmp.cleanup);

const LOOPBACK = { boundHost: "127.0.0.1" };
const EVERYWHERE = { boundHost: "0.0.0.0" };

function request(path: string, headers: Record<string, string> = {}, method = "GET"): Request {
  return new Request(`http://127.0.0.1:3000${path}`, { method, headers });
}

async function errorOf(response: Response | null): Promise<{ status: number; error: unknown }> {
  assert.ok(response, "refused");
  return { status: response.status, error: ((await response.json()) as { error: unknown }).error };
}

// The tests run in order: first without accounts, then with one.
test("without accounts, a loopback server lets every request through, as before accounts existed", async () => {
  assert.equal(await authorizeRequest(request("/api/runs"), LOOPBACK), null);
  assert.equal(await authorizeRequest(request("/runs/1"), LOOPBACK), null);
  assert.equal(await authorizeRequest(request("/api/runs", { authorization: "Bearer whatever" }, "POST"), LOOPBACK), null);
});

test("without accounts, a server reachable from other machines answers 503 with how to add one, and still serves /sign-in", async () => {
  assert.deepEqual(await errorOf(await authorizeRequest(request("/api/runs"), EVERYWHERE)), { status: 503, error: CLOSED_SENTENCE });
  const page = await authorizeRequest(request("/"), EVERYWHERE);
  assert.equal(page?.status, 503);
  assert.equal(await page?.text(), `${CLOSED_SENTENCE}\n`);
  assert.equal(await authorizeRequest(request("/sign-in"), EVERYWHERE), null);
});

test("with an account, an API request without credentials is a JSON 401 saying how to send a token, on loopback too", async () => {
  await addUser("alice", "a long enough password");
  for (const options of [LOOPBACK, EVERYWHERE]) {
    const response = await authorizeRequest(request("/api/runs"), options);
    assert.equal(response?.headers.get("www-authenticate"), 'Bearer realm="Logscope"');
    assert.deepEqual(await errorOf(response), { status: 401, error: SIGN_IN_FIRST_API });
  }
});

test("with an account, a page request without a session is sent to /sign-in with where it was going", async () => {
  const response = await authorizeRequest(request("/runs/4?tab=windows"), EVERYWHERE);
  assert.equal(response?.status, 303);
  assert.equal(response?.headers.get("location"), `http://127.0.0.1:3000/sign-in?next=${encodeURIComponent("/runs/4?tab=windows")}`);
  assert.equal((await authorizeRequest(request("/"), EVERYWHERE))?.headers.get("location"), "http://127.0.0.1:3000/sign-in");
  assert.equal((await authorizeRequest(request("/runs/4?_rsc=1x2y"), EVERYWHERE))?.headers.get("location"), `http://127.0.0.1:3000/sign-in?next=${encodeURIComponent("/runs/4")}`);
  assert.equal(await authorizeRequest(request("/sign-in"), EVERYWHERE), null, "the sign-in page itself is public");
  assert.equal(await authorizeRequest(request("/_next/static/chunks/main.js"), EVERYWHERE), null, "and so are its scripts");
});

test("a valid API token is let through, and the same token is a 401 once revoked", async () => {
  const { token } = await issueApiToken("alice");
  const withToken = () => request("/api/runs", { authorization: `Bearer ${token}` }, "POST");
  assert.equal(await authorizeRequest(withToken(), EVERYWHERE), null);
  await revokeUser("alice");
  assert.deepEqual(await errorOf(await authorizeRequest(withToken(), EVERYWHERE)), { status: 401, error: BAD_TOKEN_API });
  assert.deepEqual(await errorOf(await authorizeRequest(request("/api/runs", { authorization: `Bearer ${newSecretToken()}` }), LOOPBACK)), { status: 401, error: BAD_TOKEN_API });
});

test("sign-in with the right password opens a session whose cookie is let through, until sign-out", async () => {
  assert.equal(await signIn("alice", "a wrong password!!"), null);
  assert.equal(await signIn("nobody", "a long enough password"), null);
  assert.equal(WRONG_CREDENTIALS, "The name or the password is wrong.");
  const session = await signIn("alice", "a long enough password");
  assert.ok(session);
  const withCookie = () => request("/runs/1", { cookie: `theme=dark; logscope_session=${session.token}` });
  assert.equal(await authorizeRequest(withCookie(), EVERYWHERE), null);
  assert.equal(await authorizeRequest(request("/api/runs", { cookie: `logscope_session=${session.token}` }), EVERYWHERE), null, "the API accepts the page's session too");
  await signOut(session.token);
  assert.equal((await authorizeRequest(withCookie(), EVERYWHERE))?.status, 303);
});

test("an expired session is refused like none at all", async () => {
  const { user } = await issueApiToken("alice");
  const token = newSecretToken();
  await createSession(user.id, hashToken(token), new Date("2026-12-06T07:00:00Z"), new Date("2026-12-06T06:00:00Z"));
  const withCookie = () => request("/", { cookie: `logscope_session=${token}` });
  assert.equal(await authorizeRequest(withCookie(), { ...EVERYWHERE, now: new Date("2026-12-06T06:59:59Z") }), null);
  assert.equal((await authorizeRequest(withCookie(), { ...EVERYWHERE, now: new Date("2026-12-06T07:00:00Z") }))?.status, 303);
  // A token stored for a user is not a session, and a session's token is not an API token.
  await createApiToken(user.id, hashToken("x".repeat(43)));
  assert.equal((await authorizeRequest(request("/", { cookie: `logscope_session=${"x".repeat(43)}` }), EVERYWHERE))?.status, 303);
});

test("when the database cannot be read, requests are refused with a 503 and no database text", async () => {
  const saved = process.env.DATABASE_URL;
  // Under a regular file: no folder can be made there, so the database cannot be opened.
  writeFileSync(join(tmp.dir, "a-file"), "not a folder\n");
  process.env.DATABASE_URL = `file:${join(tmp.dir, "a-file", "no.db")}`;
  try {
    const { status, error } = await errorOf(await authorizeRequest(request("/api/runs"), EVERYWHERE));
    assert.deepEqual({ status, error }, { status: 503, error: AUTH_UNAVAILABLE });
  } finally {
    process.env.DATABASE_URL = saved;
  }
});
