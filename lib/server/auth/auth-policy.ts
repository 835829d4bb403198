import "server-only";
import { parseHostAndPort } from "@/lib/config/env";
import { LOOPBACK_NAMES } from "@/lib/server/security/check-host";
import { requestScheme } from "@/lib/server/security/check-request-origin";

/**
 * Who must sign in, as pure functions of the bound HOST and the number of accounts (issue #13).
 *
 * - open: HOST is loopback and there is no account. Only this machine can connect, so Logscope
 *   stays as it was before accounts existed.
 * - sign-in: there is at least one account, on any HOST. On loopback too: adding an account is an
 *   explicit choice to have sign-in, other users of a shared machine reach loopback as well, and a
 *   rule that depends only on "are there accounts" cannot be switched off by starting on another
 *   HOST by mistake.
 * - closed: HOST is not loopback and there is no account. npm start refuses to start then
 *   (`startRefusal`); a server started another way (next start -H) answers nothing but 503
 *   rather than serving everyone.
 */
export type AccessRule = "open" | "sign-in" | "closed";

/** Whether HOST (as lib/config/env.ts accepts it) keeps the server on this machine. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAMES.includes(parseHostAndPort(host)?.name ?? "");
}

export function accessRule(boundHost: string, accounts: number): AccessRule {
  if (accounts > 0) return "sign-in";
  return isLoopbackHost(boundHost) ? "open" : "closed";
}

export const ADD_ACCOUNT_COMMAND = "npm run users -- add <name>";

/** npm start's one-sentence refusal, or null when it may start. */
export function startRefusal(boundHost: string, accounts: number): string | null {
  if (accessRule(boundHost, accounts) !== "closed") return null;
  return `HOST ${boundHost} lets other machines reach Logscope, so it needs an account to sign in with first; add one with: ${ADD_ACCOUNT_COMMAND}`;
}

/** The sentence a closed server answers with (status 503). */
export const CLOSED_SENTENCE = `Logscope is reachable from other machines but has no account yet; add one with: ${ADD_ACCOUNT_COMMAND}`;

/**
 * Paths anyone may fetch: the sign-in page (its server action posts to the same path) and the
 * static files it needs. /_next/static holds only the build's scripts and styles, the same for
 * every visitor; the dev server's hot-reload socket is there only under next dev.
 */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === "/sign-in" ||
    pathname.startsWith("/_next/static/") ||
    pathname.startsWith("/_next/webpack-hmr") ||
    pathname === "/icon.svg" ||
    pathname === "/favicon.ico"
  );
}

/** API routes answer a JSON 401; everything else is a page and is sent to /sign-in. */
export function isApiPath(pathname: string): boolean {
  return pathname === "/api" || pathname.startsWith("/api/");
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(authorization: string | null): string | null {
  const match = /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(authorization ?? "");
  return match?.[1] ?? null;
}

/** One cookie's value from a Cookie header, or null. */
export function cookieValue(cookieHeader: string | null, name: string): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

/**
 * Where sign-in sends the browser afterwards: a path on this server, never another site
 * (`//evil.example` and `/\evil.example` are other sites to a browser), and never /sign-in itself.
 */
export function safeNextPath(text: string | null | undefined): string {
  const path = text ?? "";
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  const unsafe = !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\") || /[\u0000-\u001f\u007f\\]/.test(path);
  if (unsafe || path.length > 2000 || path === "/sign-in" || path.startsWith("/sign-in?")) return "/";
  return path;
}

/** Whether the browser reached us over https (requestScheme, the one reading of X-Forwarded-Proto). */
export function isHttps(protocol: string, forwardedProto: string | null): boolean {
  return requestScheme(protocol, forwardedProto) === "https:";
}
