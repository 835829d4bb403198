// GET /api/runs/:id/windows/:index/explanation[?thresholds]: why the window was (or was not)
// flagged: robust z-scores, Isolation Forest attribution, autoencoder error shares, DBSCAN distance
// and unusual templates (lib/pipeline/explain-window.ts), under the run's current thresholds.
import { handleRoute, jsonResponse } from "@/lib/server/http/http-response";
import { otherMethods } from "@/lib/server/http/other-methods";
import { parseThresholdFields, queryFields } from "@/lib/server/http/request-input";
import { requireId } from "@/lib/server/http/route-params";
import { explainRunWindow } from "@/lib/server/runs/window-explanation";
import { authorizeRequest } from "@/lib/server/auth/authorize-request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET");

export async function GET(request: Request, { params }: { params: Promise<{ id: string; index: string }> }): Promise<Response> {
  // Checked here too: a GET carrying a body skips middleware.ts (its matcher cannot see the method).
  const denied = await authorizeRequest(request);
  if (denied) return denied;
  return handleRoute("window explanation", async () => {
    const segments = await params;
    const id = requireId(segments.id);
    const index = requireId(segments.index, "window");
    const thresholds = parseThresholdFields(queryFields(request.url));
    return jsonResponse(await explainRunWindow(id, index, thresholds));
  });
}
