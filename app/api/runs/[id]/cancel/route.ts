// POST /api/runs/:id/cancel: stop a queued or running run (409 once it has finished).
import { handleRoute, jsonResponse } from "@/lib/server/http/http-response";
import { otherMethods } from "@/lib/server/http/other-methods";
import { requireId } from "@/lib/server/http/route-params";
import { cancelRun } from "@/lib/server/runs/run-commands";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = otherMethods("POST");

export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute("cancel run", async () => {
    const run = await cancelRun(requireId((await params).id));
    return jsonResponse({ id: run.id, status: run.status });
  });
}
