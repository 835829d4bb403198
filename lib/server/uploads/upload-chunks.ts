import "server-only";
/** A request body or any stream (or list) of byte chunks. */
export type UploadSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** The chunks of any UploadSource; cancels a web stream's reader when the consumer stops early. */
export async function* chunksOf(source: UploadSource): AsyncGenerator<Uint8Array> {
  if ("getReader" in source && typeof source.getReader === "function") {
    const reader = source.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      // Stops the sender on refusal; a no-op once the stream ended.
      await reader.cancel().catch(() => undefined);
    }
  } else {
    yield* source as AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  }
}
