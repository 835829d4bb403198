import "server-only";
import type { Principal } from "@/lib/db/account-types";
import { checkApiToken } from "@/lib/db/check-api-token";
import { checkSession } from "@/lib/db/check-session";
import { bearerToken, cookieValue } from "./auth-policy";
import { hashToken, looksLikeToken } from "./secret-token";
import { SESSION_COOKIE } from "./session-cookie";

/** What a request presented: a bearer token wins over a session cookie (API clients send no cookies). */
export type Credential = { kind: "token"; token: string } | { kind: "session"; token: string } | { kind: "none" };

export function requestCredential(headers: Headers): Credential {
  const bearer = bearerToken(headers.get("authorization"));
  if (bearer !== null) return { kind: "token", token: bearer };
  const session = cookieValue(headers.get("cookie"), SESSION_COOKIE);
  return session ? { kind: "session", token: session } : { kind: "none" };
}

/** The user a credential belongs to, or null when it is missing, malformed, revoked or expired. */
export async function credentialPrincipal(credential: Credential, now = new Date()): Promise<Principal | null> {
  if (credential.kind === "none" || !looksLikeToken(credential.token)) return null;
  const hash = hashToken(credential.token);
  return credential.kind === "token" ? checkApiToken(hash, now) : checkSession(hash, now);
}
