import "server-only";
import { chunksOf } from "@/lib/server/uploads/upload-chunks";
import { ServiceError } from "./service-error";

export interface CapSentences {
  /** The 413 to answer a body over the limit with. */
  tooLarge: () => ServiceError;
  /** What to say (400) when the body stops before it is complete. */
  interrupted: string;
}

/**
 * The request's body bytes, at most `limit`: a declared Content-Length over it is refused before
 * anything is read, a chunked body as soon as it passes it (the stream is cancelled, so a refused
 * sender is cut off and nothing of it is kept). The one reader of capped bodies (JSON fields, stream lines).
 */
export async function readCappedBody(request: Request, limit: number, say: CapSentences): Promise<Buffer> {
  const declared = request.headers.get("content-length")?.trim() ?? "";
  if (/^\d+$/.test(declared) && Number(declared) > limit) {
    await request.body?.cancel().catch(() => undefined);
    throw say.tooLarge();
  }
  if (!request.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    // chunksOf cancels the stream when the loop stops early.
    for await (const chunk of chunksOf(request.body)) {
      size += chunk.byteLength;
      if (size > limit) throw say.tooLarge();
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    throw new ServiceError(400, say.interrupted);
  }
  return Buffer.concat(chunks, size);
}
