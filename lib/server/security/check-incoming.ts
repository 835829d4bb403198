import "server-only";
import { config } from "@/lib/config/env";
import { checkHost } from "./check-host";
import { checkRequestOrigin, ownOrigin } from "./check-request-origin";
import type { Verdict } from "./verdict";

/** What the two checks read of a request. */
export interface IncomingRequest {
  method: string;
  headers: Headers;
  /** The scheme the connection came in on ("http:" for next start, which serves no TLS itself). */
  protocol: string;
  /**
   * For a request that names no host: the one its URL was built with, taken as its own without a
   * Host check (only clients that are not browsers omit the header, and a rebinding attack needs
   * a browser; route tests' Requests carry a URL and no headers). Without it such a request is a 400.
   */
  hostOfUrl?: string;
}

/**
 * The Host check (DNS rebinding, check-host.ts) and then the cross-site check (check-request-origin.ts)
 * against this server's configuration: the one verdict that middleware.ts gives the requests it
 * sees and that every handler gives its own (authorizeRequest for routes, checkActionRequest for
 * server actions, requirePageAccess for pages), because a request carrying a body may skip the
 * middleware (middleware.ts's matcher).
 */
export function checkIncoming({ method, headers, protocol, hostOfUrl }: IncomingRequest): Verdict {
  const { host: boundHost, port, allowedHosts = [] } = config();
  const named = headers.get("host");
  const host = named ?? hostOfUrl ?? null;
  if (named !== null || hostOfUrl === undefined) {
    const hostVerdict = checkHost(named, { port, boundHost, allowedHosts });
    if (!hostVerdict.allowed) return hostVerdict;
  }
  return checkRequestOrigin({
    method,
    fetchSite: headers.get("sec-fetch-site"),
    origin: headers.get("origin"),
    ownOrigin: ownOrigin(host ?? "", protocol, headers.get("x-forwarded-proto")),
  });
}
