import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chooseEpsSetting } from "@/lib/pipeline/choose-thresholds";
import { withProvenance } from "@/lib/pipeline/detector-models";
import { checkDetectParams } from "@/lib/pipeline/params";
import { readLogFile } from "@/lib/pipeline/read-log-file";
import { runDetection } from "@/lib/pipeline/run-detection";
import { scoreWindows } from "@/lib/pipeline/score-windows";
import { EXTENDED_TRIM_FRACTION, trainDetectors } from "@/lib/pipeline/train-detectors";
import type { StageName } from "@/lib/pipeline/types";

const LOG = resolve("logs/Linux_2k.log");
let dir = "";

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "logscope-train-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("extended features train the autoencoder a second time without the worst tenth of a short ranking pass and the forest on the windows it kept; the seed features keep SPEC's one pass on every window", async () => {
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
    // 5 ranking epochs, then the 3 asked for.
    extended: { trim: 0.1, losses: 8, epochEvents: 8, forestRows: 212, scored: 235 },
  });
});

test("stage events and timed stages keep the order the progress stepper and the CLI show, with and without the extended trim", async () => {
  const seen: Record<string, { events: string[]; timed: StageName[] }> = {};
  for (const features of ["seed", "extended"] as const) {
    const check = checkDetectParams({ year: 2005, epochs: 2, features, eps: "auto", contamination: "auto", aePercentile: "auto" });
    assert.ok(check.params, JSON.stringify(check.errors));
    const { windows, templates } = await readLogFile(LOG, { year: 2005, window: check.params.window, features });
    const events: string[] = [];
    const timed: StageName[] = [];
    const { models } = await trainDetectors({
      windows,
      params: check.params,
      // Labels on four windows: the thresholds left on auto are then tuned together, a last dbscan stage.
      truth: Uint8Array.from(windows, (_, i) => ([3, 50, 120, 200].includes(i) ? 1 : 0)),
      templates: templates?.miner,
      listener: (event) => {
        const line = event.kind === "stage" ? `${event.stage}: ${event.message.replace(/[\d.]+/g, "#")}` : "epoch";
        if (line !== events.at(-1)) events.push(line);
      },
      record: (stage) => timed.push(stage),
      provenance: { runId: "test", createdAt: "test", input: { fileName: "Linux_2k.log", sha256: "", bytes: 0, lines: 0, windows: windows.length } },
    });
    models.autoencoder.dispose();
    seen[features] = { events, timed };
  }
  const tune = "dbscan: Choosing the thresholds that give the ensemble the best F# against the labels";
  assert.deepEqual(seen, {
    seed: {
      events: [
        "scale: Scaling features",
        "isolationForest: Training Isolation Forest",
        "dbscan: Choosing eps from the k-distance curve",
        "dbscan: Clustering with DBSCAN (eps #, min samples #)",
        "autoencoder: Training the autoencoder (# epochs)",
        "epoch",
        tune,
      ],
      timed: ["scale", "isolationForest", "dbscan", "autoencoder", "dbscan"],
    },
    extended: {
      events: [
        "scale: Scaling features",
        "dbscan: Choosing eps from the k-distance curve",
        "dbscan: Clustering with DBSCAN (eps #, min samples #)",
        "autoencoder: Training the autoencoder (# epochs, then # without the #% of windows it reconstructs worst)",
        "epoch",
        "isolationForest: Training Isolation Forest on the # windows the autoencoder reconstructs best",
        tune,
      ],
      timed: ["scale", "dbscan", "autoencoder", "isolationForest", "dbscan"],
    },
  });
});

