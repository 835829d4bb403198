import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { createLogFile, type CreateLogFileResult } from "@/lib/db/create-log-file";
import { uploadStoredPath } from "@/lib/db/database-location";
import { adoptLocalCopy } from "@/lib/storage/local-copy";
import { openStorage } from "@/lib/storage/open-storage";
import { looksBinary } from "@/lib/logs/looks-binary";
import { maxUploadBytes, uploadTempDir } from "@/lib/jobs/job-config";
import { LineCensus } from "./line-census";
import { chunksOf, type UploadSource } from "./upload-chunks";
import { plainChunks } from "@/lib/pipeline/gzip-log";
import { formatBytes } from "@/lib/domain/format-quantities";
import { UploadRefusedError } from "./upload-refused";
import { ServiceError } from "@/lib/server/http/service-error";
import { UserInputError } from "@/lib/domain/user-input-error";
import { checkFileName } from "@/lib/server/http/check-file-name";
import { oneCommitAtATime, overQuota, storageRoom } from "./storage-quota";
import { diskFullError, openNewFile, type OpenUploadFile, type UploadFile } from "./upload-file";

export type { UploadSource };

/** An upload streamed to a temporary file and checked, not yet stored. */
export interface ReceivedUpload {
  tempPath: string;
  originalName: string;
  sha256: string;
  size: number;
  lines: number;
  /** Lines that are not records of the format detected on the head (all of them when none was). */
  unparsedLines: number;
  /** The format detected on the head (docs/pipeline.md §1b), or null when none was recognised. */
  detectedFormat: string | null;
}

export interface ReceiveUploadOptions {
  /** The name the user gave the file: display only. */
  originalName?: string | null;
  /** Default maxUploadBytes() (LOGSCOPE_MAX_UPLOAD_BYTES). */
  maxBytes?: number;
  /** Default openNewFile; tests pass one whose writes fail as on a full disk. */
  openFile?: OpenUploadFile;
}

const SNIFF_BYTES = 64 * 1024;

/** Refusals that can be decided once the first 64 KiB (or the whole, shorter file) are in. */
function sniff(sample: Uint8Array, name: string): void {
  if (looksBinary(sample)) {
    throw new UploadRefusedError(415, `${name} looks like a binary file, not a text log: upload a plain-text log file, or one compressed with gzip.`);
  }
}

/**
 * Streams an upload to a temporary file under DATA_DIR/uploads while hashing and counting it (its
 * format detected on the head, line-census.ts), and refuses it (deleting the temporary file) when
 * it is empty, too large or binary. A text log of any format is kept, even one no format is
 * detected in: a declared template may read it, and the run (or the preview) says what is wrong
 * in the formats code's own sentence. Never holds the file in memory.
 */
export async function receiveUpload(source: UploadSource, options: ReceiveUploadOptions = {}): Promise<ReceivedUpload> {
  const originalName = checkFileName(options.originalName, "upload.log");
  const maxBytes = options.maxBytes ?? maxUploadBytes();
  const dir = uploadTempDir();
  const tempPath = join(dir, `${Date.now()}-${randomBytes(6).toString("hex")}.part`);
  const hash = createHash("sha256");
  const census = new LineCensus();
  const sample = new Uint8Array(SNIFF_BYTES);
  let sampled = 0;
  let size = 0;
  let file: UploadFile | null = null;
  let writing: Promise<unknown> = Promise.resolve();
  try {
    await mkdir(dir, { recursive: true });
    file = await (options.openFile ?? openNewFile)(tempPath);
    // A gzip upload is stored decompressed: everything after (runs, previews, raw lines) reads text,
    // and the limits below count the text's bytes, so a small file that expands a thousandfold meets them.
    for await (const chunk of plainChunks(chunksOf(source), originalName)) {
      if (chunk.length === 0) continue;
      size += chunk.length;
      if (size > maxBytes) {
        throw new UploadRefusedError(413, `${originalName} is larger than the upload limit of ${formatBytes(maxBytes)}: upload a smaller log or split it.`);
      }
      if (sampled < SNIFF_BYTES) {
        const take = Math.min(SNIFF_BYTES - sampled, chunk.length);
        sample.set(chunk.subarray(0, take), sampled);
        sampled += take;
        if (sampled === SNIFF_BYTES) sniff(sample, originalName);
      }
      hash.update(chunk);
      census.push(chunk);
      // One write in flight (a file handle's writes must not overtake each other) while the next
      // chunk is decompressed, hashed and counted: writing the 1.78 GB text of the 10M-line bench
      // log costs this machine's kernel 1.1-4.3 s (dd). Receiving its gzip took 7.7-8.8 s with each
      // write awaited before reading on, 5.4-6.9 s so (three alternated pairs). The rejection is
      // marked handled here and rethrown by the next await.
      await writing;
      writing = file.write(chunk);
      writing.catch(() => undefined);
    }
    await writing;
    census.end();
    if (size === 0) throw new UploadRefusedError(400, `${originalName} is empty: upload a log file with at least one record.`);
    if (sampled < SNIFF_BYTES) sniff(sample.subarray(0, sampled), originalName);
    await file.close();
  } catch (error) {
    await writing.catch(() => undefined);
    await file?.close().catch(() => undefined);
    await rm(tempPath, { force: true });
    // A damaged gzip (plainChunks' sentence) is refused like any other bad upload: 400.
    if (error instanceof UserInputError && !(error instanceof UploadRefusedError)) throw new UploadRefusedError(400, error.message);
    throw diskFullError(error);
  }
  return {
    tempPath,
    originalName,
    sha256: hash.digest("hex"),
    size,
    lines: census.lines,
    unparsedLines: census.unparsedLines,
    detectedFormat: census.format?.name ?? null,
  };
}

