import "server-only";
import { formatBytes } from "@/lib/domain/format-quantities";
import { ALLOWED, refused, type Verdict } from "./verdict";

/**
 * Next 15 copies the body of every request its middleware runs on, and keeps only the first
 * `experimental.middlewareClientMaxBodySize` bytes (10 MiB unless next.config.js says otherwise)
 * for the route as well. middleware.ts's matcher keeps the requests that carry a body and show no
 * sign of danger away from the middleware, so uploads still stream; the ones that do reach it (a
 * host name from ALLOWED_HOSTS, a browser without Sec-Fetch-Site) must fit that copy. A larger
 * body is refused here in one sentence rather than reaching its route cut short.
 */
export const MIDDLEWARE_BODY_LIMIT = 10 * 1024 * 1024;

export function checkBodyCopy(contentLength: string | null, limit: number = MIDDLEWARE_BODY_LIMIT): Verdict {
  const declared = Number(contentLength?.trim() || "0");
  if (!Number.isFinite(declared) || declared <= limit) return ALLOWED;
  return refused(
    413,
    `Bodies over ${formatBytes(limit)} cannot pass this server's request checks when sent this way; ` +
      "send the upload to 127.0.0.1, localhost or the server's IP address, from a current browser or curl.",
  );
}
