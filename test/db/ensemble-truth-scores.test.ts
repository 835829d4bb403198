import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createLogFile } from "@/lib/db/create-log-file";
import { createRun } from "@/lib/db/create-run";
import { ensembleTruthScores } from "@/lib/db/ensemble-truth-scores";
import { insertWindows } from "@/lib/db/insert-windows";
import { listRuns } from "@/lib/db/list-runs";
import { writeSql } from "@/lib/db/raw-connection";
import { run } from "@/lib/db/sql/sql-step";
import { updateRun } from "@/lib/db/update-run";
import { updateWindowLabels } from "@/lib/db/update-window-labels";
import { evaluateLabels } from "@/lib/detectors/evaluate-labels";
import { makeWindows, PARAMS, sha } from "./fixtures";
import { useTempDatabase } from "./temp-database";

const tmp = useTempDatabase();
after(tmp.cleanup);

const N = 40;
const COUNTS = { isolationForest: 4, dbscan: 8, autoencoder: 3, ensemble: 0 };
let labelled = 0;
let unlabelled = 0;
let queued = 0;
let repeated = 0;
let logFileId = 0;

/** A succeeded run of N fixture windows with that ground truth. */
async function finish(truth: number[] | null): Promise<number> {
  const id = (await createRun({ logFileId, params: PARAMS })).id;
  const windows = makeWindows(id, N);
  await insertWindows(windows);
  const ensemble = Array.from(windows.labels.ensemble).filter((v) => v === 1).length;
  await updateRun(id, {
    status: "succeeded", windowCount: N, counts: { ...COUNTS, ensemble }, ifThreshold: 0.5, aeThreshold: 0.5,
    ...(truth ? { truth: { source: "labels.csv", windows: truth } } : {}),
  });
  return id;
}

before(async () => {
  logFileId = (await createLogFile({ originalName: "auth.log", sha256: sha(7), size: 100, lines: 80, unparsedLines: 0 })).logFile.id;
  // The fixture's ensemble flags windows 0, 10, 20 and 30 (IF every 10th and DBSCAN every 5th agree).
  labelled = await finish([0, 5, 10, 39]);
  unlabelled = await finish(null);
  queued = (await createRun({ logFileId, params: PARAMS })).id;
  repeated = await finish([10, 10, 20, 3, 40, 1000]);
});

const scoreOf = async (id: number) => (await listRuns()).runs.find((r) => r.id === id)?.truthScore;

test("a run with ground truth is listed with its ensemble's precision, recall and F1, by the detectors' own formula", async () => {
  const score = await scoreOf(labelled);
  assert.ok(score);
  assert.equal(score.labelled, 4);
  assert.equal(score.flagged, 4);
  assert.equal(score.truePositives, 2);
  const truth = Uint8Array.from({ length: N }, (_, i) => ([0, 5, 10, 39].includes(i) ? 1 : 0));
  const predicted = Uint8Array.from({ length: N }, (_, i) => (i % 10 === 0 ? 1 : 0));
  const expected = evaluateLabels(predicted, truth);
  assert.equal(score.precision, expected.precision);
  assert.equal(score.recall, expected.recall);
  assert.equal(score.f1, expected.f1);
});

test("runs without ground truth, or not yet succeeded, have no score", async () => {
  assert.equal(await scoreOf(unlabelled), null);
  assert.equal(await scoreOf(queued), null);
});

test("the score follows the run's current labels after a relabelling", async () => {
  const zeros = new Uint8Array(N);
  const ensemble = Uint8Array.from({ length: N }, (_, i) => (i === 5 || i === 39 ? 1 : 0));
  await updateWindowLabels({
    runId: labelled,
    labels: { isolationForest: ensemble, dbscan: ensemble, autoencoder: zeros, ensemble },
    thresholds: { isolationForest: 0.5, autoencoder: 0.5, contamination: 0.05, aePercentile: 95, eps: 0.5, minSamples: 5, votes: 2 },
  });
  const score = await scoreOf(labelled);
  assert.ok(score);
  assert.equal(score.flagged, 2);
  assert.equal(score.truePositives, 2);
  assert.equal(score.precision, 1);
  assert.equal(score.recall, 0.5);
  assert.ok(Math.abs(score.f1 - 2 / 3) < 1e-12);
});

test("repeated indices and indices past the run's last window are not counted as labelled", async () => {
  const score = (await ensembleTruthScores([repeated])).get(repeated);
  assert.deepEqual(score && [score.labelled, score.flagged, score.truePositives], [3, 4, 2]);
});

// Last: listRuns refuses a page holding the damaged run (its record cannot be read).
test("a run whose stored truth cannot be read is left out of the scores, not the others with it", async () => {
  const damaged = await finish([1]);
  // Stored text no JSON reader accepts, as a hand edit of the database might leave it.
  await writeSql(() => run(`UPDATE "Run" SET "truthWindows" = ? WHERE "id" = ?`, ["[1, 2", damaged]));
  const scores = await ensembleTruthScores([labelled, damaged, unlabelled]);
  assert.deepEqual([...scores.keys()], [labelled]);
});
