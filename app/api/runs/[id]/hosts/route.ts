// GET /api/runs/:id/hosts: the busiest hosts (at most 12, the rest as "other") with their events
// and error-keyword lines per window, sparse ([window, events, errors] triples), for the run page's
// per-host lanes. Read once from the stored log with the run's format and cached per run; a run
// whose log is gone answers 200 with `missing` (one sentence) and no hosts.
import { handleRoute, jsonResponse } from "@/lib/server/http/http-response";
import { otherMethods } from "@/lib/server/http/other-methods";
import { requireId } from "@/lib/server/http/route-params";
import { runHostLanes } from "@/lib/server/runs/host-lanes";
import { authorizeRequest } from "@/lib/server/auth/authorize-request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET");

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  // Checked here too: a GET carrying a body skips middleware.ts (its matcher cannot see the method).
  const denied = await authorizeRequest(request);
  if (denied) return denied;
  return handleRoute("hosts", async () => {
    const id = requireId((await params).id);
    return jsonResponse(await runHostLanes(id));
  });
}
