// GET /api/runs/:id/windows/:index[?thresholds]: one window with its raw log lines.
import { handleRoute, jsonResponse } from "@/lib/server/http/http-response";
import { otherMethods } from "@/lib/server/http/other-methods";
import { parseThresholdFields, queryFields } from "@/lib/server/http/request-input";
import { requireId } from "@/lib/server/http/route-params";
import { getRunWindow } from "@/lib/server/runs/run-windows";
import { authorizeRequest } from "@/lib/server/auth/authorize-request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET");

export async function GET(request: Request, { params }: { params: Promise<{ id: string; index: string }> }): Promise<Response> {
  // Checked here too: a GET carrying a body skips middleware.ts (its matcher cannot see the method).
  const denied = await authorizeRequest(request);
  if (denied) return denied;
  return handleRoute("window detail", async () => {
    const segments = await params;
    const id = requireId(segments.id);
    const index = requireId(segments.index, "window");
    const thresholds = parseThresholdFields(queryFields(request.url));
    return jsonResponse(await getRunWindow(id, index, thresholds));
  });
}
