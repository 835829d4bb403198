// Any /api/... address no route answers: a 404 in the API's JSON error shape (Next's own would be
// the HTML not-found page). Next prefers every other route to this catch-all.
import { jsonResponse } from "@/lib/server/http/http-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const notFound = (_request: Request): Response => jsonResponse({ error: "There is no API route at this address; check its path." }, 404);

export { notFound as GET, notFound as HEAD, notFound as POST, notFound as PUT, notFound as DELETE, notFound as PATCH, notFound as OPTIONS };
