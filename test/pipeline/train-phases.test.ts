import { test } from "node:test";
import assert from "node:assert/strict";
import { createMatrix } from "@/lib/detectors/matrix";
import { Random } from "@/lib/detectors/random";
import type { Matrix } from "@/lib/detectors/types";
import { chooseContamination, choosePercentile } from "@/lib/pipeline/choose-thresholds";
import { checkDetectParams, type DetectParams } from "@/lib/pipeline/params";
import { DBSCAN_THREAD_MIN_ROWS } from "@/lib/pipeline/dbscan-thread";
import { clusterWithDbscan, createPhaseContext, EXTENDED_TRIM_FRACTION, planTraining, SCORE_RANKING_EPOCHS, startClustering, type PhaseContext } from "@/lib/pipeline/train-phases";
import { settleThresholds, type ThresholdInput } from "@/lib/pipeline/train-thresholds";
import type { PipelineEvent, StageName } from "@/lib/pipeline/types";

function params(input: Record<string, unknown>): DetectParams {
  const check = checkDetectParams({ year: 2005, ...input });
  assert.ok(check.params, JSON.stringify(check.errors));
  return check.params;
}

/** A phase context that keeps what it was told: stage messages and the stages timed, in order. */
function recordingContext(): { ctx: PhaseContext; stages: string[]; timed: StageName[] } {
  const stages: string[] = [];
  const timed: StageName[] = [];
  const listener = (event: PipelineEvent) => {
    if (event.kind === "stage") stages.push(`${event.stage}: ${event.message}`);
  };
  return { ctx: createPhaseContext(listener, (stage) => timed.push(stage)), stages, timed };
}

/** 95 windows in two tight clusters and 5 far apart; the 5 are the labelled anomalies. */
function syntheticRun() {
  const n = 100;
  const random = new Random(7);
  const scaled: Matrix = createMatrix(n, 2);
  const truth = new Uint8Array(n);
  const ifScores = new Float64Array(n);
  const aeErrors = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const outlier = i >= 95;
    const centre = outlier ? 6 * (i - 94) : i % 2 === 0 ? 0 : 2;
    scaled.data[2 * i] = centre + 0.2 * random.nextFloat();
    scaled.data[2 * i + 1] = centre - 0.2 * random.nextFloat();
    truth[i] = outlier ? 1 : 0;
    ifScores[i] = (outlier ? 0.7 : 0.4) + 0.1 * random.nextFloat();
    aeErrors[i] = (outlier ? 3 : 0.5) + random.nextFloat();
  }
  return { scaled, truth, ifScores, aeErrors };
}

function thresholdInput(p: DetectParams, withLabels: boolean): ThresholdInput {
  const { scaled, truth, ifScores, aeErrors } = syntheticRun();
  const labels = withLabels ? truth : undefined;
  const dbscan = clusterWithDbscan(createPhaseContext(undefined), { scaled, params: p, truth: labels });
  return {
    scaled,
    params: p,
    truth: labels,
    forest: { scores: ifScores, cut: chooseContamination(ifScores, p.contamination, labels) },
    autoencoder: { errors: aeErrors, cut: choosePercentile(aeErrors, p.aePercentile, labels) },
    dbscan,
  };
}

test("seed runs keep one autoencoder pass and fit the forest first on every window; extended runs trim a tenth and fit it after the autoencoder", () => {
  assert.deepEqual(planTraining({ features: "seed", combine: "score" }), { trimFraction: 0, rankingEpochs: 0, forest: "first" });
  // The ranking pass is short only where the combined score, not the detectors' labels, flags windows.
  assert.deepEqual(planTraining({ features: "extended", combine: "score" }), { trimFraction: EXTENDED_TRIM_FRACTION, rankingEpochs: SCORE_RANKING_EPOCHS, forest: "after-autoencoder" });
  assert.deepEqual(planTraining({ features: "extended", combine: "vote" }), { trimFraction: EXTENDED_TRIM_FRACTION, rankingEpochs: 0, forest: "after-autoencoder" });
});

