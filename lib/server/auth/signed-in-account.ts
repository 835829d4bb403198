import "server-only";
import { cookies } from "next/headers";
import { SESSION_COOKIE } from "./session-cookie";
import type { Principal } from "@/lib/db/account-types";
import { credentialPrincipal } from "./request-principal";

/**
 * Who this browser is signed in as (its session cookie), or null: for the header's sign-out button
 * and the sign-in page. A database that cannot be asked reads as signed out here; the page's own
 * access check (requirePageAccess) is what refuses, with its own sentence.
 */
export async function signedInAccount(): Promise<Principal | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  return credentialPrincipal({ kind: "session", token }).catch(() => null);
}
