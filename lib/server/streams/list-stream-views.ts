import "server-only";
import { listStreams } from "@/lib/db/list-streams";
import { streamStateSchema } from "@/lib/domain/stream-types";
import { invalidInput } from "@/lib/server/http/request-input";
import { requesterId, requireStreamsEnabled } from "./stream-access";
import { loadStreamView, type StreamView } from "./stream-view";

/**
 * GET /api/streams[?state=live|stopped]: the streams this request may use, newest first: with
 * accounts, the account's own and those created while accounts were off.
 */
export async function listStreamViews(request: Request): Promise<{ streams: StreamView[] }> {
  requireStreamsEnabled();
  const raw = new URL(request.url).searchParams.get("state");
  const state = raw === null || raw === "" ? undefined : streamStateSchema.safeParse(raw);
  if (state !== undefined && !state.success) throw invalidInput({ state: "state must be live or stopped" });
  const who = await requesterId(request);
  const streams = (await listStreams(state?.data === undefined ? {} : { state: state.data })).filter(
    (stream) => who === null || stream.ownerId === null || stream.ownerId === who,
  );
  return { streams: await Promise.all(streams.map(loadStreamView)) };
}
