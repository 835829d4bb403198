// GET /api/runs/:id: status, progress, parameters, counts, thresholds. DELETE: remove the run.
import { authorizeRequest } from "@/lib/server/auth/authorize-request";
import { handleRoute, jsonResponse } from "@/lib/server/http/http-response";
import { otherMethods } from "@/lib/server/http/other-methods";
import { requireId } from "@/lib/server/http/route-params";
import { removeRun } from "@/lib/server/runs/run-commands";
import { getRunView } from "@/lib/server/runs/run-view";

export const runtime = "nodejs";
// Sign-in is checked here as well as in middleware.ts: requests with a body may skip the middleware
// (see its matcher), and the check must hold for every request that changes something.
export const dynamic = "force-dynamic";

export const { POST, PUT, PATCH, OPTIONS } = otherMethods("GET", "DELETE");

type Context = { params: Promise<{ id: string }> };

export async function GET(request: Request, { params }: Context): Promise<Response> {
  // Checked here too: a GET carrying a body skips middleware.ts (its matcher cannot see the method).
  const denied = await authorizeRequest(request);
  if (denied) return denied;
  return handleRoute("get run", async () => jsonResponse(await getRunView(requireId((await params).id))));
}

export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  return (await authorizeRequest(request)) ?? handleRoute("delete run", async () => {
    const id = requireId((await params).id);
    await removeRun(id);
    return jsonResponse({ id, deleted: true });
  });
}