test("scoring right after training takes the scaled windows, forest scores and DBSCAN labels training handed over, and gives what working them out again gives", async () => {
  for (const features of ["seed", "extended"] as const) {
    const check = checkDetectParams({ year: 2005, epochs: 2, features });
    assert.ok(check.params, JSON.stringify(check.errors));
    const { windows, templates } = await readLogFile(LOG, { year: 2005, window: check.params.window, features });
    const provenance = { runId: "test", createdAt: "test", input: { fileName: "Linux_2k.log", sha256: "", bytes: 0, lines: 0, windows: windows.length } };
    const { models, scores } = await trainDetectors({ windows, params: check.params, templates: templates?.miner, provenance });
    const timed: StageName[] = [];
    const handedOver = scoreWindows(models, windows, (stage, work) => (timed.push(stage), work()), scores);
    // Only the autoencoder is worked out again; the scaled rows are training's own.
    assert.deepEqual(timed, ["autoencoder"], features);
    assert.ok(scores.dbscan, "DBSCAN's fit labelled the windows");
    assert.equal(handedOver.scaled, scores.scaled);
    const again = scoreWindows(models, windows);
    assert.deepEqual(again.scaled, scores.scaled, features);
    assert.deepEqual(handedOver, { ...again, scaled: handedOver.scaled }, features);
    models.autoencoder.dispose();
  }
});

test("when labels move eps and DBSCAN is fitted again, training hands over no DBSCAN labels and scoring searches with the new model", async () => {
  const check = checkDetectParams({ year: 2005, epochs: 2, eps: "auto" });
  assert.ok(check.params, JSON.stringify(check.errors));
  const { windows } = await readLogFile(LOG, { year: 2005, window: check.params.window, features: check.params.features });
  // Every 11th window labelled: on this log the ensemble's best F1 moves eps off the knee (0.8224 to 1.974).
  const truth = Uint8Array.from(windows, (_, i) => (i % 11 === 0 ? 1 : 0));
  const provenance = { runId: "test", createdAt: "test", input: { fileName: "Linux_2k.log", sha256: "", bytes: 0, lines: 0, windows: windows.length } };
  const { models, scores } = await trainDetectors({ windows, params: check.params, truth, provenance });
  assert.equal(models.meta.thresholds?.choices?.eps.mode, "labels");
  assert.notEqual(models.meta.eps.eps, chooseEpsSetting(scores.scaled, "auto", check.params.minSamples).decision.eps, "eps moved off the knee");
  assert.equal(scores.dbscan, undefined);
  const timed: StageName[] = [];
  const handedOver = scoreWindows(models, windows, (stage, work) => (timed.push(stage), work()), scores);
  assert.deepEqual(timed, ["dbscan", "autoencoder"]);
  assert.deepEqual(handedOver.scores.dbscanDistance, models.dbscan.predict(scores.scaled).coreDistances);
  models.autoencoder.dispose();
});

test("training does not wait for the models' provenance (the log's hash): it hands the promise over, and withProvenance completes meta.json in its usual key order", async () => {
  const check = checkDetectParams({ year: 2005, epochs: 2 });
  assert.ok(check.params, JSON.stringify(check.errors));
  const { windows } = await readLogFile(LOG, { year: 2005, window: check.params.window, features: check.params.features });
  const provenance = { runId: "test", createdAt: "test", input: { fileName: "Linux_2k.log", sha256: "abc", bytes: 1, lines: 2, windows: windows.length } };
  let release = (): void => undefined;
  const hashed = new Promise<void>((resolve) => (release = resolve));
  let asked = 0;
  const training = trainDetectors({ windows, params: check.params, provenance: () => (asked++, hashed.then(() => provenance)) });
  // Were training to wait for the hash, only the fallback would settle the race.
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<string>((resolve) => (timer = setTimeout(() => resolve("stuck"), 60_000)));
  const first = await Promise.race([training.then(() => "trained"), hashed.then(() => "hashed"), stuck]);
  clearTimeout(timer);
  assert.equal(first, "trained");
  assert.equal(asked, 1);
  const trained = await training;
  release();
  assert.deepEqual(await trained.provenance, provenance);
  const models = withProvenance(trained.models, provenance);
  assert.deepEqual(Object.keys(models.meta), ["format", "version", "runId", "createdAt", "input", "params", "features", "featureNames", "eps", "thresholds"]);
  assert.equal(models.meta.input.sha256, "abc");
  assert.equal(models.dbscan, trained.models.dbscan);
  trained.models.autoencoder.dispose();
});
