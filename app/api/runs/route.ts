// GET /api/runs: runs, newest first. POST /api/runs: start a run (multipart `file` plus parameter
// fields, or `logFileId` of a stored log, and optionally a `labels` file; JSON with logFileId works
// too) -> 201 { id }. A labels file that cannot be read is refused (400) before anything is stored.
import { handleRoute, jsonResponse, readJsonFields } from "@/lib/server/http/http-response";
import { receiveMultipart, type MultipartUpload } from "@/lib/server/http/receive-multipart";
import { queryFields } from "@/lib/server/http/request-input";
import { listRunViews } from "@/lib/server/runs/run-view";
import { startRunFromFields } from "@/lib/server/runs/start-run-request";
import { z } from "zod";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const listQuery = z.object({
  page: z.coerce.number().int().min(1).catch(1),
  pageSize: z.coerce.number().int().min(1).max(500).catch(50),
});

export async function GET(request: Request): Promise<Response> {
  return handleRoute("list runs", async () => {
    const { page, pageSize } = listQuery.parse(queryFields(request.url));
    return jsonResponse(await listRunViews({ page, pageSize }));
  });
}

export async function POST(request: Request): Promise<Response> {
  return handleRoute("start run", async () => {
    const isJson = /^application\/json\b/i.test(request.headers.get("content-type") ?? "");
    const form: MultipartUpload = isJson ? { fields: {}, upload: null, labels: null } : await receiveMultipart(request);
    const fields = isJson ? await readJsonFields(request) : form.fields;
    const run = await startRunFromFields(fields, { upload: form.upload, labels: form.labels });
    return jsonResponse({ id: run.id, status: run.status, logFileId: run.logFileId }, 201, { location: `/api/runs/${run.id}` });
  });
}
