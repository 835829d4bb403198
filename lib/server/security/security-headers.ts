import "server-only";
import { randomBytes } from "node:crypto";

/**
 * The headers every response carries (middleware.ts sets them, on pages, the API and assets alike).
 *
 * Scripts run only with this response's nonce: Next reads the nonce from the request's
 * Content-Security-Policy header (which the middleware sets too) and puts it on its bootstrap and
 * RSC inline scripts and on its chunk tags. Every page is rendered per request (force-dynamic), so a
 * per-request nonce costs nothing, and an injected <script> or inline handler cannot run; with
 * 'unsafe-inline' it could. (The one prerendered page, the not-found page of an unknown address,
 * has no nonce: it shows, its links work, its scripts do not run.) 'self' stays for the chunks
 * webpack loads later (nosniff keeps a non-JavaScript answer from this origin, an uploaded log say,
 * from running as a script). No 'unsafe-eval': the browser bundle's zod probes for it once and
 * falls back to its plain parser.
 *
 * Styles allow 'unsafe-inline': React writes `style` attributes into the server HTML (bar widths,
 * model colours) and a nonce cannot cover an attribute, only elements; injected CSS cannot run code.
 */
export function contentSecurityPolicy(nonce: string, development: boolean): string {
  const directives = [
    "default-src 'self'",
    // next dev evaluates modules with eval (source maps, React's owner stacks); a build never does.
    `script-src 'self' 'nonce-${nonce}'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    // data: and blob: are how script-made images come (a canvas read back, an inline SVG); an image
    // cannot run code. The app's own images are same-origin files.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    // The API, the series binaries, the uploads; next dev's HMR socket is same-origin too.
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ];
  return directives.join("; ");
}

/** A fresh nonce per response: 128 random bits, base64 (CSP's nonce form). */
export function createNonce(): string {
  return randomBytes(16).toString("base64");
}

export type SecurityHeaders = Record<"content-security-policy" | "x-frame-options" | "x-content-type-options" | "referrer-policy", string>;

/** The security headers of a response whose scripts carry `nonce`. */
export function securityHeaders(nonce: string, development: boolean): SecurityHeaders {
  return {
    "content-security-policy": contentSecurityPolicy(nonce, development),
    // For browsers without CSP's frame-ancestors: no other site may frame these pages (clickjacking).
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    // A link out of a run page tells the other site nothing of the run's address or thresholds.
    "referrer-policy": "same-origin",
  };
}
