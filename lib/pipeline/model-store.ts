import { randomBytes } from "node:crypto";
import * as fsPromises from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { z } from "zod";
import { Dbscan } from "@/lib/detectors/dbscan";
import { IsolationForest } from "@/lib/detectors/isolation-forest";
import { StandardScaler } from "@/lib/detectors/standard-scaler";
import { TemplateMiner } from "@/lib/logs/templates";
import { UserInputError } from "@/lib/domain/user-input-error";
import { DamagedModelError, describeIssue } from "./damaged-model-error";
import { loadAutoencoder, modelMetaSchema, type DetectorModels, type ModelMeta } from "./detector-models";
import {
  autoencoderLayerSizes,
  autoencoderMetaFile,
  autoencoderModelFile,
  autoencoderWeightBytes,
  dbscanFile,
  isolationForestFile,
  standardScalerFile,
  templateMinerFile,
} from "./model-files";
import { jsonPieces } from "./json-pieces";
import type { WriterFs } from "./write-file-atomic";
import { explainWriteError } from "./write-failure";

/** Paths inside a model directory, as sentences name them; `autoencoder/` holds tfjs's own model.json + weights.bin. */
const FILES = {
  meta: "meta.json",
  scaler: "scaler.json",
  isolationForest: "isolation-forest.json",
  dbscan: "dbscan.json",
  autoencoderDir: "autoencoder",
  autoencoderModel: "autoencoder/model.json",
  autoencoderWeights: "autoencoder/weights.bin",
  autoencoderMeta: "autoencoder/autoencoder.json",
  /** Extended features only: the training run's template miner. */
  templates: "templates.json",
} as const;

const json = (value: unknown) => JSON.stringify(value);

/** dbscan.json, the text of Dbscan.toJSON(), in pieces: at 10M lines it is a 14-22 MB string. */
export function dbscanJsonPieces(dbscan: Dbscan): Generator<string> {
  const { corePoints, coreClusters, ...rest } = dbscan.toState();
  return jsonPieces({ name: "dbscan", ...rest }, { corePoints, coreClusters });
}

/**
 * Writes every model into `dir`. Files go to a hidden sibling first and are renamed into place
 * at the end, so a crash never leaves a half-written model directory that `predict` would trust.
 */
export async function saveModels(dir: string, models: DetectorModels, fs: WriterFs = fsPromises): Promise<void> {
  const staging = join(dirname(dir), `.${basename(dir)}.${randomBytes(4).toString("hex")}.partial`);
  const inStaging = (file: string) => join(staging, file);
  try {
    await fs.mkdir(inStaging(FILES.autoencoderDir), { recursive: true });
    const artifacts = await models.autoencoder.toArtifacts();
    // Settled, not raced: the staging copy is removed only once no write is still under way in it.
    const writes = await Promise.allSettled([
      fs.writeFile(inStaging(FILES.scaler), json(models.scaler.toJSON())),
      fs.writeFile(inStaging(FILES.isolationForest), json(models.isolationForest.toJSON())),
      fs.writeFile(inStaging(FILES.dbscan), dbscanJsonPieces(models.dbscan)),
      fs.writeFile(inStaging(FILES.autoencoderModel), json(artifacts.modelJson)),
      fs.writeFile(inStaging(FILES.autoencoderWeights), new Uint8Array(artifacts.weightData)),
      fs.writeFile(inStaging(FILES.autoencoderMeta), json(artifacts.meta)),
      models.templates ? fs.writeFile(inStaging(FILES.templates), json(models.templates)) : Promise.resolve(),
    ]);
    const failed = writes.find((write) => write.status === "rejected");
    if (failed) throw failed.reason;
    // meta.json last: its presence marks a complete directory.
    await fs.writeFile(inStaging(FILES.meta), JSON.stringify(models.meta, null, 2));
    await fs.rename(staging, dir);
  } catch (error) {
    // The write's own error is the one to report, even if the cleanup fails too.
    await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined);
    // No option is named: the CLI (--models-dir) and the server (MODELS_DIR) both save here.
    throw await explainWriteError(error, { what: "the models" }, dir, dirname(dir));
  }
}

