import { after, test } from "node:test";
import assert from "node:assert/strict";
import { checkApiToken } from "@/lib/db/check-api-token";
import { checkSession } from "@/lib/db/check-session";
import { countUsers } from "@/lib/db/count-users";
import { createApiToken } from "@/lib/db/create-api-token";
import { createSession } from "@/lib/db/create-session";
import { createUser } from "@/lib/db/create-user";
import { deleteSession } from "@/lib/db/delete-session";
import { DatabaseError } from "@/lib/db/errors";
import { findUserByName } from "@/lib/db/find-user-by-name";
import { listUsers } from "@/lib/db/list-users";
import { revokeUserCredentials } from "@/lib/db/revoke-user-credentials";
import { useTempDatabase } from "./temp-database";

const tmp = useTempDatabase();
after(tmp.cleanup);

const hash = (c: string) => c.repeat(64);

test("a user is stored with its hash, found by name, counted, and a second user of the same name is a conflict", async () => {
  assert.equal(await countUsers(), 0);
  const alice = await createUser("alice", "scrypt$stored");
  assert.equal((await findUserByName("alice"))?.passwordHash, "scrypt$stored");
  assert.equal((await findUserByName("alice"))?.id, alice.id);
  assert.equal(await findUserByName("bob"), null);
  assert.equal(await countUsers(), 1);
  await assert.rejects(createUser("alice", "x"), (error: unknown) => error instanceof DatabaseError && error.code === "conflict" && error.message === 'There is already a user named "alice".');
  await assert.rejects(createUser("no spaces", "x"), (error: unknown) => error instanceof DatabaseError && error.code === "invalid");
});

test("a token is accepted by its hash until revoked, and its last use is noted at most once a minute", async () => {
  const user = await createUser("tokens", "h");
  const { id } = await createApiToken(user.id, hash("a"));
  const t0 = new Date("2026-12-06T06:00:00Z");
  assert.deepEqual(await checkApiToken(hash("a"), t0), { userId: user.id, name: "tokens" });
  assert.equal(await checkApiToken(hash("b"), t0), null);
  await checkApiToken(hash("a"), new Date(t0.getTime() + 30_000));
  let listed = (await listUsers()).find((u) => u.name === "tokens");
  assert.equal(listed?.tokenLastUsedAt?.toISOString(), t0.toISOString(), "not rewritten within the minute");
  await checkApiToken(hash("a"), new Date(t0.getTime() + 61_000));
  listed = (await listUsers()).find((u) => u.name === "tokens");
  assert.equal(listed?.tokenLastUsedAt?.getTime(), t0.getTime() + 61_000);
  assert.equal(listed?.activeTokens, 1);

  await createApiToken(user.id, hash("c"));
  await createSession(user.id, hash("d"), new Date(Date.now() + 3_600_000));
  assert.deepEqual(await revokeUserCredentials(user.id), { tokens: 2, sessions: 1 });
  assert.equal(await checkApiToken(hash("a")), null, "revoked");
  assert.equal(await checkApiToken(hash("c")), null, "revoked");
  assert.equal(await checkSession(hash("d")), null, "session ended");
  listed = (await listUsers()).find((u) => u.name === "tokens");
  assert.deepEqual([listed?.activeTokens, listed?.revokedTokens], [0, 2]);
  assert.deepEqual(await revokeUserCredentials(user.id), { tokens: 0, sessions: 0 }, "revoking again changes nothing");
  assert.ok(id > 0);
});

test("a session is accepted until it expires or is deleted, and a new sign-in clears the user's expired ones", async () => {
  const user = await createUser("sessions", "h");
  const now = new Date("2026-12-06T06:00:00Z");
  await createSession(user.id, hash("e"), new Date(now.getTime() + 1000), now);
  assert.deepEqual(await checkSession(hash("e"), now), { userId: user.id, name: "sessions" });
  assert.equal(await checkSession(hash("e"), new Date(now.getTime() + 1000)), null, "expired at expiresAt");
  await createSession(user.id, hash("f"), new Date(now.getTime() + 10_000), new Date(now.getTime() + 2000));
  assert.equal(await deleteSession(hash("e")), false, "the expired session was removed by the new sign-in");
  assert.equal(await deleteSession(hash("f")), true);
  assert.equal(await checkSession(hash("f"), now), null);
});
