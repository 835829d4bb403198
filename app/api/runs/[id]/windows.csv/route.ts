// GET /api/runs/:id/windows.csv[?eps&minSamples&contamination&aePercentile&votes]: the docs/pipeline.md §6 CSV.
import { getByIdRoute } from "@/lib/server/http/get-by-id-route";
import { otherMethods } from "@/lib/server/http/other-methods";
import { parseThresholdFields, queryFields } from "@/lib/server/http/request-input";
import { streamResultsCsv } from "@/lib/server/runs/results-csv";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET");

export const GET = getByIdRoute(
  "results csv",
  async (id, request) => {
    const thresholds = parseThresholdFields(queryFields(request.url));
    const body = await streamResultsCsv(id, thresholds);
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="run-${id}-anomaly_results_with_features.csv"`,
        "cache-control": "no-store",
      },
    });
  },
);
