// POST /api/streams/:id/lines: text/plain or application/x-ndjson lines, optional Logscope-Seq header
// -> 200 { lines, duplicate, records, unparsed, late, windowsClosed, anomalies, lastSeq }, once the
// lines and the windows they closed are stored (docs/live.md). 429 with Retry-After when the stream
// is busy: send again.
import { authorizeRequest } from "@/lib/server/auth/authorize-request";
import { handleRoute, jsonResponse } from "@/lib/server/http/http-response";
import { otherMethods } from "@/lib/server/http/other-methods";
import { appendStreamLines } from "@/lib/server/streams/append-stream-lines";

export const runtime = "nodejs";
// Sign-in is checked here as well as in middleware.ts: requests with a body may skip the middleware
// (see its matcher), and the check must hold for every request that changes something.
export const dynamic = "force-dynamic";

export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = otherMethods("POST");

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return (await authorizeRequest(request)) ?? handleRoute("append stream lines", async () => {
    const result = await appendStreamLines(request, (await params).id);
    if (result.kind === "busy") return jsonResponse({ error: result.message }, 429, { "retry-after": String(result.retryAfterSeconds) });
    return jsonResponse(result.outcome);
  });
}
