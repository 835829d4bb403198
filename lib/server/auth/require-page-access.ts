import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { checkIncoming } from "@/lib/server/security/check-incoming";
import { accessVerdict } from "./access-verdict";

/**
 * The checks of a page, run by the page itself: middleware.ts checks pages too, but its matcher
 * lets any request carrying a body skip it (it cannot see the method), and a GET or POST with a
 * body still renders a page. A Host that is not this server's (a DNS-rebinding page reading this
 * one) gets the not-found page: a page cannot set the 421 that middleware.ts sends. Otherwise the
 * browser goes to /sign-in when it may not go on.
 */
export async function requirePageAccess(path: string): Promise<void> {
  const incoming = await headers();
  if (!checkIncoming({ method: "GET", headers: new Headers(incoming), protocol: "http:" }).allowed) notFound();
  const refusal = await accessVerdict(incoming);
  if (refusal !== null) redirect(path === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(path)}`);
}
