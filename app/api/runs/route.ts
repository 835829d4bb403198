// GET /api/runs[?page&pageSize]: runs, newest first (paging that is not whole numbers, or a
// pageSize over 500, is 400). POST /api/runs: start a run (multipart `file` plus parameter fields,
// or `logFileId` of a stored log, and optionally a `labels` file; JSON with logFileId works too,
// at most 1 MiB) -> 201 { id }. A labels file that cannot be read is refused (400) before anything
// is stored.
import { authorizeRequest } from "@/lib/server/auth/authorize-request";
import { handleRoute, jsonResponse } from "@/lib/server/http/http-response";
import { otherMethods } from "@/lib/server/http/other-methods";
import { RUN_STARTS, clientAddress, limiterFor, rateLimitedResponse, takeRateLimit } from "@/lib/server/http/rate-limit";
import { receiveMultipart, type MultipartUpload } from "@/lib/server/http/receive-multipart";
import { parseRunsQuery, queryFields } from "@/lib/server/http/request-input";
import { readJsonBody } from "@/lib/server/http/read-json-body";
import { listRunViews } from "@/lib/server/runs/run-view";
import { startRunFromFields } from "@/lib/server/runs/start-run-request";

export const runtime = "nodejs";
// Sign-in is checked here as well as in middleware.ts: requests with a body may skip the middleware
// (see its matcher), and the check must hold for every request that changes something.
export const dynamic = "force-dynamic";

export const { PUT, DELETE, PATCH, OPTIONS } = otherMethods("GET", "POST");

export async function GET(request: Request): Promise<Response> {
  // Checked here too: a GET carrying a body skips middleware.ts (its matcher cannot see the method).
  const denied = await authorizeRequest(request);
  if (denied) return denied;
  return handleRoute("list runs", async () => {
    const { page, pageSize } = parseRunsQuery(queryFields(request.url));
    return jsonResponse(await listRunViews({ page, pageSize }));
  });
}

export async function POST(request: Request): Promise<Response> {
  const unauthorized = await authorizeRequest(request);
  if (unauthorized) return unauthorized;
  // Counted before the body is read, so that concurrent requests cannot all slip under the limit;
  // a refused one gives its count back: the limit is on runs started, not on mistakes.
  const key = clientAddress(request.headers);
  const limited = takeRateLimit(RUN_STARTS, key);
  if (limited) return rateLimitedResponse(limited);
  const response = await handleRoute("start run", async () => {
    const isJson = /^application\/json\b/i.test(request.headers.get("content-type") ?? "");
    const form: MultipartUpload = isJson ? { fields: {}, upload: null, labels: null } : await receiveMultipart(request);
    const fields = isJson ? await readJsonBody(request) : form.fields;
    const run = await startRunFromFields(fields, { upload: form.upload, labels: form.labels });
    return jsonResponse({ id: run.id, status: run.status, logFileId: run.logFileId }, 201, { location: `/api/runs/${run.id}` });
  });
  if (response.status !== 201) limiterFor(RUN_STARTS).refund(key);
  return response;
}
