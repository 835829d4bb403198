import { LiveStream } from "./live-stream";

/**
 * The live streams this process runs (docs/live.md): each opened once, at its first line or when
 * its source starts, and kept open; a stream whose instance failed (a write that did not reach the
 * store) is opened again from its checkpoint. A timer closes the windows wall time has closed.
 * One process per stream: with several web servers, send a stream's lines to one of them.
 */

const opened = new Map<number, Promise<LiveStream>>();
let ticker: NodeJS.Timeout | undefined;
/** How often idle streams' windows are checked: a quarter second keeps the latency bar (window + 2 s). */
export const TICK_MS = 250;

/** The stream, open in this process. Rejects with the UserInputError sentence of LiveStream.open. */
export async function openLiveStream(id: number): Promise<LiveStream> {
  const existing = opened.get(id);
  if (existing) {
    const live = await existing.catch(() => null);
    if (live && live.failure === null) return live;
    if (opened.get(id) === existing) opened.delete(id);
    if (live) await live.close();
    return openLiveStream(id);
  }
  const opening = LiveStream.open(id);
  opened.set(id, opening);
  opening.catch(() => {
    if (opened.get(id) === opening) opened.delete(id);
  });
  startTicker();
  return opening;
}

/** Stops the stream: its open windows are closed and stored, its run finished. */
export async function stopLiveStream(id: number): Promise<void> {
  const live = await openLiveStream(id);
  opened.delete(id);
  await live.stop();
}

/** Lets go of every open stream (they stay live in the store, to be resumed by the next process). */
export async function closeLiveStreams(): Promise<void> {
  if (ticker) clearInterval(ticker);
  ticker = undefined;
  const all = [...opened.values()];
  opened.clear();
  await Promise.all(all.map((p) => p.then((live) => live.close(), () => undefined)));
}

function startTicker(): void {
  if (ticker) return;
  ticker = setInterval(() => {
    for (const opening of opened.values()) {
      void opening.then(
        (live) => live.tick().catch(() => undefined),
        () => undefined,
      );
    }
  }, TICK_MS);
  ticker.unref();
}
