/** Helpers to call the route handlers in-process the way Next 15 does. */

export const BASE = "http://localhost";

/** The second argument Next 15 passes a dynamic route handler. */
export const routeParams = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });

export function get(path: string): Request {
  return new Request(`${BASE}${path}`);
}

export function postJson(path: string, body: unknown): Request {
  return new Request(`${BASE}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

/** A multipart POST with `file` (when given) and text fields, streamed like a browser's. */
export function postForm(path: string, fields: Record<string, string | number>, file?: { name: string; bytes: Uint8Array }): Request {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, String(value));
  if (file) form.set("file", new Blob([file.bytes.slice()]), file.name);
  return new Request(`${BASE}${path}`, { method: "POST", body: form });
}

export async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}
