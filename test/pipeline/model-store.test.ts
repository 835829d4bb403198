import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { cp, mkdtemp, readdir, readFile, rm, truncate, writeFile } from "node:fs/promises";
import * as fsPromises from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DamagedModelError } from "@/lib/pipeline/damaged-model-error";
import { dbscanJsonPieces, loadModels, saveModels } from "@/lib/pipeline/model-store";
import { checkDetectParams } from "@/lib/pipeline/params";
import { runDetection } from "@/lib/pipeline/run-detection";
import type { WriterFs } from "@/lib/pipeline/write-file-atomic";
import { isWriteFailure } from "@/lib/pipeline/write-failure";

const LOG = resolve("logs/Linux_2k.log");

type Json = Record<string, unknown> & { [key: string]: unknown };

/** A JSON file of a model directory, edited in place. */
async function editJson(path: string, edit: (value: Json) => unknown): Promise<void> {
  const value = JSON.parse(await readFile(path, "utf8")) as Json;
  await writeFile(path, JSON.stringify(edit(value) ?? value));
}

const numbers = (value: unknown) => value as number[];

describe("loading a saved model directory", () => {
  let dir = "";
  let modelDir = "";
  let fittedDbscanJson = "";
  let copies = 0;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "logscope-model-store-"));
    const check = checkDetectParams({ profile: "seed", year: "2005", epochs: "2" });
    assert.ok(check.params);
    const run = await runDetection({ logPath: LOG, params: check.params, modelsDir: join(dir, "models") });
    run.models.autoencoder.dispose();
    modelDir = run.modelDir;
    fittedDbscanJson = JSON.stringify(run.models.dbscan.toJSON());
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** A copy of the fresh model with one file damaged by `damage`. */
  async function damagedCopy(damage: (copy: string) => Promise<void>): Promise<string> {
    const copy = join(dir, `damaged-${++copies}`);
    await cp(modelDir, copy, { recursive: true });
    await damage(copy);
    return copy;
  }

  test("a freshly saved model loads with every detector", async () => {
    const models = await loadModels(modelDir);
    assert.equal(models.meta.featureNames.length, 8);
    assert.ok(models.scaler.fitted && models.isolationForest.fitted && models.dbscan.fitted && models.autoencoder.fitted);
    models.autoencoder.dispose();
  });

  test("dbscan.json, written in pieces, is the text of the fitted model's toJSON, and a loaded model writes it again", async () => {
    const saved = await readFile(join(modelDir, "dbscan.json"), "utf8");
    assert.equal(saved, fittedDbscanJson);
    const models = await loadModels(modelDir);
    models.autoencoder.dispose();
    assert.equal([...dbscanJsonPieces(models.dbscan)].join(""), saved);
  });

  test("each damaged file is refused with one sentence naming the directory, the file and what is wrong", async () => {
    const forest = "isolation-forest.json";
    const cases: [string, (copy: string) => Promise<void>, string, string][] = [
      ["a truncated weights.bin", (c) => truncate(join(c, "autoencoder", "weights.bin"), 1200), "autoencoder/weights.bin", "holds 1200 bytes where the autoencoder needs 2240"],
      [
        "a weights.bin with bytes to spare",
        async (c) => writeFile(join(c, "autoencoder", "weights.bin"), Buffer.concat([await readFile(join(modelDir, "autoencoder", "weights.bin")), Buffer.alloc(16)])),
        "autoencoder/weights.bin",
        "holds 2256 bytes where the autoencoder needs 2240",
      ],
      ["a forest of another shape", (c) => writeFile(join(c, forest), '{"trees":[]}'), forest, 'is not what Logscope wrote (name: expected "isolationForest")'],
      [
        "a tree node whose right child is itself, which would loop for ever",
        (c) => editJson(join(c, forest), (f) => void (numbers(f.right)[0] = 0)),
        forest,
        "is not what Logscope wrote (right[0]: node 0 has its right child at 0, outside its tree's nodes 2 to ",
      ],
      ["a forest of 7 columns", (c) => editJson(join(c, forest), (f) => void (f.cols = 7)), forest, "is not what Logscope wrote (cols: must be 8, the number of features in meta.json)"],
      ["a forest missing trees", (c) => editJson(join(c, forest), (f) => void numbers(f.roots).pop()), forest, "is not what Logscope wrote (roots: holds 99 trees where options.nEstimators says 100)"],
      ["a scaler.json of null", (c) => writeFile(join(c, "scaler.json"), "null"), "scaler.json", "is not what Logscope wrote (expected object, received null)"],
      ["a scale of 0", (c) => editJson(join(c, "scaler.json"), (s) => void (numbers(s.scale)[1] = 0)), "scaler.json", "is not what Logscope wrote (scale[1]: must be above 0)"],
      ["a scaler.json cut short", (c) => writeFile(join(c, "scaler.json"), '{"name":"standardScaler","mean":[1,'), "scaler.json", "is not valid JSON"],
      ["a missing dbscan.json", (c) => rm(join(c, "dbscan.json")), "dbscan.json", "is missing"],
      [
        "DBSCAN core points that do not fill their rows",
        (c) => editJson(join(c, "dbscan.json"), (d) => void numbers(d.corePoints).pop()),
        "dbscan.json",
        "is not what Logscope wrote (corePoints: must hold cols values for each of the core points of coreClusters)",
      ],
      [
        "a DBSCAN cluster id past the number of core points",
        (c) => editJson(join(c, "dbscan.json"), (d) => void (numbers(d.coreClusters)[0] = numbers(d.coreClusters).length)),
        "dbscan.json",
        "cannot be loaded (Dbscan model: a core point's cluster is not a whole number below the number of core points)",
      ],
      ["a meta.json of null", (c) => writeFile(join(c, "meta.json"), "null"), "meta.json", "is not what Logscope wrote (expected object, received null)"],
      ["a meta.json without feature names", (c) => editJson(join(c, "meta.json"), (m) => void delete m.featureNames), "meta.json", "is not what Logscope wrote (featureNames: expected array, received undefined)"],
      ["a meta.json asking for 4 votes", (c) => editJson(join(c, "meta.json"), (m) => void ((m.params as Json).votes = 4)), "meta.json", "is not what Logscope wrote (params.votes: votes must be 1, 2 or 3)"],
      [
        "autoencoder layers that disagree with model.json",
        (c) => editJson(join(c, "autoencoder", "autoencoder.json"), (a) => void ((a.options as Json).hiddenLayers = [16, 8])),
        "autoencoder/model.json",
        "is not what Logscope wrote (weightsManifest: lists weights of shapes 8x16, 16, 16x8, 8, 8x16, 16, 16x8, 8 where the layers 8-16-8-8 of autoencoder.json need 8x16, 16, 16x8, 8, 8x8, 8)",
      ],
      [
        "a model.json whose topology lost two layers",
        (c) =>
          editJson(join(c, "autoencoder", "model.json"), (m) => {
            const config = (m.modelTopology as Json).config as Json;
            config.layers = (config.layers as unknown[]).slice(0, 2);
          }),
        "autoencoder/model.json",
        "cannot be loaded (Provided weight data has no target variable: dense_3/kernel)",
      ],
    ];
    for (const [name, damage, file, problem] of cases) {
      const copy = await damagedCopy(damage);
      await assert.rejects(loadModels(copy), (error: unknown) => {
        assert.ok(error instanceof DamagedModelError, `${name}: ${String(error)}`);
        assert.ok(error.message.startsWith(`The model in ${copy} is damaged: ${file} ${problem}`), `${name}: ${error.message}`);
        assert.ok(error.message.endsWith('; train it again with "npm run detect".'), `${name}: ${error.message}`);
        return true;
      });
    }
  });

  test("an infinite threshold, which JSON stores as null, reads back as flagging every window", async () => {
    const copy = await damagedCopy((c) => editJson(join(c, "meta.json"), (m) => void ((m.thresholds as Json).isolationForest = null)));
    const models = await loadModels(copy);
    assert.equal(models.meta.thresholds?.isolationForest, -Infinity);
    models.autoencoder.dispose();
  });

  test("a full disk while saving leaves neither the model directory nor its staging copy, and says so in a sentence", async () => {
    const models = await loadModels(modelDir);
    const parent = join(dir, "full-disk");
    const target = join(parent, "run-1");
    // Half of weights.bin reaches the disk, then the disk is full.
    const fullDisk: WriterFs = {
      ...fsPromises,
      writeFile: async (path, data) => {
        if (typeof path !== "string" || !path.endsWith("weights.bin")) return fsPromises.writeFile(path, data);
        await fsPromises.writeFile(path, (data as Uint8Array).subarray(0, 1000));
        throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: "ENOSPC", syscall: "write" });
      },
    };
    await assert.rejects(saveModels(target, models, fullDisk), (error: unknown) => {
      assert.ok(isWriteFailure(error), String(error));
      assert.equal(error.message, `Cannot write the models to ${target}: the disk is full, so nothing was written; free some space and run again.`);
      return true;
    });
    assert.deepEqual(await readdir(parent), []);
    models.autoencoder.dispose();
  });
});
