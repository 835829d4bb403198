// GET /api/runs/:id/windows?page&pageSize&filter&sort&direction[&eps&minSamples&contamination&aePercentile&votes]
// A page of windows; thresholds relabel on the fly (the stored labels stay as trained).
import { handleRoute, jsonResponse } from "@/lib/server/http/http-response";
import { otherMethods } from "@/lib/server/http/other-methods";
import { parseWindowQuery, queryFields } from "@/lib/server/http/request-input";
import { requireId } from "@/lib/server/http/route-params";
import { listRunWindows } from "@/lib/server/runs/run-windows";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET");

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute("list windows", async () => {
    const id = requireId((await params).id);
    const query = parseWindowQuery(queryFields(request.url));
    return jsonResponse(await listRunWindows(id, query));
  });
}
