import "server-only";
import { jsonResponse } from "@/lib/server/http/http-response";
import { checkIncoming } from "@/lib/server/security/check-incoming";
import { accessVerdict, type AccessOptions, type AccessRefusal } from "./access-verdict";
import { CLOSED_SENTENCE, isApiPath, isPublicPath } from "./auth-policy";

export const SIGN_IN_FIRST_API =
  "Sign in first: send the header Authorization: Bearer <token> (make a token with: npm run users -- token <name>).";
export const BAD_TOKEN_API = "This API token is not valid (revoked, or never issued); make a new one with: npm run users -- token <name>.";
export const AUTH_UNAVAILABLE = "Logscope could not check your sign-in because its database is not answering; try again in a moment.";

function plainText(status: number, sentence: string): Response {
  return new Response(`${sentence}\n`, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
}

/** The Host and cross-site checks (checkIncoming) for a route handler's own request. */
function checkRouteRequest(request: Request, url: URL): Response | null {
  const verdict = checkIncoming({ method: request.method, headers: request.headers, protocol: url.protocol, hostOfUrl: url.host });
  if (verdict.allowed) return null;
  return isApiPath(url.pathname) ? jsonResponse({ error: verdict.message }, verdict.status) : plainText(verdict.status, verdict.message);
}

/**
 * The sign-in check of every page and API request (issue #13; the rule is `accessRule` in
 * auth-policy.ts, the check `accessVerdict`). Null means go on. Otherwise the answer to send: for
 * /api a JSON 401 with WWW-Authenticate (or 503), for pages a 303 to /sign-in?next=<path> (or a
 * plain-text 503). 503 means reachable from other machines with no account, or no database.
 * First, on every path, the Host and cross-site checks: a request carrying a body may have
 * skipped middleware.ts, so each route checks what the middleware would have.
 */
export async function authorizeRequest(request: Request, options: AccessOptions = {}): Promise<Response | null> {
  const url = new URL(request.url);
  const checked = checkRouteRequest(request, url);
  if (checked) return checked;
  if (isPublicPath(url.pathname)) return null;
  const refusal: AccessRefusal | null = await accessVerdict(request.headers, options);
  if (refusal === null) return null;
  const api = isApiPath(url.pathname);
  if (refusal === "closed" || refusal === "unavailable") {
    const sentence = refusal === "closed" ? CLOSED_SENTENCE : AUTH_UNAVAILABLE;
    return api ? jsonResponse({ error: sentence }, 503) : plainText(503, sentence);
  }
  if (api) {
    const sentence = refusal === "bad-token" ? BAD_TOKEN_API : SIGN_IN_FIRST_API;
    return jsonResponse({ error: sentence }, 401, { "www-authenticate": 'Bearer realm="Logscope"' });
  }
  // A client-side navigation's `_rsc` cache-buster is dropped: the browser comes back with a full page load.
  url.searchParams.delete("_rsc");
  const next = `${url.pathname}${url.search}`;
  const path = next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`;
  // Absolute, on the origin the browser used (its Host header, checked against DNS rebinding before
  // this runs): Next's middleware refuses a relative Location (Invalid URL). Next then writes a
  // loopback address as "localhost" (NextURL's normalisation), so a browser on 127.0.0.1 signs in
  // on localhost and stays there; any other host is kept as it is.
  const host = request.headers.get("host");
  const location = new URL(path, host ? `${url.protocol}//${host}` : url).toString();
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });
}
