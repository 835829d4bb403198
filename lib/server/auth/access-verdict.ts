import "server-only";
import { config } from "@/lib/config/env";
import { countUsers } from "@/lib/db/count-users";
import { accessRule } from "./auth-policy";
import { credentialPrincipal, requestCredential } from "./request-principal";

/** Why a request may not go on (each answered in its own words by authorizeRequest / authorizeAction). */
export type AccessRefusal = "sign-in" | "bad-token" | "closed" | "unavailable";

export interface AccessOptions {
  /** The address the server is bound to; HOST from lib/config/env.ts when left out. */
  boundHost?: string;
  now?: Date;
}

/**
 * Whether a request with these headers may go on: a valid token or session always may; without
 * one, `accessRule` decides (open, sign-in or closed). Accounts are counted only when there is no
 * valid credential, so a signed-in request costs one indexed query. A failing database refuses
 * (`unavailable`): never open because a query failed.
 */
export async function accessVerdict(headers: Headers, options: AccessOptions = {}): Promise<AccessRefusal | null> {
  try {
    const credential = requestCredential(headers);
    if ((await credentialPrincipal(credential, options.now)) !== null) return null;
    const rule = accessRule(options.boundHost ?? config().host, await countUsers());
    if (rule === "open") return null;
    if (rule === "closed") return "closed";
    return credential.kind === "token" ? "bad-token" : "sign-in";
  } catch (error) {
    // The detail (a DatabaseError's cause) is for the server log, never the browser.
    console.error("sign-in check failed:", error);
    return "unavailable";
  }
}
