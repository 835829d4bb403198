// GET /api/runs/:id/k-distance[?minSamples=]: the sorted k-distance curve (<= 500 points) for choosing eps.
// minSamples above MAX_K_DISTANCE_MIN_SAMPLES (1000) is refused with 400, before the run is read.
// The curve is computed on a compute thread; a client that goes away gives it up (request.signal).
import { jsonResponse } from "@/lib/server/http/http-response";
import { getByIdRoute } from "@/lib/server/http/get-by-id-route";
import { otherMethods } from "@/lib/server/http/other-methods";
import { invalidInput, queryFields } from "@/lib/server/http/request-input";
import { runKDistanceCurve } from "@/lib/server/runs/k-distance-curve";
import { checkThresholdParams } from "@/lib/pipeline/threshold-params";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET");

export const GET = getByIdRoute(
  "k-distance",
  async (id, request) => {
    const check = checkThresholdParams({ minSamples: queryFields(request.url).minSamples });
    if (!check.ok) throw invalidInput(check.errors);
    return jsonResponse(await runKDistanceCurve(id, check.params?.minSamples, request.signal));
  },
);
