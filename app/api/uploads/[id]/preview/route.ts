// GET /api/uploads/:id/preview?format=&year=&tz=&timeFormat=: how the head of a stored log reads
// (detected or chosen format, match rate, first records), for New run before anything trains.
import { handleRoute, jsonResponse } from "@/lib/server/http/http-response";
import { otherMethods } from "@/lib/server/http/other-methods";
import { queryFields } from "@/lib/server/http/request-input";
import { parsePreviewQuery, previewUpload, requireLogId } from "@/lib/server/uploads/preview-upload";
import { authorizeRequest } from "@/lib/server/auth/authorize-request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const { POST, PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET");

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  // Checked here too: a GET carrying a body skips middleware.ts (its matcher cannot see the method).
  const denied = await authorizeRequest(request);
  if (denied) return denied;
  return handleRoute("upload preview", async () => {
    const id = requireLogId((await params).id);
    return jsonResponse(await previewUpload(id, parsePreviewQuery(queryFields(request.url))));
  });
}
