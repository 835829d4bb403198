import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { UserInputError } from "@/lib/domain/user-input-error";
import { explainWriteError } from "./write-failure";

/**
 * Gzip-compressed logs (`.gz`, as logrotate leaves them) are read as the text they hold, by the CLI
 * and by uploads (issue #14). Recognised by gzip's two magic bytes, not by the name: a rotated log
 * is sometimes renamed, and a plain log named `.gz` is read as it is.
 */

const GZIP_MAGIC = [0x1f, 0x8b] as const;

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

/** zlib's own errors (Z_DATA_ERROR for damaged data, Z_BUF_ERROR for a file cut short), as one sentence. */
function gzipError(error: unknown, name: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !code.startsWith("Z_")) return error;
  const what = code === "Z_BUF_ERROR" ? "it ends before its compressed data does" : "its compressed data is damaged";
  return new UserInputError(`${name} is not a complete gzip file (${what}): check the file, or decompress what is left yourself and give the plain log.`);
}

/**
 * The chunks as text: decompressed when they begin with gzip's magic bytes, as they come otherwise.
 * Damaged or truncated gzip data throws a UserInputError naming `name`; the consumer counts (and
 * limits) the decompressed bytes, so a small file that expands enormously meets the same limits.
 */
export async function* plainChunks(chunks: AsyncIterable<Uint8Array>, name: string): AsyncGenerator<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  while (headBytes < GZIP_MAGIC.length) {
    const step = await iterator.next();
    if (step.done) break;
    head.push(step.value);
    headBytes += step.value.length;
  }
  async function* all(): AsyncGenerator<Uint8Array> {
    yield* head;
    for (let step = await iterator.next(); !step.done; step = await iterator.next()) yield step.value;
  }
  const first = Buffer.concat(head.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength)));
  if (!isGzip(first)) {
    yield* all();
    return;
  }
  // Output in pieces of 1 MiB, not zlib's 16 KiB: each piece is a turn of the consumer's loop
  // (hashing, counting lines, a file write). Receiving the 178 MB bench log gzip-compressed took
  // 1.32-1.57 s with 16 KiB pieces and 0.70-0.74 s with 1 MiB ones (receiveUpload, alternated).
  const gunzip = createGunzip({ chunkSize: 1 << 20 });
  const input = Readable.from(all());
  input.once("error", (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  try {
    for await (const chunk of gunzip) yield chunk as Buffer;
  } catch (error) {
    throw gzipError(error, name);
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}

export interface PlainLogFile {
  /** The log to read: `path` itself, or its decompressed copy. */
  path: string;
  compressed: boolean;
  /**
   * Compressed: the SHA-256 (hex) of the text, taken from the chunks as they were written. Hashing
   * here costs the main thread nothing it would use: it waits for gunzip on libuv's pool anyway.
   */
  sha256?: string;
  /** Removes the decompressed copy (nothing for a plain log). */
  cleanup(): Promise<void>;
}

/**
 * A log file as plain text on disk: itself, or, for gzip, a decompressed copy in the system's
 * temporary folder. A copy rather than a stream because the pipeline reads a log more than once and
 * by offset (the head and tail for its format and year, the parse's ranges), which gzip
 * cannot seek. The copy is as large as the log it holds.
 */
export async function plainLogFile(path: string): Promise<PlainLogFile> {
  const head = Buffer.alloc(GZIP_MAGIC.length);
  const handle = await open(path, "r");
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  if (!isGzip(head)) return { path, compressed: false, cleanup: async () => undefined };
  const dir = await mkdtemp(join(tmpdir(), "logscope-gunzip-"));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const copy = join(dir, basename(path).replace(/\.gz$/i, "") || "log");
  const hash = createHash("sha256");
  async function* hashed(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of chunks) {
      hash.update(chunk);
      yield chunk;
    }
  }
  try {
    await pipeline(Readable.from(hashed(plainChunks(createReadStream(path), basename(path)))), createWriteStream(copy));
  } catch (error) {
    await cleanup();
    throw error instanceof UserInputError ? error : await explainWriteError(error, { what: "the decompressed log" }, copy, dir);
  }
  return { path: copy, compressed: true, sha256: hash.digest("hex"), cleanup };
}
