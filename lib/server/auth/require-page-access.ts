import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { accessVerdict } from "./access-verdict";

/**
 * The sign-in check of a page, run by the page itself: middleware.ts checks pages too, but its
 * matcher lets any request carrying a body skip it (it cannot see the method), and a GET with a
 * body still renders a page. Sends the browser to /sign-in when the request may not go on.
 */
export async function requirePageAccess(path: string): Promise<void> {
  const refusal = await accessVerdict(await headers());
  if (refusal !== null) redirect(path === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(path)}`);
}
