import "server-only";
import { formatBytes } from "@/lib/domain/format-quantities";
import { readCappedBody } from "./read-capped-body";
import { ServiceError } from "./service-error";

/**
 * The largest JSON request body (a run's parameters, a preset). The biggest real one, a run with
 * every format option at its longest, is under 100 KiB; without a cap, request.json() buffers
 * whatever a client sends. Uploads have their own limit (LOGSCOPE_MAX_UPLOAD_BYTES): JSON carries
 * no file, so this one is a constant rather than a setting.
 */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

const NOT_AN_OBJECT = "Send a JSON object as the request body.";

const tooLarge = (limit: number) =>
  new ServiceError(413, `The JSON body is larger than the limit of ${formatBytes(limit)}: send only the fields the request needs.`);

/**
 * The one reader of JSON request bodies: an object of fields, or a 4xx with one sentence. A
 * declared Content-Length over `limit` is refused before anything is read, and a body without one
 * (chunked) is refused once it passes `limit`. Invalid UTF-8, invalid JSON and anything but an
 * object (an array, a number, null) are 400.
 */
export async function readJsonBody(request: Request, limit: number = MAX_JSON_BODY_BYTES): Promise<Record<string, unknown>> {
  const bytes = await readCappedBody(request, limit, { tooLarge: () => tooLarge(limit), interrupted: "The request body was interrupted before it was complete; try again." });
  let text: string;
  try {
    // fatal: bytes that are not UTF-8 are refused rather than read as U+FFFD; a BOM is dropped.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ServiceError(400, "The request body is not UTF-8 text: send a JSON object encoded as UTF-8.");
  }
  if (text.trim() === "") throw new ServiceError(400, NOT_AN_OBJECT);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ServiceError(400, "The request body is not valid JSON: send a JSON object of fields.");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new ServiceError(400, NOT_AN_OBJECT);
  return body as Record<string, unknown>;
}
