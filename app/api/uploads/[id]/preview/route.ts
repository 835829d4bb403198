// GET /api/uploads/:id/preview?format=&year=&tz=&timeFormat=: how the head of a stored log reads
// (detected or chosen format, match rate, first records), for New run before anything trains.
import { handleRoute, jsonResponse } from "@/lib/server/http/http-response";
import { otherMethods } from "@/lib/server/http/other-methods";
import { queryFields } from "@/lib/server/http/request-input";
import { parsePreviewQuery, previewUpload, requireLogId } from "@/lib/server/uploads/preview-upload";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET");

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleRoute("upload preview", async () => {
    const id = requireLogId((await params).id);
    return jsonResponse(await previewUpload(id, parsePreviewQuery(queryFields(request.url))));
  });
}
