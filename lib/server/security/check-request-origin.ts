import "server-only";
import { ALLOWED, refused, type Verdict } from "./verdict";

/**
 * Cross-site request forgery: any page on the web can make a visitor's browser send a form post
 * or a no-cors fetch here (multipart, text/plain and urlencoded bodies need no CORS preflight), and
 * the server would act on it. A request that changes something is refused when a browser says it
 * came from another site.
 */
export interface RequestFacts {
  method: string;
  /** Sec-Fetch-Site, or null when the client sent none. */
  fetchSite: string | null;
  /** Origin, or null when the client sent none. */
  origin: string | null;
  /** The origin the request was addressed to (`ownOrigin`), its Host already checked. */
  ownOrigin: string;
}

/** Reading is not changing: these methods never act (the routes hold to that). */
const SAFE_METHODS = ["GET", "HEAD", "OPTIONS"];

/** Sec-Fetch-Site values of a request this app's own pages sent, or one the user made (a typed address). */
const OWN_FETCH_SITES = ["same-origin", "none"];

export const CROSS_SITE_REFUSAL =
  "This request came from a page on another site, and only Logscope's own pages (or clients such as curl and the CLI) may change its data.";

/** Whether a request with this method may change something (every method but GET, HEAD and OPTIONS). */
export function changesState(method: string): boolean {
  return !SAFE_METHODS.includes(method.toUpperCase());
}

/**
 * The origin a request was addressed to: its scheme (a TLS proxy's X-Forwarded-Proto, else the
 * connection's) and its Host. Trusting X-Forwarded-Proto is safe here: a page on another site
 * cannot add that header to a request without a CORS preflight, which this server never grants.
 */
export function ownOrigin(host: string, protocol: string, forwardedProto: string | null): string {
  const scheme = requestScheme(protocol, forwardedProto);
  return originOf(`${scheme}//${host}`) ?? `${scheme}//${host}`;
}

/** The scheme the browser used ("https:" or "http:"): a TLS proxy's X-Forwarded-Proto when it names one, else the connection's. */
export function requestScheme(protocol: string, forwardedProto: string | null): string {
  const forwarded = forwardedProto?.split(",")[0]?.trim().toLowerCase();
  return forwarded === "https" || forwarded === "http" ? `${forwarded}:` : protocol;
}

/** `text` as an origin (lower case, default port dropped), or undefined when it is not a URL. */
function originOf(text: string): string | undefined {
  try {
    return new URL(text).origin;
  } catch {
    return undefined;
  }
}

/**
 * Refuses a state-changing request that a browser sent from another site. Sec-Fetch-Site is the
 * browser's own word (pages cannot set it) and every current browser sends it; without it, an
 * Origin that is not this server's own refuses the request (`Origin: null` included: sandboxed
 * and opaque pages).
 *
 * A request with neither header is let through: browsers send Origin with every cross-origin
 * request that is not a GET or HEAD, so a forged one always carries it (or Sec-Fetch-Site).
 * Without both, the sender is not a browser on someone else's page but curl, the CLI or a script,
 * which could send whatever headers it liked anyway: refusing it would protect nothing.
 */
export function checkRequestOrigin(facts: RequestFacts): Verdict {
  if (!changesState(facts.method)) return ALLOWED;
  if (facts.fetchSite !== null) {
    return OWN_FETCH_SITES.includes(facts.fetchSite.trim().toLowerCase()) ? ALLOWED : refused(403, CROSS_SITE_REFUSAL);
  }
  if (facts.origin === null) return ALLOWED;
  const from = originOf(facts.origin);
  return from !== undefined && from === originOf(facts.ownOrigin) ? ALLOWED : refused(403, CROSS_SITE_REFUSAL);
}
