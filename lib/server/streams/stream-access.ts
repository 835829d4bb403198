import "server-only";
import { config } from "@/lib/config/env";
import { getStream } from "@/lib/db/get-stream";
import { parseId } from "@/lib/domain/parse-id";
import { quoteInput } from "@/lib/domain/quote-input";
import { STREAMS_OFF, type StreamRecord } from "@/lib/domain/stream-types";
import { credentialPrincipal, requestCredential } from "@/lib/server/auth/request-principal";
import { ServiceError } from "@/lib/server/http/service-error";

/**
 * Who may reach a stream (issue #17, docs/live.md): every /api/streams route asks here after
 * authorizeRequest has let the request in. The routes answer 404 while streams are off, so a
 * server that never turned them on looks as it did before they existed.
 */

export { STREAMS_OFF };

/** Refuses (404, with how to turn them on) while LOGSCOPE_STREAMS is off. */
export function requireStreamsEnabled(): void {
  if (!config().streams.enabled) throw new ServiceError(404, STREAMS_OFF);
}

/** A stream id from the URL: the one id rule (lib/domain/parse-id.ts); anything else names no stream (404). */
export function requireStreamId(raw: unknown): number {
  const id = parseId(raw, "run");
  if (id !== null) return id;
  const shown = typeof raw === "string" || typeof raw === "number" ? String(raw).trim() : "";
  throw new ServiceError(404, `There is no stream ${shown ? quoteInput(shown) : "without an id"}.`);
}

/**
 * The account the request's token or session belongs to, or null when it sent none (a loopback
 * server without accounts, where authorizeRequest lets every request in).
 */
export async function requesterId(request: Request): Promise<number | null> {
  return (await credentialPrincipal(requestCredential(request.headers)))?.userId ?? null;
}

/**
 * The stream, when this request may use it: 404 when there is none, 403 when another account
 * created it. A stream created while accounts were off (no owner) is anyone's who may sign in.
 */
export async function requireStreamAccess(request: Request, id: number): Promise<StreamRecord> {
  const stream = await getStream(id);
  if (!stream) throw new ServiceError(404, `There is no stream ${id}.`);
  if (stream.ownerId !== null) {
    const who = await requesterId(request);
    if (who !== null && who !== stream.ownerId) {
      throw new ServiceError(403, `Stream ${id} belongs to another account: use a token of the account that created it.`);
    }
  }
  return stream;
}
