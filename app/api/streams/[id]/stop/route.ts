// POST /api/streams/:id/stop: close and store the open windows and finish the stream's run (409 once stopped).
import { authorizeRequest } from "@/lib/server/auth/authorize-request";
import { handleRoute, jsonResponse } from "@/lib/server/http/http-response";
import { otherMethods } from "@/lib/server/http/other-methods";
import { stopStream } from "@/lib/server/streams/stop-stream-request";

export const runtime = "nodejs";
// Sign-in is checked here as well as in middleware.ts: requests with a body may skip the middleware
// (see its matcher), and the check must hold for every request that changes something.
export const dynamic = "force-dynamic";

export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = otherMethods("POST");

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return (await authorizeRequest(request)) ?? handleRoute("stop stream", async () => jsonResponse({ stream: await stopStream(request, (await params).id) }));
}
