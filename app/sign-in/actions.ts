"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { actionError, actionOk, type ActionState } from "@/lib/domain/action-state";
import { isHttps, safeNextPath } from "@/lib/server/auth/auth-policy";
import { SESSION_COOKIE, sessionCookieOptions } from "@/lib/server/auth/session-cookie";
import { signInFieldErrors, signInFieldsSchema } from "@/lib/server/auth/sign-in-fields";
import { WRONG_CREDENTIALS, signIn, signOut } from "@/lib/server/auth/sign-in";
import { SIGN_IN_ATTEMPTS, SIGN_IN_PER_NAME, clientAddress, takeRateLimit } from "@/lib/server/http/rate-limit";
import { formFields, runAction } from "@/lib/server/http/run-action";
import { checkActionRequest } from "@/lib/server/security/check-action-request";

/** Whether the browser came over https (its Origin, or a TLS proxy's X-Forwarded-Proto): the cookie is Secure then. */
async function browserUsesHttps(): Promise<boolean> {
  const incoming = await headers();
  const origin = incoming.get("origin");
  const protocol = origin?.startsWith("https://") ? "https:" : "http:";
  return isHttps(protocol, incoming.get("x-forwarded-proto"));
}

/**
 * Checks a name and password (fields name, password, next) and sets the session cookie; then
 * redirects to `next` (a path on this server). Refusals are one sentence, the same for an unknown
 * name and a wrong password.
 */
export async function signInAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  // Host and cross-site, as middleware.ts would: this POST may have skipped it (lib/server/auth/README.md).
  const checked = await checkActionRequest();
  if (!checked.allowed) return actionError(checked.message);
  const parsed = signInFieldsSchema.safeParse(formFields(formData));
  if (!parsed.success) return actionError("Type your user name and password.", signInFieldErrors(parsed.error));
  const { name, password, next } = parsed.data;
  // Before the password is checked: each check is an scrypt hash (0.5 s, 64 MiB), so a guessing
  // script is slowed down and the machine kept free. Per name and address, so that one person's
  // typos do not lock out another account or another address.
  const limited = takeRateLimit(SIGN_IN_ATTEMPTS, `${clientAddress(await headers())} ${name}`) ?? takeRateLimit(SIGN_IN_PER_NAME, name);
  if (limited) return actionError(limited.message);
  const state = await runAction("sign in", async () => {
    const session = await signIn(name, password);
    if (!session) return actionError(WRONG_CREDENTIALS);
    (await cookies()).set(SESSION_COOKIE, session.token, sessionCookieOptions(await browserUsesHttps()));
    return actionOk("Signed in.");
  });
  // redirect() works by throwing, so it stays outside runAction's catch.
  if (state.status === "ok") redirect(safeNextPath(next));
  return state;
}

/** Ends this browser's session and clears its cookie, then shows the sign-in page. */
export async function signOutAction(): Promise<void> {
  // A forged sign-out would only sign this browser out, but it is refused like any other forged post.
  if (!(await checkActionRequest()).allowed) redirect("/sign-in");
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  // The cookie goes even when the database cannot be reached: this browser is signed out either way.
  await signOut(token).catch((error: unknown) => console.error("sign out:", error));
  jar.set(SESSION_COOKIE, "", sessionCookieOptions(await browserUsesHttps(), 0));
  redirect("/sign-in");
}
