import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { checkDetectParams } from "@/lib/pipeline/params";
import { runDetection } from "@/lib/pipeline/run-detection";
import { EXTENDED_TRIM_FRACTION } from "@/lib/pipeline/train-detectors";

const LOG = resolve("logs/Linux_2k.log");
let dir = "";

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "logscope-train-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("extended features train the autoencoder a second time without its worst tenth and the forest on the windows it kept; the seed features keep SPEC's one pass on every window", async () => {
  const passes: Record<string, { trim: number; losses: number; epochEvents: number; forestRows: number; scored: number }> = {};
  for (const features of ["seed", "extended"] as const) {
    const check = checkDetectParams({ year: 2005, epochs: 3, features });
    assert.ok(check.params, JSON.stringify(check.errors));
    let epochEvents = 0;
    const run = await runDetection({
      logPath: LOG,
      params: check.params,
      modelsDir: dir,
      listener: (event) => {
        if (event.kind === "epoch") epochEvents++;
      },
    });
    const autoencoder = run.models.autoencoder;
    passes[features] = {
      trim: autoencoder.options.trimFraction,
      losses: autoencoder.lossHistory.length,
      epochEvents,
      forestRows: run.models.isolationForest.trainingScores.length,
      scored: run.results.scores.isolationForest.length,
    };
    autoencoder.dispose();
  }
  assert.equal(EXTENDED_TRIM_FRACTION, 0.1);
  assert.deepEqual(passes, {
    // Linux_2k: 235 windows; the extended forest learns from 235 - floor(23.5) = 212 and scores all.
    seed: { trim: 0, losses: 3, epochEvents: 3, forestRows: 235, scored: 235 },
    extended: { trim: 0.1, losses: 6, epochEvents: 6, forestRows: 212, scored: 235 },
  });
});
