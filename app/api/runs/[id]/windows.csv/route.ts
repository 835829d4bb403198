// GET /api/runs/:id/windows.csv[?eps&minSamples&contamination&aePercentile&votes]: the docs/pipeline.md §6 CSV.
import { handleRoute } from "@/lib/server/http/http-response";
import { otherMethods } from "@/lib/server/http/other-methods";
import { parseThresholdFields, queryFields } from "@/lib/server/http/request-input";
import { requireId } from "@/lib/server/http/route-params";
import { streamResultsCsv } from "@/lib/server/runs/results-csv";
import { authorizeRequest } from "@/lib/server/auth/authorize-request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET");

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  // Checked here too: a GET carrying a body skips middleware.ts (its matcher cannot see the method).
  const denied = await authorizeRequest(request);
  if (denied) return denied;
  return handleRoute("results csv", async () => {
    const id = requireId((await params).id);
    const thresholds = parseThresholdFields(queryFields(request.url));
    const body = await streamResultsCsv(id, thresholds);
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="run-${id}-anomaly_results_with_features.csv"`,
        "cache-control": "no-store",
      },
    });
  });
}
