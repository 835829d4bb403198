import "server-only";
import { config } from "@/lib/config/env";
import { jsonResponse } from "./http-response";

/**
 * Per-client rate limits on the requests that cost the machine most: starting a run (a training
 * job), storing an upload (disk writes and a SHA-256 pass) and a sign-in attempt (scrypt: 0.5 s and
 * 64 MiB each). A sliding window per key, in memory: Logscope is one process, and a restart
 * forgetting the counts only lets a client start over.
 */

export interface RateLimit {
  /** Most requests a key may make within `windowMs`. */
  readonly limit: number;
  readonly windowMs: number;
  /** The refusal's one sentence, given the seconds until the oldest counted request leaves the window. */
  readonly sentence: (seconds: number) => string;
}

const MINUTE_MS = 60_000;
const wait = (seconds: number) => `wait ${seconds} second${seconds === 1 ? "" : "s"} and try again.`;

// The numbers: an analyst at the New run page starts a run every few seconds at most. Starting a
// run only queues it (the runner trains LOGSCOPE_JOB_CONCURRENCY at a time), so the limit guards
// the queue and the database rather than the CPU, and leaves room for a script sweeping a grid of
// parameters (and the API's property test, which starts about 60 in a second): 120 a minute,
// two a second for a whole minute, is never reached by hand, while a flooding script is stopped.
export const RUN_STARTS: RateLimit = {
  limit: 120,
  windowMs: MINUTE_MS,
  sentence: (seconds) => `Too many runs started in the last minute; ${wait(seconds)}`,
};
// Uploads cost the machine at once: each is written to disk and hashed in full, even when refused
// late. An analyst uploads a log every few seconds at most: 30 a minute is never reached by hand.
export const UPLOADS: RateLimit = {
  limit: 30,
  windowMs: MINUTE_MS,
  sentence: (seconds) => `Too many uploads in the last minute; ${wait(seconds)}`,
};
// Per name and address: a person mistyping a password tries a few times; 10 a minute leaves room
// for that and caps a guessing script at 10 scrypt hashes (5 s of one core) a minute per name.
export const SIGN_IN_ATTEMPTS: RateLimit = {
  limit: 10,
  windowMs: MINUTE_MS,
  sentence: (seconds) => `Too many sign-in attempts in the last minute; ${wait(seconds)}`,
};

/**
 * Sign-in attempts per name from every address together: the client address comes from
 * X-Forwarded-For, which a client without a proxy in front can vary at will, so a guessing script
 * is held here to 30 scrypt hashes a minute per name, however it spells its address.
 */
export const SIGN_IN_PER_NAME: RateLimit = {
  limit: 30,
  windowMs: MINUTE_MS,
  sentence: (seconds) => `Too many sign-in attempts for this name in the last minute; ${wait(seconds)}`,
};

/**
 * Keys kept per limit. Each holds at most `limit` timestamps, so this bounds the memory (10,000
 * keys x at most 120 numbers, about 10 MiB at worst) however many addresses or names a client
 * makes up; past it the key used least recently is forgotten, which at worst lets it start over.
 */
export const MAX_KEYS = 10_000;

export interface RateLimiterOptions {
  maxKeys?: number;
  /** Milliseconds now; tests pass a clock they move. */
  now?: () => number;
}

/** One sliding window per key: the times of the requests counted within the last `windowMs`. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(
    readonly rule: RateLimit,
    options: RateLimiterOptions = {},
  ) {
    this.maxKeys = options.maxKeys ?? MAX_KEYS;
    this.now = options.now ?? Date.now;
  }

  /** How many keys are remembered (for tests of the bound). */
  get size(): number {
    return this.hits.size;
  }

  /**
   * Counts one request for `key` and returns null, or, when `key` is at its limit, counts nothing
   * and returns the whole seconds until a request may be made again (at least 1).
   */
  take(key: string): number | null {
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((at) => now - at < this.rule.windowMs);
    // Re-inserted so that Map order is least recently used first, the order evicted in.
    this.hits.delete(key);
    const oldest = recent[0];
    if (recent.length >= this.rule.limit && oldest !== undefined) {
      this.hits.set(key, recent);
      return Math.max(1, Math.ceil((oldest + this.rule.windowMs - now) / 1000));
    }
    recent.push(now);
    this.hits.set(key, recent);
    for (const stale of this.hits.keys()) {
      if (this.hits.size <= this.maxKeys) break;
      this.hits.delete(stale);
    }
    return null;
  }

  /** Gives back the request `take` last counted for `key` (one that was refused before it cost much). */
  refund(key: string): void {
    this.hits.get(key)?.pop();
  }
}

// On globalThis: Next can load this module more than once (hot reload, separate bundles for
// routes and actions) and the counts must be one per process.
const globalForLimits = globalThis as typeof globalThis & { logscopeRateLimiters?: Map<RateLimit, RateLimiter> };

/** The process's limiter for `rule`. */
export function limiterFor(rule: RateLimit): RateLimiter {
  const limiters = (globalForLimits.logscopeRateLimiters ??= new Map<RateLimit, RateLimiter>());
  let limiter = limiters.get(rule);
  if (!limiter) limiters.set(rule, (limiter = new RateLimiter(rule)));
  return limiter;
}

/** Forgets every count (tests that start from a clean slate). */
export function resetRateLimits(): void {
  globalForLimits.logscopeRateLimiters?.clear();
}

/**
 * Who is asking. A Web Request carries no socket address, so with LOGSCOPE_TRUST_PROXY on this is
 * the first X-Forwarded-For entry (the client as the proxy saw it, nginx: `proxy_set_header
 * X-Forwarded-For $remote_addr`), else "local". Off (the default), the header is ignored: without a
 * proxy that sets it, any client could write a new address in it for each request and never meet a
 * limit. Then every client shares the one "local" bucket: fine for a single analyst on loopback.
 */
export function clientAddress(headers: Headers): string {
  if (!config().trustProxy) return "local";
  const first = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return first ? first.slice(0, 100) : "local";
}

/** A refusal: the sentence and the seconds for Retry-After. */
export interface RateLimited {
  message: string;
  retryAfterSeconds: number;
}

/** Counts one request of `rule` for `key`; the refusal when over the limit, else null. */
export function takeRateLimit(rule: RateLimit, key: string): RateLimited | null {
  const seconds = limiterFor(rule).take(key);
  return seconds === null ? null : { message: rule.sentence(seconds), retryAfterSeconds: seconds };
}

/** The API's answer to a refusal: 429, Retry-After in seconds and `{ error }`. */
export function rateLimitedResponse(refusal: RateLimited): Response {
  return jsonResponse({ error: refusal.message }, 429, { "retry-after": String(refusal.retryAfterSeconds) });
}
