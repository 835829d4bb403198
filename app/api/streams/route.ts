// GET /api/streams[?state=live|stopped]: the streams this request may use. POST /api/streams: JSON
// { name, modelRunId, source: http|syslog|file, config?, lateness?, year? } -> 201 { stream, runId }
// (docs/live.md). 404 while LOGSCOPE_STREAMS is off.
import { authorizeRequest } from "@/lib/server/auth/authorize-request";
import { handleRoute, jsonResponse } from "@/lib/server/http/http-response";
import { otherMethods } from "@/lib/server/http/other-methods";
import { clientAddress, limiterFor, rateLimitedResponse, takeRateLimit } from "@/lib/server/http/rate-limit";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { createStreamFromFields, STREAM_CREATES } from "@/lib/server/streams/create-stream-request";
import { listStreamViews } from "@/lib/server/streams/list-stream-views";
import { requesterId, requireStreamsEnabled } from "@/lib/server/streams/stream-access";

export const runtime = "nodejs";
// Sign-in is checked here as well as in middleware.ts: requests with a body may skip the middleware
// (see its matcher), and the check must hold for every request that changes something.
export const dynamic = "force-dynamic";

export const { PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET", "POST");

export async function GET(request: Request): Promise<Response> {
  // Checked here too: a GET carrying a body skips middleware.ts (its matcher cannot see the method).
  const denied = await authorizeRequest(request);
  if (denied) return denied;
  return handleRoute("list streams", async () => jsonResponse(await listStreamViews(request)));
}

export async function POST(request: Request): Promise<Response> {
  const unauthorized = await authorizeRequest(request);
  if (unauthorized) return unauthorized;
  const key = clientAddress(request.headers);
  let counted = false;
  const response = await handleRoute("create stream", async () => {
    requireStreamsEnabled();
    // Counted before the body is read, so that concurrent requests cannot all slip under the limit.
    const limited = takeRateLimit(STREAM_CREATES, key);
    if (limited) return rateLimitedResponse(limited);
    counted = true;
    const created = await createStreamFromFields(await readJsonBody(request), await requesterId(request));
    return jsonResponse(created, 201, { location: `/api/streams/${created.stream.id}` });
  });
  // A refused request gives its count back: the limit is on streams created, not on mistakes.
  if (counted && response.status !== 201) limiterFor(STREAM_CREATES).refund(key);
  return response;
}