/** Deletes a received upload that will not be stored (e.g. its run parameters were invalid). */
export async function discardUpload(upload: ReceivedUpload): Promise<void> {
  await rm(upload.tempPath, { force: true });
}

/**
 * Stores a received upload as `uploads/<sha256>.log` (named by content, never by the user's name)
 * and records it; identical content is stored once (the existing LogFile comes back with
 * created = false, and a missing file is put back). Only a new file is checked against the storage
 * quota, here rather than while it streams in: content already stored takes no more room, and
 * which content it is is known only at the end (the upload limit bounds what is received first).
 * On the directory layout the file is renamed into place; sent to a bucket, the received file
 * becomes this server's cached copy (lib/storage/local-copy.ts), so its lines are read without a download.
 */
export function commitUpload(upload: ReceivedUpload): Promise<CreateLogFileResult> {
  return oneCommitAtATime(() => placeUpload(upload));
}

async function placeUpload(upload: ReceivedUpload): Promise<CreateLogFileResult> {
  const store = openStorage();
  const key = uploadStoredPath(upload.sha256);
  let placed = false;
  try {
    if ((await store.size(key)) === upload.size) {
      await rm(upload.tempPath, { force: true });
    } else {
      const room = await storageRoom();
      if (upload.size > room.free) throw overQuota(upload.originalName, room);
      await store.put(key, upload.tempPath, { move: store.kind === "dir" });
      placed = true;
      await adoptLocalCopy(key, upload.tempPath, store);
    }
    return await createLogFile({
      originalName: upload.originalName,
      sha256: upload.sha256,
      size: upload.size,
      lines: upload.lines,
      unparsedLines: upload.unparsedLines,
    });
  } catch (error) {
    await rm(upload.tempPath, { force: true });
    // The object stays even though no row was written: another server may have stored the same
    // content at the same moment, and its row names this very key (content-addressed). Deleting it
    // could lose that upload; keeping it costs its room until the same content comes again, which
    // reuses it (the size check above).
    if (placed) console.error(`Logscope upload: kept ${key} in ${store.location}, which no log file row names yet: recording it failed.`);
    throw storeUnavailable(error, store.location);
  }
}

/**
 * A failed request to the bucket (the SDK marks its errors with `$metadata`) as a 503 in one
 * sentence; the operator reads the SDK's own error in the server log. Anything else as it is.
 */
function storeUnavailable(error: unknown, location: string): unknown {
  if (typeof error !== "object" || error === null || !("$metadata" in error)) return error;
  console.error(`Logscope upload: the storage ${location} failed:`, error);
  return new ServiceError(503, "The storage is not answering, so the upload was not stored; try again in a moment.");
}

/** receiveUpload then commitUpload. */
export async function storeUpload(source: UploadSource, options: ReceiveUploadOptions = {}): Promise<CreateLogFileResult> {
  return commitUpload(await receiveUpload(source, options));
}
