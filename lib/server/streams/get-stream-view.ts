import "server-only";
import { requireStreamAccess, requireStreamId, requireStreamsEnabled } from "./stream-access";
import { loadStreamView, type StreamView } from "./stream-view";

/** GET /api/streams/:id: its state, counts, last acknowledged sequence number, late records, last problem and run. */
export async function getStreamView(request: Request, rawId: string): Promise<StreamView> {
  requireStreamsEnabled();
  return loadStreamView(await requireStreamAccess(request, requireStreamId(rawId)));
}
