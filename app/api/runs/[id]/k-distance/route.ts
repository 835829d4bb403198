// GET /api/runs/:id/k-distance[?minSamples=]: the sorted k-distance curve (<= 500 points) for choosing eps.
// minSamples above MAX_K_DISTANCE_MIN_SAMPLES (1000) is refused with 400, before the run is read.
// The curve is computed on a compute thread; a client that goes away gives it up (request.signal).
import { handleRoute, jsonResponse } from "@/lib/server/http/http-response";
import { otherMethods } from "@/lib/server/http/other-methods";
import { invalidInput, queryFields } from "@/lib/server/http/request-input";
import { requireId } from "@/lib/server/http/route-params";
import { runKDistanceCurve } from "@/lib/server/runs/k-distance-curve";
import { checkThresholdParams } from "@/lib/pipeline/threshold-params";
import { authorizeRequest } from "@/lib/server/auth/authorize-request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET");

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  // Checked here too: a GET carrying a body skips middleware.ts (its matcher cannot see the method).
  const denied = await authorizeRequest(request);
  if (denied) return denied;
  return handleRoute("k-distance", async () => {
    const id = requireId((await params).id);
    const check = checkThresholdParams({ minSamples: queryFields(request.url).minSamples });
    if (!check.ok) throw invalidInput(check.errors);
    return jsonResponse(await runKDistanceCurve(id, check.params?.minSamples, request.signal));
  });
}
