import "server-only";
import { formatBytes } from "@/lib/domain/format-quantities";
import { readCappedBody } from "@/lib/server/http/read-capped-body";
import { ServiceError } from "@/lib/server/http/service-error";

/**
 * The lines of a POST /api/streams/:id/lines body, as the bytes to append to the stream's log
 * (docs/live.md). `text/plain` (or no type) is taken as it is: lines are bytes, as in an uploaded
 * log. `application/x-ndjson` holds one JSON value a line: a string is the raw line, an object is
 * stored as its compact JSON text (a record for a JSON-format model). The body is read with a cap
 * (LOGSCOPE_STREAM_MAX_BODY_BYTES): a declared length over it is refused before anything is read,
 * a chunked body once it passes it, and nothing of a refused body is stored.
 */
export async function readLinesBody(request: Request, limit: number): Promise<Buffer> {
  const kind = bodyKind(request.headers.get("content-type"));
  const bytes = await readCappedBody(request, limit, {
    tooLarge: () => tooLarge(limit),
    interrupted: "The body was interrupted before it was complete: send the batch again (with the same Logscope-Seq, if you number batches).",
  });
  const lines = kind === "ndjson" ? ndjsonLines(bytes) : bytes;
  if (lines.length === 0) throw new ServiceError(400, "The body holds no lines: send one log line per line of text.");
  return lines;
}

const NDJSON = /^application\/(x-ndjson|ndjson|jsonl|x-jsonlines)\b/i;

function bodyKind(contentType: string | null): "text" | "ndjson" {
  const type = (contentType ?? "").trim();
  if (type === "" || /^text\/plain\b/i.test(type)) return "text";
  if (NDJSON.test(type)) return "ndjson";
  throw new ServiceError(415, "Send the lines as text/plain (one log line per line) or application/x-ndjson (one JSON string or object per line).");
}

const tooLarge = (limit: number) =>
  new ServiceError(413, `The body is larger than this server's limit of ${formatBytes(limit)} (LOGSCOPE_STREAM_MAX_BODY_BYTES): send the lines in smaller batches; nothing was stored.`);

/** NDJSON's values as log lines, each ended by a line break; blank lines are skipped. */
function ndjsonLines(bytes: Buffer): Buffer {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ServiceError(400, "The NDJSON body is not UTF-8 text: send it encoded as UTF-8.");
  }
  const out: string[] = [];
  let number = 0;
  for (const line of text.split("\n")) {
    number++;
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ServiceError(400, `Line ${number} of the NDJSON body is not JSON: send one JSON string or object per line; nothing was stored.`);
    }
    if (typeof value === "string") {
      // Only a line feed ends a line (a carriage return before it is the line's, as in a CRLF log).
      if (value.includes("\n")) throw new ServiceError(400, `Line ${number} of the NDJSON body is a string holding a line break: send each log line as its own string; nothing was stored.`);
      out.push(value);
    } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      out.push(JSON.stringify(value));
    } else {
      throw new ServiceError(400, `Line ${number} of the NDJSON body is neither a string nor an object: send the raw line as a JSON string or the record as a JSON object; nothing was stored.`);
    }
  }
  return out.length === 0 ? Buffer.alloc(0) : Buffer.from(`${out.join("\n")}\n`);
}
