import { config, type Config } from "@/lib/config/env";
import type { BlobStore } from "./blob-store";
import { DirectoryStore } from "./directory-store";
import { S3Store } from "./s3-store";

let opened: { key: string; store: BlobStore } | undefined;

/**
 * The store LOGSCOPE_STORAGE names: `dir` (default) keeps today's folders, `s3://bucket/prefix`
 * an S3-compatible bucket. One per configuration, so its S3 client (and connection pool) is
 * shared; a test that changes the variables gets a new one, as config() re-reads them.
 */
export function openStorage(settings: Config = config()): BlobStore {
  const { storage, dataDir, modelsDir } = settings;
  const key = JSON.stringify([storage, dataDir, modelsDir]);
  if (opened?.key !== key) {
    const store = storage.kind === "s3" ? new S3Store(storage, { dataDir, modelsDir }) : new DirectoryStore({ dataDir, modelsDir });
    opened = { key, store };
  }
  return opened.store;
}

/**
 * Checks the store this process was configured with, before it accepts work: one sentence naming
 * what to fix, or null. The server creates missing local folders (as it always has); a worker
 * (`createFolders: false`) refuses them on the directory layout, where they are the shared mount.
 */
export function checkStorage(options: { createFolders: boolean }, settings: Config = config()): Promise<string | null> {
  return openStorage(settings).check(options);
}
