import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createLogFile } from "@/lib/db/create-log-file";
import { createRun } from "@/lib/db/create-run";
import { DatabaseError } from "@/lib/db/errors";
import { getRun } from "@/lib/db/get-run";
import { getRunScores } from "@/lib/db/get-run-scores";
import { getRunWindowColumns } from "@/lib/db/get-run-windows-columns";
import { insertWindows } from "@/lib/db/insert-windows";
import { listWindows } from "@/lib/db/list-windows";
import { updateRun } from "@/lib/db/update-run";
import { updateWindowLabels } from "@/lib/db/update-window-labels";
import { relabelWindows, type StoredScores } from "@/lib/pipeline/relabel-windows";
import { makeWindows, PARAMS, sha } from "./fixtures";
import { useTempDatabase } from "./temp-database";

const tmp = useTempDatabase();
after(tmp.cleanup);

const N = 40;
let runId = 0;

before(async () => {
  const { logFile } = await createLogFile({ originalName: "a.log", sha256: sha(7), size: 10, lines: 10, unparsedLines: 0 });
  runId = (await createRun({ logFileId: logFile.id, params: PARAMS })).id;
  await insertWindows(makeWindows(runId, N));
  await updateRun(runId, { status: "succeeded", eps: 0.5, windowCount: N });
});

test("a run's stored scores come back in window order, shaped for relabelWindows", async () => {
  const scores = await getRunScores(runId);
  assert.ok(scores);
  const stored: StoredScores = scores; // must stay assignable to the pipeline's input
  const fixture = makeWindows(runId, N);
  assert.deepEqual(Array.from(stored.isolationForest), Array.from(fixture.scores.isolationForest));
  assert.deepEqual(Array.from(stored.autoencoder), Array.from(fixture.scores.autoencoder));
  assert.deepEqual(Array.from(stored.scaled.data), Array.from(fixture.scaled.data));
  assert.equal(stored.dbscan?.eps, 0.5);
  assert.equal(stored.dbscan?.minSamples, 5);
  assert.deepEqual(Array.from(stored.dbscan?.labels ?? []), Array.from(fixture.labels.dbscan));
  assert.equal(stored.dbscan?.distances[1], Number.POSITIVE_INFINITY);
  assert.equal(await getRunScores(123_456), null);
});

test("a run's windows come back as columns in window order for the run page", async () => {
  const columns = await getRunWindowColumns(runId);
  const fixture = makeWindows(runId, N);
  assert.equal(columns.count, N);
  assert.deepEqual(Array.from(columns.starts), fixture.windows.map((w) => w.start));
  assert.deepEqual(Array.from(columns.features.slice(0, 8)), Array.from(Float32Array.from(fixture.windows[0]?.values ?? [])));
  assert.deepEqual(Array.from(columns.isolationForest), Array.from(fixture.scores.isolationForest));
  assert.deepEqual(Array.from(columns.dbscan), Array.from(fixture.labels.dbscan));
  assert.equal((await getRunWindowColumns(123_456)).count, 0);
});

test("new labels replace the old ones with the run's counts, thresholds and settings", async () => {
  const scores = await getRunScores(runId);
  assert.ok(scores);
  const relabelling = relabelWindows(scores, { contamination: 0.25, aePercentile: 50, eps: 0.5, minSamples: 5, votes: 1 });
  const counts = await updateWindowLabels({ runId, ...relabelling });
  const sum = (labels: Uint8Array) => labels.reduce((a, b) => a + b, 0);
  assert.deepEqual(counts, {
    isolationForest: sum(relabelling.labels.isolationForest),
    dbscan: sum(relabelling.labels.dbscan),
    autoencoder: sum(relabelling.labels.autoencoder),
    ensemble: sum(relabelling.labels.ensemble),
  });
  // IF score i/N above its 75th percentile: the last 10 windows; AE error (N-i)/N above its median: the first 20.
  assert.equal(counts.isolationForest, 10);
  assert.equal(counts.autoencoder, 20);
  const run = await getRun(runId);
  assert.deepEqual(run?.counts, counts);
  assert.equal(run?.ifThreshold, relabelling.thresholds.isolationForest);
  assert.deepEqual(run?.labelSettings, { contamination: 0.25, aePercentile: 50, eps: 0.5, minSamples: 5, votes: 1 });
  assert.equal((await listWindows({ runId, filter: "ensemble" })).total, counts.ensemble);
  const last = (await listWindows({ runId, sort: "time", direction: "desc", pageSize: 1 })).windows[0];
  assert.deepEqual(last?.labels, {
    isolationForest: true,
    dbscan: relabelling.labels.dbscan[N - 1] === 1,
    autoencoder: false,
    ensemble: true,
  });
});

test("labels that do not cover every window are refused and nothing changes", async () => {
  const before = await getRun(runId);
  const short = new Uint8Array(N - 1);
  await assert.rejects(
    updateWindowLabels({
      runId,
      labels: { isolationForest: short, dbscan: short, autoencoder: short, ensemble: short },
      thresholds: { isolationForest: 1, autoencoder: 1, contamination: 0.1, aePercentile: 90, eps: 1, minSamples: 5, votes: 2 },
    }),
    (e: unknown) => e instanceof DatabaseError && e.code === "invalid",
  );
  assert.deepEqual((await getRun(runId))?.counts, before?.counts);
});
