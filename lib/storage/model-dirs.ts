import { randomBytes } from "node:crypto";
import { readdir, readFile, rm, stat } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { MissingObjectError, modelKey, type BlobStore } from "./blob-store";
import { cacheDir, localCopy } from "./local-copy";
import { openStorage } from "./open-storage";

/**
 * Model directories in the store. A worker trains into MODELS_DIR/run-<r>-job-<j> as the CLI does
 * (lib/pipeline/model-store.ts stays a pure file writer); on the directory layout that is the
 * stored directory. With a bucket, storeModelDir sends its files to `models/run-<r>-job-<j>/` and
 * removes the local copy, and localModelDir brings them back where a reader needs files. The run
 * keeps the worker's path in Run.modelDir; only its last segment names the stored directory.
 */

/** The files under `dir`, relative to it, with "/" separators. */
async function filesUnder(dir: string, relative = ""): Promise<string[]> {
  const entries = await readdir(join(dir, relative), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      return entry.isDirectory() ? filesUnder(dir, path) : Promise.resolve(entry.isFile() ? [path] : []);
    }),
  );
  return nested.flat();
}

/**
 * Puts a freshly saved model directory into the store and removes the local one. meta.json goes
 * last: as in saveModels, its presence marks a complete directory.
 */
export async function storeModelDir(localDir: string, store: BlobStore = openStorage()): Promise<void> {
  const name = basename(localDir);
  const stored = store.localPath(modelKey(name));
  if (stored !== null && resolve(stored) === resolve(localDir)) return;
  const files = (await filesUnder(localDir)).sort((a, b) => Number(a === "meta.json") - Number(b === "meta.json"));
  for (const file of files) await store.put(modelKey(name, file), join(localDir, file));
  await rm(localDir, { recursive: true, force: true });
}

// Cached model directories whose meta.json this process compared with the store's.
const checkedCopies = new Set<string>();

/**
 * Whether the cached copy of model directory `name` is of the stored model: a database recreated
 * beside an old cache reuses job ids, so run-1-job-1 may name another model now, possibly with files
 * of the very same sizes. meta.json records when and on which log the model was trained, so equal
 * meta.json means the same training. Compared once per process and directory (a small download).
 */
async function cachedCopyIsCurrent(name: string, local: string, store: BlobStore): Promise<boolean> {
  const cached = await readFile(join(local, "meta.json")).catch(() => null);
  if (cached === null) return true; // nothing cached yet: the copy below fetches everything
  const scratch = join(cacheDir(), `.meta-${process.pid}-${randomBytes(4).toString("hex")}.json`);
  try {
    await store.fetch(modelKey(name, "meta.json"), scratch);
    return (await readFile(scratch)).equals(cached);
  } finally {
    await rm(scratch, { force: true });
  }
}

/**
 * A local directory holding the stored model directory `modelDir` names (Run.modelDir): the
 * directory itself on the directory layout, else a cached copy under DATA_DIR/cache/models/.
 * A cached copy of another model under the same name (cachedCopyIsCurrent), or a cached file whose
 * size differs from the stored one, is fetched again. A directory the store does not hold rejects
 * with ENOENT.
 */
export async function localModelDir(modelDir: string, store: BlobStore = openStorage()): Promise<string> {
  const name = basename(modelDir);
  if (store.localPath(modelKey(name)) !== null) return modelDir;
  const objects = await store.list(modelKey(name));
  if (objects.length === 0) throw new MissingObjectError(modelKey(name), store.location);
  const local = join(cacheDir(), "models", name);
  if (!checkedCopies.has(local)) {
    if (!(await cachedCopyIsCurrent(name, local, store))) await rm(local, { recursive: true, force: true });
    checkedCopies.add(local);
  }
  await Promise.all(
    objects.map(async ({ key, size }) => {
      const path = join(cacheDir(), ...key.split("/"));
      const cached = await stat(path).catch(() => null);
      if (cached && cached.size !== size) await rm(path, { force: true });
      await localCopy(key, store);
    }),
  );
  return local;
}

/** Deletes the stored model directories of run `runId` (every job's), wherever they are. */
export async function deleteRunModels(runId: number, store: BlobStore = openStorage()): Promise<void> {
  await store.deletePrefix(`models/run-${runId}-job-`);
}

/** Deletes one job's stored model directory. */
export async function deleteJobModels(dirName: string, store: BlobStore = openStorage()): Promise<void> {
  await store.deletePrefix(modelKey(dirName));
}
