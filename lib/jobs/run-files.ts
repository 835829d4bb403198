import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { isStoredUploadKey, resolveStoredPath } from "@/lib/db/database-location";
import { insertWindows } from "@/lib/db/insert-windows";
import { deleteRunTemplates } from "@/lib/db/run-templates";
import { FEATURE_NAMES } from "@/lib/logs/types";
import { dropLocalCopy, privateCopy, streamLogPath } from "@/lib/storage/local-copy";
import { deleteJobModels, deleteRunModels } from "@/lib/storage/model-dirs";
import { isInsideDir } from "@/lib/ops/inside-dir";
import { openStorage } from "@/lib/storage/open-storage";
import { labelsDir, modelDirName, resolveModelsDir } from "./job-config";

async function removeMatching(dir: string, matches: (name: string) => boolean): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.filter(matches).map((name) => rm(join(dir, name), { recursive: true, force: true })));
}

/**
 * What one job wrote: its model directory and saveModels' staging leftovers under this machine's
 * MODELS_DIR, and the directory in the store (the same folder on the directory layout).
 */
export async function removeJobModelFiles(runId: number, jobId: number): Promise<void> {
  const name = modelDirName(runId, jobId);
  await removeMatching(resolveModelsDir(), (entry) => entry === name || (entry.startsWith(`.${name}.`) && entry.endsWith(".partial")));
  await deleteJobModels(name);
}

/** Every model file of a run: the recorded directory and whatever any of its jobs left. */
export async function removeRunModelFiles(runId: number, modelDir: string | null): Promise<void> {
  const modelsDir = resolveModelsDir();
  if (modelDir) {
    if (isInsideDir(modelsDir, modelDir)) await rm(modelDir, { recursive: true, force: true });
    else console.error(`Logscope: kept ${modelDir} of deleted run ${runId}: it is not under MODELS_DIR (${modelsDir}).`);
  }
  const prefix = `run-${runId}-job-`;
  await removeMatching(
    modelsDir,
    (entry) => entry.startsWith(prefix) || (entry.startsWith(`.${prefix}`) && entry.endsWith(".partial")),
  );
  await deleteRunModels(runId);
}

/** Deletes a run's stored windows and templates (a cancelled or failed worker may have written some). */
export async function clearRunWindows(runId: number): Promise<void> {
  await deleteRunTemplates(runId);
  const none = new Float64Array(0);
  const noLabels = new Uint8Array(0);
  await insertWindows({
    runId,
    windows: [],
    scaled: { rows: 0, cols: FEATURE_NAMES.length, data: none },
    scores: { isolationForest: none, autoencoder: none, dbscanDistance: none },
    labels: { isolationForest: noLabels, dbscan: noLabels, autoencoder: noLabels, ensemble: noLabels },
    replace: true,
  });
}

/**
 * Deletes a stored upload (by LogFile.storedPath, which must stay under DATA_DIR/uploads), and this
 * machine's cached copy when it lives in a bucket.
 */
export async function removeUploadFile(storedPath: string): Promise<void> {
  const streamLog = streamLogPath(storedPath);
  if (streamLog !== null) return rm(streamLog, { force: true });
  const store = openStorage();
  if (store.kind === "dir") {
    const path = resolveStoredPath(storedPath);
    if (isInsideDir(resolveStoredPath("uploads"), path)) await rm(path, { force: true });
    return;
  }
  if (!isStoredUploadKey(storedPath)) return;
  await store.delete(storedPath);
  await dropLocalCopy(storedPath, store);
}

/** A run's labels file is stored under `labels/run-<id>/`: the server puts it there, the worker reads it. */
export const runLabelsDir = (runId: number) => join(labelsDir(), `run-${runId}`);

/** The key prefix of a run's labels file in the store. */
export const runLabelsPrefix = (runId: number) => `labels/run-${runId}/`;

/** A local copy of the labels file a run was started with (`release` when read), or null. */
export async function findRunLabelsFile(runId: number): Promise<{ path: string; release: () => Promise<void> } | null> {
  const [first] = await openStorage().list(runLabelsPrefix(runId));
  return first ? privateCopy(first.key) : null;
}

export async function removeRunLabels(runId: number): Promise<void> {
  await openStorage().deletePrefix(runLabelsPrefix(runId));
}
