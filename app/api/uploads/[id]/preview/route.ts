// GET /api/uploads/:id/preview?format=&year=&tz=&timeFormat=: how the head of a stored log reads
// (detected or chosen format, match rate, first records), for New run before anything trains.
import { jsonResponse } from "@/lib/server/http/http-response";
import { getByIdRoute } from "@/lib/server/http/get-by-id-route";
import { otherMethods } from "@/lib/server/http/other-methods";
import { queryFields } from "@/lib/server/http/request-input";
import { parsePreviewQuery, previewUpload, requireLogId } from "@/lib/server/uploads/preview-upload";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET");

export const GET = getByIdRoute(
  "upload preview",
  async (id, request) => {
    return jsonResponse(await previewUpload(id, parsePreviewQuery(queryFields(request.url))));
  },
  requireLogId,
);
