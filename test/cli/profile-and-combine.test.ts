import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import type { CommandIo } from "@/lib/cli/command-io";
import { detectCommand } from "@/lib/cli/detect-command";
import { predictCommand } from "@/lib/cli/predict-command";
import { ScoreEnsemble } from "@/lib/detectors/score-ensemble";
import { modelMetaSchema } from "@/lib/pipeline/detector-models";

// Issue #12: --profile picks the defaults, explicit flags win, --combine score labels by the combined score.
const LOG = resolve("logs/Linux_2k.log");
const quiet = (): CommandIo => ({ out: () => {}, progress: () => {}, live: false });
const ensembleColumn = (csv: string) => csv.trim().split("\n").slice(1).map((line) => line.split(",")[13]);

describe("detect with --profile recommended on the bundled Linux_2k example", () => {
  let dir = "";
  let modelDir = "";
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "logscope-profile-"));
    await detectCommand([LOG, "--year", "2005", "--profile", "recommended", "--epochs", "5", "--out", join(dir, "out.csv"), "--models-dir", join(dir, "models")], quiet());
    modelDir = join(dir, "models", (await readdir(join(dir, "models")))[0] as string);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test("the profile fills what was not given, and the explicit --epochs wins over it", async () => {
    const meta = modelMetaSchema.parse(JSON.parse(await readFile(join(modelDir, "meta.json"), "utf8")));
    assert.equal(meta.params.profile, "recommended");
    assert.equal(meta.params.features, "extended");
    assert.equal(meta.params.combine, "score");
    assert.equal(meta.params.eps, "auto");
    assert.equal(meta.params.epochs, 5);
    assert.equal(meta.scoreEnsemble?.calibrations.length, 3);
    // The combined score's feature tails: one calibration per extended feature, cut 10, the detectors at a quarter.
    assert.deepEqual(meta.scoreEnsemble?.options, { cut: 10, detectorWeight: 0.25 });
    assert.equal(meta.scoreEnsemble?.tails?.calibrations.length, 13);
    assert.equal(meta.scoreEnsemble?.tails?.options.span, 5);
    assert.equal(meta.scoreEnsemble?.hosts?.options.span, 5);
  });

  test("a model saved before the feature tails keeps flagging by its detectors' median z above its own cut", async () => {
    const old = join(dir, "before-tails");
    await cp(modelDir, old, { recursive: true });
    const meta = JSON.parse(await readFile(join(old, "meta.json"), "utf8")) as { scoreEnsemble: { options: unknown; tails?: unknown; hosts?: unknown; calibrations: unknown[] } };
    meta.scoreEnsemble.options = { cut: 1 };
    // Saved before the feature tails, so before the host tails too.
    delete meta.scoreEnsemble.tails;
    delete meta.scoreEnsemble.hosts;
    await writeFile(join(old, "meta.json"), JSON.stringify(meta));
    await predictCommand([LOG, "--model", old, "--out", join(dir, "old.csv")], quiet());
    const rows = (await readFile(join(dir, "old.csv"), "utf8")).trim().split("\n").slice(1).map((line) => line.split(","));
    // By hand from the CSV's own scores: isolation_forest_score, autoencoder_error, dbscan_core_distance (columns 19-21).
    const column = (j: number) => Float64Array.from(rows, (r) => Number(r[j]));
    const model = ScoreEnsemble.load({ name: "scoreEnsemble", options: { cut: 1 }, calibrations: meta.scoreEnsemble.calibrations as never });
    const expected = Array.from(model.score([column(19), column(20), column(21)]), (z) => (z > 1 ? "1" : "0"));
    assert.deepEqual(rows.map((r) => r[13]), expected);
    assert.ok(expected.includes("1") && expected.includes("0"), "cut 1 flags some windows and not others");
  });

  test("predict with the saved model gives the training run's ensemble labels back", async () => {
    await predictCommand([LOG, "--model", modelDir, "--out", join(dir, "predicted.csv")], quiet());
    const trained = await readFile(join(dir, "out.csv"), "utf8");
    const predicted = await readFile(join(dir, "predicted.csv"), "utf8");
    assert.deepEqual(ensembleColumn(predicted), ensembleColumn(trained));
  });
});

test("detect without --profile uses the recommended profile, and --profile seed the contract", async () => {
  const dir = await mkdtemp(join(tmpdir(), "logscope-default-profile-"));
  try {
    const metaOf = async (name: string, flags: string[]) => {
      await detectCommand([LOG, "--year", "2005", "--epochs", "2", ...flags, "--out", join(dir, `${name}.csv`), "--models-dir", join(dir, name)], quiet());
      const [run] = await readdir(join(dir, name));
      return modelMetaSchema.parse(JSON.parse(await readFile(join(dir, name, run as string, "meta.json"), "utf8")));
    };
    const byDefault = await metaOf("default", []);
    assert.deepEqual([byDefault.params.profile, byDefault.params.features, byDefault.params.combine], ["recommended", "extended", "score"]);
    const seed = await metaOf("seed", ["--profile", "seed"]);
    assert.deepEqual([seed.params.profile, seed.params.features, seed.params.combine, seed.params.eps], ["seed", "seed", "vote", 0.5]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

// The compiled CLI (npm run build:node), as `npm run detect` runs it.
test("an unknown profile or combine mode exits with code 2 and one sentence naming the choices", async () => {
  const run = promisify(execFile);
  const cases: [string[], RegExp][] = [
    [["--profile", "fast"], /profile must be seed or recommended/],
    [["--combine", "mean"], /combine must be vote \(at least votes detectors agree\) or score/],
  ];
  for (const [flags, message] of cases) {
    await assert.rejects(run(process.execPath, ["dist/detect.cjs", LOG, ...flags]), (error: unknown) => {
      const failure = error as { code: number; stderr: string };
      assert.equal(failure.code, 2);
      assert.equal(failure.stderr.trim().split("\n").length, 1, failure.stderr);
      assert.match(failure.stderr, message);
      return true;
    });
  }
});
