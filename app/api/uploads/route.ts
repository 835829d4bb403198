// POST /api/uploads: stream a log (multipart field `file`) to the store; start a run with the
// returned id afterwards (startRun action or POST /api/runs with logFileId).
import { authorizeRequest } from "@/lib/server/auth/authorize-request";
import { handleRoute, jsonResponse } from "@/lib/server/http/http-response";
import { otherMethods } from "@/lib/server/http/other-methods";
import { UPLOADS, clientAddress, rateLimitedResponse, takeRateLimit } from "@/lib/server/http/rate-limit";
import { receiveMultipart } from "@/lib/server/http/receive-multipart";
import { ServiceError } from "@/lib/server/http/service-error";
import { commitUpload, discardUpload } from "@/lib/server/uploads/store-upload";

export const runtime = "nodejs";
// Sign-in is checked here as well as in middleware.ts: requests with a body may skip the middleware
// (see its matcher), and the check must hold for every request that changes something.
export const dynamic = "force-dynamic";

export const { GET, HEAD, PUT, DELETE, PATCH, OPTIONS } = otherMethods("POST");

export async function POST(request: Request): Promise<Response> {
  const unauthorized = await authorizeRequest(request);
  if (unauthorized) return unauthorized;
  // Every attempt counts, refused ones too: the file is written and hashed before it can be refused.
  const limited = takeRateLimit(UPLOADS, clientAddress(request.headers));
  if (limited) return rateLimitedResponse(limited);
  return handleRoute("upload", async () => {
    const { upload } = await receiveMultipart(request, { labelsField: null });
    if (!upload) throw new ServiceError(400, 'Attach the log file in a form field named "file".');
    const { logFile, created } = await commitUpload(upload).catch(async (error: unknown) => {
      await discardUpload(upload);
      throw error;
    });
    return jsonResponse(
      {
        // One id: the stored log. uploadId is kept as a name for the same value.
        uploadId: logFile.id,
        logFileId: logFile.id,
        name: logFile.originalName,
        size: logFile.size,
        lines: logFile.lines,
        unparsedLines: logFile.unparsedLines,
        sha256: logFile.sha256,
        created,
      },
      created ? 201 : 200,
    );
  });
}
