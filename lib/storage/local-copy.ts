import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { config } from "@/lib/config/env";
import { isStreamLogKey } from "@/lib/domain/stream-types";
import { isMissing, type BlobStore } from "./blob-store";
import { openStorage } from "./open-storage";

/**
 * Local files for code that reads with file handles (the worker's pipeline, the server's raw-line
 * reads). On the directory layout a key's file is used in place. From a bucket, a key is
 * downloaded once into DATA_DIR/cache/<key>: uploads are named by their content and a model
 * directory by its job, so a cached copy never goes stale and needs no invalidation. A download
 * goes to a temporary name and is renamed into place, so two processes (or machines sharing
 * DATA_DIR) fetching the same key at once each see either nothing or the whole file.
 */

export const CACHE_DIR_NAME = "cache";

/** DATA_DIR/cache: copies of stored objects; may be deleted whenever no run is being read. */
export function cacheDir(): string {
  return join(config().dataDir, CACHE_DIR_NAME);
}

const cachePath = (key: string) => join(cacheDir(), ...key.split("/"));

/** A live stream's log is in DATA_DIR on this machine whatever the store (lib/domain/stream-types.ts streamLogKey). */
export function streamLogPath(key: string): string | null {
  return isStreamLogKey(key) ? join(config().dataDir, ...key.split("/")) : null;
}

async function sizeOf(path: string): Promise<number | null> {
  const info = await stat(path).catch(() => null);
  return info?.isFile() ? info.size : null;
}

/** Downloads `key` to `path` through a temporary sibling. */
async function download(store: BlobStore, key: string, path: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const part = `${path}.${process.pid}-${randomBytes(4).toString("hex")}.part`;
  try {
    await store.fetch(key, part);
    await rename(part, path);
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  }
  return path;
}

// Concurrent requests in one process share one download.
const pending = new Map<string, Promise<string>>();

/**
 * A local file holding the object `key`: the store's own file on the directory layout (which may
 * not exist: callers check, as before), else a cached copy. A missing object rejects with code ENOENT.
 */
export async function localCopy(key: string, store: BlobStore = openStorage()): Promise<string> {
  const direct = streamLogPath(key) ?? store.localPath(key);
  if (direct !== null) return direct;
  const path = cachePath(key);
  if ((await sizeOf(path)) !== null) return path;
  let copy = pending.get(path);
  if (!copy) {
    copy = download(store, key, path).finally(() => pending.delete(path));
    pending.set(path, copy);
  }
  return copy;
}

/**
 * Keeps `localPath`, a file just put under `key`, as that key's cached copy (moved, not copied):
 * the server that received an upload reads its lines later without downloading it again.
 * Nothing to do on the directory layout, whose put moved the file already.
 */
export async function adoptLocalCopy(key: string, localPath: string, store: BlobStore = openStorage()): Promise<void> {
  if (store.localPath(key) !== null) return;
  const path = cachePath(key);
  try {
    await mkdir(dirname(path), { recursive: true });
    await rename(localPath, path);
  } catch {
    // Only a saving: the object is stored, and a reader will download it instead.
    await rm(localPath, { force: true });
  }
}

/** Removes this machine's cached copy of `key` (others keep theirs until their cache is cleared). */
export async function dropLocalCopy(key: string, store: BlobStore = openStorage()): Promise<void> {
  if (store.localPath(key) === null) await rm(cachePath(key), { force: true });
}

/**
 * A fresh copy of `key` in a private temporary folder, under the object's own file name (readers
 * name the file in their sentences), for objects that are not named by content (a labels file);
 * `release` removes it. On the directory layout the file itself, and `release` does nothing.
 */
export async function privateCopy(key: string, store: BlobStore = openStorage()): Promise<{ path: string; release: () => Promise<void> }> {
  const direct = store.localPath(key);
  if (direct !== null) return { path: direct, release: async () => undefined };
  await mkdir(cacheDir(), { recursive: true });
  const dir = await mkdtemp(join(cacheDir(), ".private-"));
  const release = () => rm(dir, { recursive: true, force: true });
  try {
    return { path: await download(store, key, join(dir, basename(key))), release };
  } catch (error) {
    await release();
    throw error;
  }
}

/** Whether `key` is stored: in the store, or (a stream's log) on this machine's disk. */
export async function isStored(key: string, store: BlobStore = openStorage()): Promise<boolean> {
  const stream = streamLogPath(key);
  if (stream !== null) return (await stat(stream).catch(() => null)) !== null;
  return store.exists(key);
}

/** localCopy, or null when the store does not hold `key` (on the directory layout: no such file). */
export async function localCopyIfStored(key: string, store: BlobStore = openStorage()): Promise<string | null> {
  const stream = streamLogPath(key);
  if (stream !== null) return (await isStored(key, store)) ? stream : null;
  if (store.localPath(key) !== null && !(await store.exists(key))) return null;
  return localCopy(key, store).catch((error: unknown) => {
    if (isMissing(error)) return null;
    throw error;
  });
}
