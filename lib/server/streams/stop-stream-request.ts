import "server-only";
import { getStream } from "@/lib/db/get-stream";
import { isUserInputError } from "@/lib/domain/user-input-error";
import { stopLiveStream } from "@/lib/live/stream-registry";
import { stopStreamSource } from "@/lib/live/stream-sources";
import { ServiceError } from "@/lib/server/http/service-error";
import { requireStreamAccess, requireStreamId, requireStreamsEnabled } from "./stream-access";
import { loadStreamView, type StreamView } from "./stream-view";

/**
 * POST /api/streams/:id/stop: its source stops taking lines, every open window is closed and
 * stored, and its run is finished (a stopped stream's run reads as a trained one). 409 when it was
 * stopped already.
 */
export async function stopStream(request: Request, rawId: string): Promise<StreamView> {
  requireStreamsEnabled();
  const id = requireStreamId(rawId);
  const stream = await requireStreamAccess(request, id);
  if (stream.state !== "live") throw alreadyStopped(id);
  // The source first, storing what it received, so no line arrives after the last window is closed.
  await stopStreamSource(id);
  await stopLiveStream(id).catch((error: unknown) => {
    // Stopped by another request meanwhile, or its model is gone: the stream's state, not the request's fault.
    if (isUserInputError(error)) throw new ServiceError(409, error.message);
    throw error;
  });
  const after = await getStream(id);
  if (!after) throw new ServiceError(404, `There is no stream ${id}.`);
  return loadStreamView(after);
}

const alreadyStopped = (id: number) => new ServiceError(409, `Stream ${id} was stopped already; create a new stream to send more lines.`);
