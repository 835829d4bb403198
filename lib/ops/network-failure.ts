/**
 * Why a connection to another machine failed, in a few words for the sentences that stop Logscope
 * (the database, the bucket, the job queue): one wording for all, from Node's error codes. Pure.
 */

const REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "no such host",
  EAI_AGAIN: "the host name does not resolve",
  EHOSTUNREACH: "no route to the host",
  ENETUNREACH: "no route to the network",
  ETIMEDOUT: "the connection timed out",
  ECONNRESET: "the connection was reset",
  EPIPE: "the connection was closed",
};

/**
 * The reason for a network error (its `code`, or the first coded error of an AggregateError, which
 * Node raises when IPv4 and IPv6 were both refused); undefined when it is not one.
 */
export function networkFailureReason(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && code in REASONS) return REASONS[code];
  const inner = (error as { errors?: unknown }).errors;
  if (Array.isArray(inner)) {
    for (const e of inner) {
      const reason = networkFailureReason(e);
      if (reason !== undefined) return reason;
    }
  }
  return undefined;
}
