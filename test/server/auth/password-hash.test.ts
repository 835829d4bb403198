import { test } from "node:test";
import assert from "node:assert/strict";
import { SCRYPT_PARAMS, hashPassword, parsePasswordHash, verifyPassword, verifyNothing } from "@/lib/server/auth/password-hash";
import { hashToken, looksLikeToken, newSecretToken } from "@/lib/server/auth/secret-token";

test("a hashed password verifies, and a different password does not", async () => {
  const stored = await hashPassword("correct horse battery");
  assert.equal(await verifyPassword("correct horse battery", stored), true);
  assert.equal(await verifyPassword("correct horse batterz", stored), false);
  assert.equal(await verifyPassword("", stored), false);
});

test("the stored hash names scrypt and its parameters, and two hashes of one password differ by their salt", async () => {
  const [a, b] = await Promise.all([hashPassword("same password here"), hashPassword("same password here")]);
  assert.notEqual(a, b);
  assert.match(a, new RegExp(`^scrypt\\$${SCRYPT_PARAMS.N}\\$${SCRYPT_PARAMS.r}\\$${SCRYPT_PARAMS.p}\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+$`));
  const parsed = parsePasswordHash(a);
  assert.equal(parsed?.salt.length, 16);
  assert.equal(parsed?.key.length, 64);
  assert.doesNotMatch(a, /same password/);
});

test("a hash with other (smaller) parameters still verifies, since the parameters travel with it", async () => {
  const { scryptSync } = await import("node:crypto");
  const salt = Buffer.alloc(16, 7);
  const key = scryptSync("older password 1", salt, 32, { N: 1024, r: 8, p: 1 });
  const stored = `scrypt$1024$8$1$${salt.toString("base64")}$${key.toString("base64")}`;
  assert.equal(await verifyPassword("older password 1", stored), true);
  assert.equal(await verifyPassword("older password 2", stored), false);
});

test("damaged or hostile stored hashes match nothing instead of throwing or running for minutes", async () => {
  const salt = Buffer.alloc(16).toString("base64");
  const key = Buffer.alloc(64).toString("base64");
  for (const stored of ["", "plain", `bcrypt$1024$8$1$${salt}$${key}`, `scrypt$1000$8$1$${salt}$${key}`, `scrypt$${2 ** 30}$8$1$${salt}$${key}`, `scrypt$1024$99$1$${salt}$${key}`, `scrypt$1024$8$1$${salt}`, `scrypt$1024$8$1$$${key}`]) {
    assert.equal(parsePasswordHash(stored), null, stored);
    assert.equal(await verifyPassword("anything at all", stored), false, stored);
  }
  assert.equal(await verifyNothing("anything at all"), false);
});

test("tokens are 32 random bytes in base64url, and their stored form is their SHA-256 in hex", () => {
  const token = newSecretToken();
  assert.equal(Buffer.from(token, "base64url").length, 32);
  assert.equal(looksLikeToken(token), true);
  assert.notEqual(newSecretToken(), token);
  assert.match(hashToken(token), /^[0-9a-f]{64}$/);
  assert.equal(hashToken("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  assert.equal(looksLikeToken("short"), false);
  assert.equal(looksLikeToken(`${token.slice(0, 42)}!`), false);
});
