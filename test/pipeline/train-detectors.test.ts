import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { checkDetectParams } from "@/lib/pipeline/params";
import { runDetection } from "@/lib/pipeline/run-detection";
import { EXTENDED_AE_TRIM_FRACTION } from "@/lib/pipeline/train-detectors";

const LOG = resolve("logs/Linux_2k.log");
let dir = "";

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "logscope-train-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("extended features train the autoencoder a second time without its worst tenth; the seed features keep SPEC's one pass", async () => {
  const passes: Record<string, { trim: number; losses: number; epochEvents: number }> = {};
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
    passes[features] = { trim: autoencoder.options.trimFraction, losses: autoencoder.lossHistory.length, epochEvents };
    autoencoder.dispose();
  }
  assert.equal(EXTENDED_AE_TRIM_FRACTION, 0.1);
  assert.deepEqual(passes, {
    seed: { trim: 0, losses: 3, epochEvents: 3 },
    extended: { trim: 0.1, losses: 6, epochEvents: 6 },
  });
});
