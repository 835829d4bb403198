import "server-only";
import { isIP } from "node:net";
import { parseHostAndPort, type HostAndPort } from "@/lib/config/env";
import { quoteInput } from "@/lib/domain/quote-input";
import { ALLOWED, refused, type Verdict } from "./verdict";

/**
 * DNS rebinding: a page on attacker.example whose name is re-pointed at 127.0.0.1 reaches this
 * server as its own origin, so the browser lets it read every answer. What gives it away is the
 * Host header, which still says attacker.example. So every request (pages, API, assets) must name
 * this server: by a loopback name or HOST with the port it serves on, or by an ALLOWED_HOSTS entry.
 */
export interface HostRules {
  /** The port the server listens on (PORT; `next start -p` sets it too). */
  port: number;
  /** HOST, the address the server is bound to (0.0.0.0 or :: means every interface). */
  boundHost: string;
  /** ALLOWED_HOSTS: names a proxy or a LAN uses; an entry without a port allows any port. */
  allowedHosts: readonly HostAndPort[];
}

/** This machine's names, as parseHostAndPort spells them (the one list: sign-in's loopback rule uses it too). */
export const LOOPBACK_NAMES: readonly string[] = ["localhost", "127.0.0.1", "[::1]"];
const WILDCARD_ADDRESSES = ["0.0.0.0", "[::]"];
/** The port a browser leaves out of the Host header of an http:// address. */
const HTTP_DEFAULT_PORT = 80;

const isIpLiteral = (name: string) => isIP(name.startsWith("[") ? name.slice(1, -1) : name) !== 0;

/** Whether `host` (already parsed) is one of the names in `rules`. */
function isOwnName(host: HostAndPort, rules: HostRules): boolean {
  const bound = parseHostAndPort(rules.boundHost)?.name;
  const port = host.port ?? HTTP_DEFAULT_PORT;
  if (port === rules.port) {
    if (LOOPBACK_NAMES.includes(host.name) || host.name === bound) return true;
    // Bound to every interface, the server's names include each of the machine's addresses, which
    // a pure check cannot list. Any IP literal is safe to accept: a rebinding page always reaches
    // the server under a DNS name (its own), never under an address.
    if (bound !== undefined && WILDCARD_ADDRESSES.includes(bound) && isIpLiteral(host.name)) return true;
  }
  return rules.allowedHosts.some((entry) => entry.name === host.name && (entry.port === undefined || entry.port === port));
}

/** Refuses a request whose Host header is missing, malformed or not one of this server's names. */
export function checkHost(header: string | null, rules: HostRules): Verdict {
  if (header === null || header.trim() === "") {
    return refused(400, "The request names no host: send a Host header with this server's name.");
  }
  const host = parseHostAndPort(header);
  const shown = quoteInput(header);
  if (host === undefined) return refused(400, `The Host header ${shown} is not a host name with an optional port.`);
  if (isOwnName(host, rules)) return ALLOWED;
  return refused(
    421,
    `This server does not answer to the host ${shown}; if that is one of its names, add it to ALLOWED_HOSTS.`,
  );
}
