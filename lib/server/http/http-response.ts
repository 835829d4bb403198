import "server-only";
import { toSafeError } from "./service-error";

/** A JSON response (no caching: every answer reflects the database now). */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}

/** `{ error: "<one sentence>" }` (plus `errors` per field for invalid parameters) with its status. */
export function errorResponse(error: unknown, context: string): Response {
  const safe = toSafeError(error, context);
  const body: { error: string; errors?: Record<string, string> } = { error: safe.message };
  if (Object.keys(safe.errors).length > 0) body.errors = safe.errors;
  return jsonResponse(body, safe.status);
}

/** Runs a route handler's work and turns any failure into a JSON error response. */
export async function handleRoute(context: string, work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    return errorResponse(error, context);
  }
}
