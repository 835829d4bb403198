import "server-only";
import { createHash, randomBytes } from "node:crypto";

/**
 * API tokens and session cookies: 32 random bytes, base64url (43 characters). Only their SHA-256
 * is stored. A plain hash is enough here, unlike passwords: 256 random bits cannot be guessed, so
 * there is nothing for a slow hash to protect, and lookups by hash stay one indexed query.
 */
export const TOKEN_BYTES = 32;

export function newSecretToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

/** The stored form of a token: hex SHA-256 of its text. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether text has a token's form (so obviously wrong values are refused without a query). */
export function looksLikeToken(text: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(text);
}
