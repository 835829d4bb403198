// GET /api/runs/:id/windows?page&pageSize&filter&sort&direction[&from&to][&q][&eps&minSamples&contamination&aePercentile&votes]
// A page of windows; thresholds relabel on the fly (the stored labels stay as trained). from/to keep
// the windows starting in [from, to) (Unix seconds); q keeps those whose lines or templates contain it.
import { handleRoute, jsonResponse } from "@/lib/server/http/http-response";
import { otherMethods } from "@/lib/server/http/other-methods";
import { parseWindowQuery, queryFields } from "@/lib/server/http/request-input";
import { requireId } from "@/lib/server/http/route-params";
import { listRunWindows } from "@/lib/server/runs/run-windows";
import { authorizeRequest } from "@/lib/server/auth/authorize-request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET");

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  // Checked here too: a GET carrying a body skips middleware.ts (its matcher cannot see the method).
  const denied = await authorizeRequest(request);
  if (denied) return denied;
  return handleRoute("list windows", async () => {
    const id = requireId((await params).id);
    return jsonResponse(await listRunWindows(id, parseWindowQuery(queryFields(request.url))));
  });
}