test("without labels each detector's own cut stands, and the thresholds phase neither announces nor times a stage", () => {
  const input = thresholdInput(params({ eps: "auto", contamination: "auto", aePercentile: "auto" }), false);
  const { ctx, stages, timed } = recordingContext();
  const decision = settleThresholds(ctx, input);
  assert.equal(decision.mode, "own");
  assert.equal(decision.contamination, input.forest.cut);
  assert.equal(decision.aePercentile, input.autoencoder.cut);
  assert.equal(decision.eps, input.dbscan.setting.decision);
  assert.equal(decision.epsChoice, input.dbscan.setting.choice);
  assert.equal(decision.dbscan, input.dbscan.model);
  assert.deepEqual([stages, timed], [[], []]);
});

test("with labels but every threshold given, nothing is left for the labels to move", () => {
  const input = thresholdInput(params({ eps: 0.5, contamination: 0.05, aePercentile: 95 }), true);
  const { ctx, stages, timed } = recordingContext();
  const decision = settleThresholds(ctx, input);
  assert.equal(decision.mode, "own");
  assert.equal(decision.dbscan, input.dbscan.model);
  assert.deepEqual([stages, timed], [[], []]);
});

test("with labels the thresholds left on auto move together under the dbscan stage, the given ones stay, and DBSCAN is refitted only when eps moved", () => {
  const input = thresholdInput(params({ eps: "auto", contamination: 0.05, aePercentile: "auto" }), true);
  const { ctx, stages, timed } = recordingContext();
  const decision = settleThresholds(ctx, input);
  assert.equal(decision.mode, "ensemble");
  assert.deepEqual(stages, ["dbscan: Choosing the thresholds that give the ensemble the best F1 against the labels"]);
  assert.deepEqual(timed, ["dbscan"]);
  assert.equal(decision.contamination, input.forest.cut);
  assert.equal(decision.aePercentile.choice.mode, "labels");
  assert.match(decision.aePercentile.choice.reason, /^Autoencoder percentile [\d.]+: together with the other automatic thresholds/);
  assert.equal(decision.epsChoice.mode, "labels");
  assert.equal(decision.epsChoice.value, decision.eps.eps);
  assert.ok(input.dbscan.setting.candidates.includes(decision.eps.eps));
  const moved = decision.eps.eps !== input.dbscan.setting.decision.eps;
  assert.equal(decision.dbscan !== input.dbscan.model, moved);
  assert.equal(decision.dbscan.options.eps, decision.eps.eps);
  assert.equal(decision.dbscan.fitted, true);
  // The knee it was read from is kept; only eps moves.
  assert.deepEqual({ ...decision.eps, eps: 0 }, { ...input.dbscan.setting.decision, eps: 0 });
});

test("DBSCAN's stage takes its place at begin: announced for the thread started before, clustered here when there is no thread", async () => {
  const p = params({ eps: 0.5, minSamples: 5 });
  const cases = [
    { rows: DBSCAN_THREAD_MIN_ROWS + 10, begun: ["dbscan: Clustering (eps 0.5, min samples 5) with DBSCAN on a second thread, beside the autoencoder"] },
    { rows: 200, begun: ["dbscan: Clustering with DBSCAN (eps 0.5, min samples 5)"] },
  ];
  for (const { rows, begun } of cases) {
    const random = new Random(rows);
    const scaled = createMatrix(rows, 3);
    for (let i = 0; i < scaled.data.length; i++) scaled.data[i] = (i % 2) * 3 + random.nextGaussian();
    const { ctx, stages, timed } = recordingContext();
    const clustering = startClustering(ctx, { scaled, params: p, truth: undefined });
    assert.deepEqual([stages, timed], [[], []], "nothing announced or timed before begin");
    clustering.begin();
    assert.deepEqual(stages, begun);
    const fit = await clustering.fit();
    assert.deepEqual(timed, ["dbscan"]);
    const here = clusterWithDbscan(createPhaseContext(undefined), { scaled, params: p, truth: undefined });
    assert.deepEqual([fit.setting, fit.result, fit.model.toJSON()], [here.setting, here.result, here.model.toJSON()]);
  }
});
