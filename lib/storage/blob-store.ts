import type { Readable } from "node:stream";

/**
 * Where uploads, labels files and models are kept, behind one small interface (README.md here):
 * a folder every machine mounts (directory-store.ts) or an S3-compatible bucket (s3-store.ts).
 *
 * Keys name objects the same way in both: `uploads/<sha256>.log` (what LogFile.storedPath holds),
 * `labels/run-<id>/<name>`, `models/run-<id>-job-<id>/<file>`. The first segment is the area,
 * which the directory layout maps to today's folders (DATA_DIR/uploads, DATA_DIR/labels, MODELS_DIR).
 */

export const STORAGE_AREAS = ["uploads", "labels", "models"] as const;
export type StorageArea = (typeof STORAGE_AREAS)[number];

export interface StoredObject {
  key: string;
  size: number;
}

export interface PutOptions {
  /** The local file is not needed afterwards: the directory layout renames it, S3 removes it once sent. */
  move?: boolean;
}

export interface CheckOptions {
  /**
   * Create missing local folders (the server, as `npm start` always has). A worker passes false:
   * on a machine that mounts the shared folder, a missing DATA_DIR or MODELS_DIR means the mount
   * is missing, and creating an empty local folder in its place would hide that.
   */
  createFolders: boolean;
}

export interface BlobStore {
  readonly kind: "dir" | "s3";
  /** Where the objects are, as sentences name it: a folder, or `s3://bucket/prefix`. */
  readonly location: string;
  /** Stores the local file at `localPath` under `key`, replacing any object there. */
  put(key: string, localPath: string, options?: PutOptions): Promise<void>;
  /** Copies the object to `localPath` (the caller picks a temporary name and renames it). */
  fetch(key: string, localPath: string): Promise<void>;
  /** A stream of the object's bytes; a missing object rejects with code ENOENT. */
  openRead(key: string): Promise<Readable>;
  /** The object's size in bytes, or null when there is none. */
  size(key: string): Promise<number | null>;
  exists(key: string): Promise<boolean>;
  /** Objects whose keys start with `prefix`, sorted (what lies in folders named ".…", e.g. uploads in flight, is left out). */
  list(prefix: string): Promise<StoredObject[]>;
  /** Deletes the object; a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** Deletes every object whose key starts with `prefix` ("labels/run-3/", "models/run-3-job-"). */
  deletePrefix(prefix: string): Promise<void>;
  /** The object's own file when the store is a folder (no copy needed), else null. */
  localPath(key: string): string | null;
  /** One sentence naming what to fix when the store cannot be used from this machine, else null. */
  check(options: CheckOptions): Promise<string | null>;
}

/** A key or prefix that could leave its area: never built from user input, so a bug. */
export function checkKey(key: string): StorageArea {
  const segments = key.split("/");
  const area = segments[0];
  const bad = segments.some((s, i) => s === ".." || s === "." || (s === "" && i !== segments.length - 1));
  if (bad || !STORAGE_AREAS.some((a) => a === area) || segments.length < 2) throw new Error(`not a storage key: ${key}`);
  return area as StorageArea;
}

/** The key of a model directory's file; `modelDir` is the path the worker saved it under. */
export function modelKey(modelDirName: string, file = ""): string {
  return `models/${modelDirName}/${file}`;
}

/** A missing object, with the code a missing file has, so callers handle both alike. */
export class MissingObjectError extends Error {
  readonly code = "ENOENT";

  constructor(key: string, where: string) {
    super(`${key} is not in ${where}`);
    this.name = "MissingObjectError";
  }
}

/** True for a missing file or object (ENOENT). */
export function isMissing(error: unknown): boolean {
  return (error as { code?: unknown } | null | undefined)?.code === "ENOENT";
}