/** A file of the model directory; a missing one means the directory is damaged. */
async function readModelFile(dir: string, file: string): Promise<Buffer<ArrayBuffer>> {
  try {
    return await fsPromises.readFile(join(dir, file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new DamagedModelError(dir, file, "is missing");
    if (code === "EISDIR") throw new DamagedModelError(dir, file, "is a directory, not a file");
    throw error;
  }
}

function parseJsonText(dir: string, file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DamagedModelError(dir, file, "is not valid JSON");
  }
}

function checkModelJson<T>(dir: string, file: string, value: unknown, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new DamagedModelError(dir, file, describeIssue(parsed.error));
  return parsed.data;
}

/** A JSON file of the model directory, parsed and checked by `schema`. */
async function readModelJson<T>(dir: string, file: string, schema: z.ZodType<T>): Promise<T> {
  const text = (await readModelFile(dir, file)).toString("utf8");
  return checkModelJson(dir, file, parseJsonText(dir, file, text), schema);
}

/**
 * meta.json: without it, or with another program's or version's marker, the directory is not a
 * Logscope model at all (a wrong --model) rather than a damaged one.
 */
async function readMeta(dir: string): Promise<ModelMeta> {
  const path = join(dir, FILES.meta);
  const text = await fsPromises.readFile(path, "utf8").catch(() => {
    throw new UserInputError(`${path} is missing: give the directory of a model saved by "npm run detect" (models/<run-id>).`);
  });
  const value = parseJsonText(dir, FILES.meta, text);
  const marker = typeof value === "object" && value !== null ? (value as { format?: unknown; version?: unknown }) : {};
  if (marker.format !== undefined && (marker.format !== "logscope-models" || marker.version !== 1)) {
    throw new UserInputError(`${dir} does not hold Logscope models (meta.json has no logscope-models version 1 marker).`);
  }
  return checkModelJson(dir, FILES.meta, value, modelMetaSchema);
}

/** A detector rebuilt from files its schema accepted; anything it still refuses is damage of that file. */
async function rebuild<T>(dir: string, file: string, load: () => T | Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof UserInputError) throw error;
    throw new DamagedModelError(dir, file, `cannot be loaded (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * Loads a directory written by saveModels. Every file is checked before a detector is built from
 * it (model-files.ts), so a damaged directory is refused with a DamagedModelError naming the file.
 */
export async function loadModels(dir: string): Promise<DetectorModels> {
  const meta = await readMeta(dir);
  const features = meta.featureNames.length;
  const [scalerJson, forestJson, dbscanJson, aeMeta, templates] = await Promise.all([
    readModelJson(dir, FILES.scaler, standardScalerFile(features)),
    readModelJson(dir, FILES.isolationForest, isolationForestFile(features)),
    readModelJson(dir, FILES.dbscan, dbscanFile(features)),
    readModelJson(dir, FILES.autoencoderMeta, autoencoderMetaFile(features)),
    meta.features === "extended" ? readModelJson(dir, FILES.templates, templateMinerFile) : undefined,
  ]);
  const sizes = autoencoderLayerSizes(aeMeta);
  const [modelJson, weights] = await Promise.all([
    readModelJson(dir, FILES.autoencoderModel, autoencoderModelFile(sizes, basename(FILES.autoencoderWeights))),
    readModelFile(dir, FILES.autoencoderWeights),
  ]);
  const needed = autoencoderWeightBytes(sizes);
  if (weights.byteLength !== needed) {
    throw new DamagedModelError(dir, FILES.autoencoderWeights, `holds ${weights.byteLength} bytes where the autoencoder needs ${needed}`);
  }
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
  // Loaded once here to check it (ids in order, merges into live templates); extraction loads its own.
  if (templates) await rebuild(dir, FILES.templates, () => TemplateMiner.load(templates));
  const { Autoencoder } = await loadAutoencoder();
  // Started outside rebuild(): a tfjs backend that cannot start is no fault of the model's.
  await (await import("@/lib/detectors/autoencoder-backend")).ensureBackend();
  return {
    meta,
    templates,
    scaler: await rebuild(dir, FILES.scaler, () => StandardScaler.load(scalerJson)),
    isolationForest: await rebuild(dir, FILES.isolationForest, () => IsolationForest.load(forestJson)),
    dbscan: await rebuild(dir, FILES.dbscan, () => Dbscan.load(dbscanJson)),
    autoencoder: await rebuild(dir, FILES.autoencoderModel, () => Autoencoder.load({ modelJson, weightData, meta: aeMeta })),
  };
}
