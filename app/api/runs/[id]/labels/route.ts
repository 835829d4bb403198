// PUT /api/runs/:id/labels: attach ground truth to a finished run. Body: the labels file, as the
// multipart field `labels` or as the raw request body (`?name=` names it). Window starts map by
// start, per-line labels through the windows' stored line ranges; a file that does not fit is 400
// and changes nothing. -> { runId, truth: { source, windows } }. DELETE: remove it -> { runId, truth: null }.
import { authorizeRequest } from "@/lib/server/auth/authorize-request";
import { handleRoute, jsonResponse } from "@/lib/server/http/http-response";
import { otherMethods } from "@/lib/server/http/other-methods";
import { receiveMultipart } from "@/lib/server/http/receive-multipart";
import { queryFields } from "@/lib/server/http/request-input";
import { requireId } from "@/lib/server/http/route-params";
import { attachRunLabels, removeRunTruth } from "@/lib/server/runs/run-labels";
import { ServiceError } from "@/lib/server/http/service-error";
import { receiveLabelsFile, type ReceivedLabels } from "@/lib/server/uploads/store-labels";

export const runtime = "nodejs";
// Sign-in is checked here as well as in middleware.ts: requests with a body may skip the middleware
// (see its matcher), and the check must hold for every request that changes something.
export const dynamic = "force-dynamic";

export const { GET, HEAD, POST, PATCH, OPTIONS } = otherMethods("PUT", "DELETE");

type Context = { params: Promise<{ id: string }> };

const MISSING = 'Send the labels file as the request body, or as multipart/form-data in a field named "labels".';

async function receiveLabels(request: Request): Promise<ReceivedLabels> {
  if (/^multipart\/form-data\b/i.test(request.headers.get("content-type") ?? "")) {
    const { labels } = await receiveMultipart(request, { fileField: null, labelsField: "labels" });
    if (!labels) throw new ServiceError(400, MISSING, { labels: MISSING });
    return labels;
  }
  if (!request.body) throw new ServiceError(400, MISSING, { labels: MISSING });
  return receiveLabelsFile(request.body, { originalName: queryFields(request.url).name || "labels.txt" });
}

export async function PUT(request: Request, { params }: Context): Promise<Response> {
  return (await authorizeRequest(request)) ?? handleRoute("attach labels", async () => {
    const id = requireId((await params).id);
    const truth = await attachRunLabels(id, await receiveLabels(request));
    return jsonResponse({ runId: id, truth });
  });
}

export async function DELETE(request: Request, { params }: Context): Promise<Response> {
  return (await authorizeRequest(request)) ?? handleRoute("remove labels", async () => {
    const id = requireId((await params).id);
    await removeRunTruth(id);
    return jsonResponse({ runId: id, truth: null });
  });
}
