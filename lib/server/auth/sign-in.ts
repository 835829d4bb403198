import "server-only";
import { createSession } from "@/lib/db/create-session";
import { deleteSession } from "@/lib/db/delete-session";
import { findUserByName } from "@/lib/db/find-user-by-name";
import { verifyNothing, verifyPassword } from "./password-hash";
import { hashToken, looksLikeToken, newSecretToken } from "./secret-token";
import { SESSION_SECONDS } from "./session-cookie";

/** Same sentence for an unknown name and a wrong password: the form must not tell which names exist. */
export const WRONG_CREDENTIALS = "The name or the password is wrong.";

/** Checks a name and password and opens a session: the cookie's token (shown once), or null. */
export async function signIn(name: string, password: string, now = new Date()): Promise<{ token: string; expiresAt: Date } | null> {
  const user = await findUserByName(name);
  const matches = user ? await verifyPassword(password, user.passwordHash) : await verifyNothing(password);
  if (!user || !matches) return null;
  const token = newSecretToken();
  const expiresAt = new Date(now.getTime() + SESSION_SECONDS * 1000);
  await createSession(user.id, hashToken(token), expiresAt, now);
  return { token, expiresAt };
}

/** Ends the session of a cookie's token (nothing to do for a missing or malformed one). */
export async function signOut(token: string | undefined): Promise<void> {
  if (token && looksLikeToken(token)) await deleteSession(hashToken(token));
}
