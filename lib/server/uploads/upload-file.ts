import "server-only";
import { open } from "node:fs/promises";
import { ServiceError } from "@/lib/server/http/service-error";

/**
 * Where an upload's bytes are written. A file handle in production; tests pass a writer that fails
 * the way a full disk does (a full disk cannot be staged for real).
 */
export interface UploadFile {
  write(chunk: Uint8Array): Promise<unknown>;
  close(): Promise<void>;
}

export type OpenUploadFile = (path: string) => Promise<UploadFile>;

/** Creates the file and fails if it exists: its name is random, so an existing one is another upload's. */
export const openNewFile: OpenUploadFile = (path) => open(path, "wx");

/** The file system's "no room left": the disk, or the user's quota on it. */
const NO_SPACE = new Set(["ENOSPC", "EDQUOT"]);

/**
 * A full disk while an upload was being written, as a 507 whose sentence says what happened and
 * that nothing was kept (the caller has removed the partial file); any other error as it is. The
 * operator learns of it from the server log, the client never sees the file system's own text.
 */
export function diskFullError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  if (typeof code !== "string" || !NO_SPACE.has(code)) return error;
  console.error(`Logscope upload: the disk under DATA_DIR is full (${code}); the partial file was removed.`);
  return new ServiceError(507, "The server's disk is full, so the upload was not stored; try again once space has been freed.");
}
