import "server-only";
import { config } from "@/lib/config/env";
import { quoteInput } from "@/lib/domain/quote-input";
import { isUserInputError } from "@/lib/domain/user-input-error";
import { BusyStreamError, SequenceGapError, type AppendOutcome, type LiveStream } from "@/lib/live/live-stream";
import { openLiveStream } from "@/lib/live/stream-registry";
import { ServiceError } from "@/lib/server/http/service-error";
import { probeStreamFormat } from "./probe-stream-format";
import { readLinesBody } from "./read-lines-body";
import { requireStreamAccess, requireStreamId, requireStreamsEnabled } from "./stream-access";

/** The header an HTTP client numbers its batches with (docs/live.md, "Sequence numbers"). */
export const SEQUENCE_HEADER = "logscope-seq";

export type AppendLinesResult =
  | { kind: "appended"; outcome: AppendOutcome }
  /** Too many batches wait for this stream: answered 429 with Retry-After, nothing stored. */
  | { kind: "busy"; message: string; retryAfterSeconds: number };

/**
 * POST /api/streams/:id/lines (docs/live.md). The answer comes once the lines are in the stream's
 * stored log and every window they closed is stored with the checkpoint, so an acknowledged batch
 * is never lost. Refused, in one sentence and with nothing stored: streams off or no such stream
 * (404), another account's stream (403), a stopped one (409), a bad or skipping Logscope-Seq (400,
 * 409), a body over the limit (413), a body type other than text or NDJSON (415), a batch whose
 * first lines are not the model's format (422). A batch numbered at or below the last
 * acknowledged one is a resend: answered `duplicate: true`, not stored again.
 */
export async function appendStreamLines(request: Request, rawId: string): Promise<AppendLinesResult> {
  requireStreamsEnabled();
  const id = requireStreamId(rawId);
  const stream = await requireStreamAccess(request, id);
  if (stream.state !== "live") throw stopped(id);
  // One sender per stream: a second one would interleave its lines with the port's or the file's.
  if (stream.source !== "http") {
    throw new ServiceError(409, `Stream ${id} takes its lines from its ${stream.source === "file" ? "file" : "syslog port"}, not over HTTP: create an http stream to send lines to.`);
  }
  const seq = sequenceOf(request.headers.get(SEQUENCE_HEADER));
  const lines = await readLinesBody(request, config().streams.maxBodyBytes);
  const live = await openLiveStream(id).catch((error: unknown) => {
    // The stream was stopped meanwhile, or its model is gone: a state of the stream, not of the request.
    if (isUserInputError(error)) throw new ServiceError(409, error.message);
    throw error;
  });
  const last = live.lastSequence;
  const resend = seq !== undefined && last !== null && seq <= last;
  if (!resend) probeStreamFormat(id, live.reading, lines);
  return append(live, lines, seq);
}

async function append(live: LiveStream, lines: Buffer, seq: number | undefined): Promise<AppendLinesResult> {
  try {
    return { kind: "appended", outcome: await live.append(lines, seq === undefined ? {} : { seq }) };
  } catch (error) {
    if (error instanceof BusyStreamError) return { kind: "busy", message: error.message, retryAfterSeconds: 1 };
    // A gap means batches in between were never acknowledged: taking this one would store its lines before theirs.
    if (error instanceof SequenceGapError) throw new ServiceError(409, error.message);
    throw error;
  }
}

const stopped = (id: number) => new ServiceError(409, `Stream ${id} was stopped; create a new stream to send more lines.`);

/** The batch's number, or undefined when the client does not number its batches. */
function sequenceOf(header: string | null): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  const value = /^\d{1,15}$/.test(text) ? Number(text) : 0;
  if (value < 1) {
    throw new ServiceError(400, `The Logscope-Seq header must be a whole number from 1 (the batch's number, one more than the last acknowledged), not ${quoteInput(header)}.`);
  }
  return value;
}
