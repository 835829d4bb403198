import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import type { CommandIo } from "@/lib/cli/command-io";
import { detectCommand } from "@/lib/cli/detect-command";
import { predictCommand } from "@/lib/cli/predict-command";
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
  });

  test("predict with the saved model gives the training run's ensemble labels back", async () => {
    await predictCommand([LOG, "--model", modelDir, "--out", join(dir, "predicted.csv")], quiet());
    const trained = await readFile(join(dir, "out.csv"), "utf8");
    const predicted = await readFile(join(dir, "predicted.csv"), "utf8");
    assert.deepEqual(ensembleColumn(predicted), ensembleColumn(trained));
  });
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
