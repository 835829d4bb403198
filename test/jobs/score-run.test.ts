import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startRun } from "@/app/actions/start-run";
import { getRun } from "@/lib/db/get-run";
import { getRunScores } from "@/lib/db/get-run-scores";
import { IDLE_ACTION } from "@/lib/domain/action-state";
import { startJobRunner } from "@/lib/jobs/runner/job-runner";
import { formatResultsCsv } from "@/lib/pipeline/format-results-csv";
import { checkDetectParams } from "@/lib/pipeline/params";
import { runDetection } from "@/lib/pipeline/run-detection";
import { loadRunSeries } from "@/lib/server/runs/load-run-series";
import { relabelRun } from "@/lib/server/runs/relabel-run";
import { streamResultsCsv } from "@/lib/server/runs/results-csv";
import { LINUX_2K, runForm, storeLinuxLog, useJobsEnvironment, waitForRunToFinish } from "./job-test-env";

// Issue #12: a dashboard run that combines by score stores its combined scores, and every page,
// export and relabelling takes the ensemble from them, whatever the votes slider says.
const env = useJobsEnvironment("logscope-score-run-");
after(env.cleanup);

// The contract's features with the score ensemble: the job and the CLI run below must agree on every field.
const FIELDS = { profile: "seed", year: 2005, epochs: 3, combine: "score" };
let runId = 0;

before(async () => {
  const logFileId = await storeLinuxLog();
  await startJobRunner({ pollMs: 100 }).ready;
  const state = await startRun(IDLE_ACTION, runForm({ logFileId, ...FIELDS }));
  assert.ok(state.status === "ok" && state.runId !== undefined, JSON.stringify(state));
  runId = state.runId;
  const view = await waitForRunToFinish(runId, 120_000);
  assert.equal(view.status, "succeeded", view.error ?? "");
});

test("the run stores its combined scores and calibration, and its export equals the CLI's results", async () => {
  const run = await getRun(runId);
  assert.ok(run);
  assert.equal(run.params.combine, "score");
  assert.deepEqual(run.scoreEnsemble?.options, { cut: 10, detectorWeight: 0.25 });
  assert.equal(run.scoreEnsemble?.tails?.calibrations.length, 8, "the feature tails of the 8 seed features");
  const scores = await getRunScores(runId);
  assert.ok(scores?.combined);
  assert.equal(scores.combined.some(Number.isNaN), false, "every window has its combined score");

  const params = checkDetectParams(FIELDS).params;
  assert.ok(params);
  const fresh = await runDetection({ logPath: LINUX_2K, params, modelsDir: join(env.dir, "fresh-models") });
  fresh.models.autoencoder.dispose();
  assert.deepEqual(Array.from(scores.combined), Array.from(fresh.results.scores.combined ?? []));
  assert.equal(await new Response(await streamResultsCsv(runId)).text(), formatResultsCsv(fresh.results));
});

test("the ensemble follows the combined score, not the votes, under any thresholds", async () => {
  const run = await getRun(runId);
  const series = await loadRunSeries(run as NonNullable<typeof run>);
  assert.ok(series.score);
  const cut = run?.scoreEnsemble?.options.cut ?? NaN;
  const expected = Array.from(series.score.combined, (s) => (s > cut ? 1 : 0));
  for (const overrides of [{}, { votes: 1 }, { votes: 3 }, { eps: 2, contamination: 0.3 }]) {
    const relabelled = await relabelRun(runId, overrides);
    assert.deepEqual(Array.from(relabelled.relabelling.labels.ensemble), expected, JSON.stringify(overrides));
  }
});
