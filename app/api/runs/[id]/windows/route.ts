// GET /api/runs/:id/windows?page&pageSize&filter&sort&direction[&from&to][&q][&eps&minSamples&contamination&aePercentile&votes]
// A page of windows; thresholds relabel on the fly (the stored labels stay as trained). from/to keep
// the windows starting in [from, to) (Unix seconds); q keeps those whose lines or templates contain it.
import { jsonResponse } from "@/lib/server/http/http-response";
import { getByIdRoute } from "@/lib/server/http/get-by-id-route";
import { otherMethods } from "@/lib/server/http/other-methods";
import { parseWindowQuery, queryFields } from "@/lib/server/http/request-input";
import { listRunWindows } from "@/lib/server/runs/run-windows";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET");

export const GET = getByIdRoute(
  "list windows",
  async (id, request) => {
    return jsonResponse(await listRunWindows(id, parseWindowQuery(queryFields(request.url))));
  },
);
