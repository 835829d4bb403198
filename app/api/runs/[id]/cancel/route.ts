// POST /api/runs/:id/cancel: stop a queued or running run (409 once it has finished).
import { authorizeRequest } from "@/lib/server/auth/authorize-request";
import { handleRoute, jsonResponse } from "@/lib/server/http/http-response";
import { otherMethods } from "@/lib/server/http/other-methods";
import { requireId } from "@/lib/server/http/route-params";
import { cancelRun } from "@/lib/server/runs/run-commands";

export const runtime = "nodejs";
// Sign-in is checked here as well as in middleware.ts: requests with a body may skip the middleware
// (see its matcher), and the check must hold for every request that changes something.
export const dynamic = "force-dynamic";

export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = otherMethods("POST");

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return (await authorizeRequest(request)) ?? handleRoute("cancel run", async () => {
    const run = await cancelRun(requireId((await params).id));
    return jsonResponse({ id: run.id, status: run.status });
  });
}
