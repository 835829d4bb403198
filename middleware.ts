// Requests pass here first: the Host check against DNS rebinding, the cross-site check of
// state-changing requests, and the security headers with this response's CSP nonce. The checks are
// pure functions in lib/server/security, where what each refuses, and why, is written.
import { NextResponse, type NextRequest } from "next/server";
import { authorizeRequest } from "@/lib/server/auth/authorize-request";
import { jsonResponse } from "@/lib/server/http/http-response";
import { checkIncoming } from "@/lib/server/security/check-incoming";
import { changesState } from "@/lib/server/security/check-request-origin";
import { createNonce, securityHeaders } from "@/lib/server/security/security-headers";

export const config = {
  // The Node.js runtime (stable since Next 15.5): the checks read the validated configuration
  // (lib/config/env.ts uses node:net) and this process's PORT, which next start sets when it listens.
  runtime: "nodejs",
  // Next copies the body of every request its middleware sees, holds at most 10 MiB of it, and in
  // Node.js middleware can hand the route a half-replaced stream (vercel/next.js#85416): uploads
  // of a few hundred KB arrive broken. So a request carrying a body skips the middleware unless its
  // browser says it comes from another site (Sec-Fetch-Site other than same-origin or none), which
  // the middleware refuses without reading the body. Every handler
  // makes the same Host and cross-site checks itself (checkIncoming through authorizeRequest,
  // authorizeAction and requirePageAccess), so a request that skips loses no check, only the
  // security headers, which JSON and action answers do not need. Next evaluates these patterns
  // itself, so they are literals; test/server/security/middleware-matcher.test.ts holds them to
  // the checks.
  matcher: [
    // No body: GET, HEAD, OPTIONS, and POST or DELETE without one.
    {
      source: "/:path*",
      missing: [
        { type: "header", key: "content-length", value: "0*[1-9][0-9]*" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
    // A browser saying the request comes from another origin, or in words not known yet.
    { source: "/:path*", has: [{ type: "header", key: "sec-fetch-site", value: "(?!(?:same-origin|none)$).*" }] },
  ],
};

export async function middleware(request: NextRequest): Promise<Response> {
  const headers = securityHeaders(createNonce(), process.env.NODE_ENV === "development");
  const verdict = checkIncoming({ method: request.method, headers: request.headers, protocol: request.nextUrl.protocol });
  // A refused server action gets this JSON 403 too (its caller sees a failed request), not Next's 500.
  if (!verdict.allowed) return jsonResponse({ error: verdict.message }, verdict.status, headers);
  // Sign-in (lib/server/auth): a 401 for the API, a redirect to /sign-in for pages, null to go on.
  const denied = await authorizeRequest(request);
  if (denied) {
    for (const [name, value] of Object.entries(headers)) denied.headers.set(name, value);
    return denied;
  }
  // The matcher sends no allowed request with a body here; should one come (a matcher edited
  // later), read this copy of the body to its end before the route reads its own: Next swaps the
  // route's stream in once the whole body has arrived but does not wait for that (the issue above).
  if (changesState(request.method)) await request.arrayBuffer().catch(() => undefined);
  // Next reads the nonce from the request's CSP header and puts it on the page's scripts.
  const forwarded = new Headers(request.headers);
  forwarded.set("content-security-policy", headers["content-security-policy"]);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
