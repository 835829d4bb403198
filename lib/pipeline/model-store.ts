import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Autoencoder, AutoencoderJSON } from "@/lib/detectors/autoencoder";
import { Dbscan, type DbscanJSON } from "@/lib/detectors/dbscan";
import { IsolationForest, type IsolationForestJSON } from "@/lib/detectors/isolation-forest";
import { StandardScaler, type StandardScalerJSON } from "@/lib/detectors/standard-scaler";
import type { TemplateMinerJson } from "@/lib/logs/templates";
import { loadAutoencoder, type DetectorModels, type ModelMeta } from "./detector-models";
import { UserInputError } from "@/lib/domain/user-input-error";

/** File names inside a model directory; `autoencoder/` holds tfjs's own model.json + weights.bin. */
const FILES = {
  meta: "meta.json",
  scaler: "scaler.json",
  isolationForest: "isolation-forest.json",
  dbscan: "dbscan.json",
  autoencoderDir: "autoencoder",
  autoencoderModel: "model.json",
  autoencoderWeights: "weights.bin",
  autoencoderMeta: "autoencoder.json",
  /** Extended features only: the training run's template miner. */
  templates: "templates.json",
} as const;

const json = (value: unknown) => JSON.stringify(value);

/**
 * Writes every model into `dir`. Files go to a hidden sibling first and are renamed into place
 * at the end, so a crash never leaves a half-written model directory that `predict` would trust.
 */
export async function saveModels(dir: string, models: DetectorModels): Promise<void> {
  const staging = join(dirname(dir), `.${basename(dir)}.${randomBytes(4).toString("hex")}.partial`);
  try {
    const aeDir = join(staging, FILES.autoencoderDir);
    await mkdir(aeDir, { recursive: true });
    const artifacts = await models.autoencoder.toArtifacts();
    await Promise.all([
      writeFile(join(staging, FILES.scaler), json(models.scaler.toJSON())),
      writeFile(join(staging, FILES.isolationForest), json(models.isolationForest.toJSON())),
      writeFile(join(staging, FILES.dbscan), json(models.dbscan.toJSON())),
      writeFile(join(aeDir, FILES.autoencoderModel), json(artifacts.modelJson)),
      writeFile(join(aeDir, FILES.autoencoderWeights), new Uint8Array(artifacts.weightData)),
      writeFile(join(aeDir, FILES.autoencoderMeta), json(artifacts.meta)),
      models.templates ? writeFile(join(staging, FILES.templates), json(models.templates)) : Promise.resolve(),
    ]);
    // meta.json last: its presence marks a complete directory.
    await writeFile(join(staging, FILES.meta), JSON.stringify(models.meta, null, 2));
    await rename(staging, dir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

async function readJson<T>(dir: string, ...parts: string[]): Promise<T> {
  const path = join(dir, ...parts);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new UserInputError(`${path} is missing: give the directory of a model saved by "npm run detect" (models/<run-id>).`);
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new UserInputError(`${path} is not valid JSON: the model directory is damaged; train a new model with "npm run detect".`);
  }
}

/** Loads a directory written by saveModels. */
export async function loadModels(dir: string): Promise<DetectorModels> {
  const stored = await readJson<ModelMeta>(dir, FILES.meta);
  if (stored.format !== "logscope-models" || stored.version !== 1) {
    throw new UserInputError(`${dir} does not hold Logscope models (meta.json has no logscope-models version 1 marker).`);
  }
  const meta: ModelMeta = { ...stored, features: stored.features ?? "seed" };
  const aeDir = join(dir, FILES.autoencoderDir);
  const [scalerJson, forestJson, dbscanJson, modelJson, aeMeta] = await Promise.all([
    readJson<StandardScalerJSON>(dir, FILES.scaler),
    readJson<IsolationForestJSON>(dir, FILES.isolationForest),
    readJson<DbscanJSON>(dir, FILES.dbscan),
    readJson<AutoencoderModelJson>(aeDir, FILES.autoencoderModel),
    readJson<AutoencoderJSON>(aeDir, FILES.autoencoderMeta),
  ]);
  const weights = await readFile(join(aeDir, FILES.autoencoderWeights)).catch(() => {
    throw new UserInputError(`${join(aeDir, FILES.autoencoderWeights)} is missing: the model directory is incomplete.`);
  });
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
  const templates = meta.features === "extended" ? await readJson<TemplateMinerJson>(dir, FILES.templates) : undefined;
  return {
    meta,
    templates,
    scaler: StandardScaler.load(scalerJson),
    isolationForest: IsolationForest.load(forestJson),
    dbscan: Dbscan.load(dbscanJson),
    autoencoder: await (await loadAutoencoder()).Autoencoder.load({ modelJson, weightData, meta: aeMeta }),
  };
}

type AutoencoderModelJson = Parameters<typeof Autoencoder.load>[0]["modelJson"];
