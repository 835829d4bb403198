import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createLogFile } from "@/lib/db/create-log-file";
import { createRun } from "@/lib/db/create-run";
import { deleteRun } from "@/lib/db/delete-run";
import { DatabaseError } from "@/lib/db/errors";
import { findLogFileByHash } from "@/lib/db/find-log-file-by-hash";
import { getRun } from "@/lib/db/get-run";
import { insertWindows } from "@/lib/db/insert-windows";
import { listRuns } from "@/lib/db/list-runs";
import { listWindows } from "@/lib/db/list-windows";
import { updateRun } from "@/lib/db/update-run";
import { makeWindows, PARAMS, sha } from "./fixtures";
import { useTempDatabase } from "./temp-database";

const tmp = useTempDatabase();
after(tmp.cleanup);

let runId = 0;
let logFileId = 0;
const N = 250;

before(async () => {
  const { logFile } = await createLogFile({ originalName: "auth.log", sha256: sha(1), size: 5_000_000_000, lines: 500, unparsedLines: 3 });
  logFileId = logFile.id;
  runId = (await createRun({ logFileId, params: PARAMS })).id;
  await insertWindows(makeWindows(runId, N));
});

test("an upload is stored once per content, under a path made from its hash", async () => {
  const again = await createLogFile({ originalName: "../../etc/passwd", sha256: sha(1).toUpperCase(), size: 1, lines: 1, unparsedLines: 0 });
  assert.equal(again.created, false);
  assert.equal(again.logFile.id, logFileId);
  assert.equal(again.logFile.originalName, "auth.log");
  assert.equal(again.logFile.storedPath, `uploads/${sha(1)}.log`);
  assert.equal(again.logFile.size, 5_000_000_000);
  assert.equal((await findLogFileByHash(sha(1)))?.id, logFileId);
  assert.equal(await findLogFileByHash(sha(2)), null);
});

test("a run keeps every parameter, with auto eps, contamination and percentile recorded as such", async () => {
  const run = await getRun(runId);
  assert.ok(run);
  assert.deepEqual(run.params, {
    ...PARAMS, epsAuto: false, contaminationAuto: false, aePercentileAuto: false, features: "seed", profile: "seed", combine: "vote",
    yearAuto: false, yearInferred: false, format: "auto", detectedFormat: null, formatOptions: null,
  });
  assert.equal(run.status, "queued");
  assert.equal(run.logFile.id, logFileId);
  assert.equal(run.thresholdChoices, null);
  assert.equal(run.truth, null);

  const auto = await createRun({
    logFileId,
    params: { ...PARAMS, eps: "auto", contamination: "auto", aePercentile: "auto", seed: 4294967295, features: "extended" },
  });
  assert.equal(auto.params.eps, null);
  assert.equal(auto.params.epsAuto, true);
  assert.equal(auto.params.contaminationAuto, true);
  assert.equal(auto.params.aePercentileAuto, true);
  assert.equal(auto.params.seed, 4294967295);
  assert.equal(auto.params.features, "extended");
});

test("a run keeps its log format and options, and a year left to infer until training writes the one it found", async () => {
  const created = await createRun({
    logFileId,
    params: { ...PARAMS, year: undefined, format: "json", tz: "Europe/Paris", fields: "time=ts,message=msg.text", masks: "blk_-?\\d+=BLOCK\nuser=\\S+", timeFormat: "%d/%m/%Y" },
  });
  assert.equal(created.params.yearAuto, true);
  assert.equal(created.params.year, new Date().getUTCFullYear(), "a placeholder until training");
  assert.equal(created.params.format, "json");
  assert.deepEqual(created.params.formatOptions, {
    tz: "Europe/Paris",
    fields: { time: "ts", message: "msg.text" },
    masks: [{ pattern: "blk_-?\\d+", name: "BLOCK" }, { pattern: "user=\\S+" }],
    timeFormat: "%d/%m/%Y",
  });
  const trained = await updateRun(created.id, { year: 2005, yearInferred: true, detectedFormat: "json" });
  assert.deepEqual([trained.params.year, trained.params.yearAuto, trained.params.yearInferred, trained.params.detectedFormat], [2005, true, true, "json"]);
  await deleteRun(created.id);
});

test("finishing a run records counts, thresholds, stage seconds and the finish time", async () => {
  const run = await createRun({ logFileId, params: { ...PARAMS, eps: "auto" } });
  const done = await updateRun(run.id, {
    status: "succeeded",
    eps: 0.83,
    stageSeconds: { parse: 1.5, autoencoder: 8 },
    windowCount: 10,
    counts: { isolationForest: 1, dbscan: 2, autoencoder: 3, ensemble: 1 },
    ifThreshold: 0.61,
    aeThreshold: 0.02,
    modelDir: "/models/x",
  });
  assert.equal(done.params.eps, 0.83);
  assert.equal(done.params.epsAuto, true);
  assert.deepEqual(done.stageSeconds, { parse: 1.5, autoencoder: 8 });
  assert.deepEqual(done.counts, { isolationForest: 1, dbscan: 2, autoencoder: 3, ensemble: 1 });
  assert.equal(done.ifThreshold, 0.61);
  assert.ok(done.finishedAt instanceof Date);
  await assert.rejects(updateRun(999_999, { status: "failed" }), (e: unknown) => e instanceof DatabaseError && e.code === "not_found");
});

test("runs are listed newest first with their log file", async () => {
  const page = await listRuns({ pageSize: 2 });
  assert.equal(page.total, 3);
  assert.equal(page.runs.length, 2);
  assert.ok((page.runs[0]?.id ?? 0) > (page.runs[1]?.id ?? 0));
  assert.equal(page.runs[0]?.logFile.sha256, sha(1));
  assert.equal((await listRuns({ status: "succeeded" })).total, 1);
});

test("a window comes back with what was stored: features, scaled values, scores, labels and line ranges", async () => {
  const { windows } = await listWindows({ runId, pageSize: 3 });
  const [w0, w1] = windows;
  assert.ok(w0 && w1);
  assert.equal(w0.index, 0);
  assert.equal(w0.start, Date.UTC(2005, 5, 1) / 1000);
  assert.equal(w0.end - w0.start, 60);
  assert.deepEqual(w0.features, [1, 0, 1, 2, 40.5, 0, 0, 1.5]);
  assert.deepEqual(w0.scaled, [-3.5, -2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5]);
  assert.equal(w0.ifScore, 0);
  assert.equal(w0.aeError, 1);
  assert.deepEqual(w0.labels, { isolationForest: true, dbscan: true, autoencoder: true, ensemble: true });
  assert.equal(w0.modelVotes, 3);
  assert.deepEqual(w0.lineRanges, [{ firstLine: 1, lineCount: 2, offset: 0, length: 99 }]);
  assert.equal(w1.dbscanDistance, Number.POSITIVE_INFINITY);
  assert.equal(w1.dbscanCluster, null);
});

test("windows page in time order and the pages join up without gaps", async () => {
  const first = await listWindows({ runId, pageSize: 100 });
  const third = await listWindows({ runId, pageSize: 100, page: 3 });
  assert.equal(first.total, N);
  assert.equal(first.pageCount, 3);
  assert.deepEqual(first.windows.map((w) => w.index), Array.from({ length: 100 }, (_, i) => i));
  assert.deepEqual(third.windows.map((w) => w.index), Array.from({ length: 50 }, (_, i) => 200 + i));
});

test("filters pick the ensemble, any model, or one model", async () => {
  // Fixture: IF every 10th, DBSCAN every 5th, AE the first 3; ensemble = at least two agree.
  const count = async (filter: Parameters<typeof listWindows>[0]["filter"]) => (await listWindows({ runId, filter })).total;
  assert.equal(await count("isolationForest"), 25);
  assert.equal(await count("dbscan"), 50);
  assert.equal(await count("autoencoder"), 3);
  assert.equal(await count("ensemble"), 25);
  assert.equal(await count("any"), 52);
  assert.equal(await count("all"), N);
  const ensemble = await listWindows({ runId, filter: "ensemble", pageSize: 3 });
  assert.deepEqual(ensemble.windows.map((w) => w.index), [0, 10, 20]);
});

test("sorting by a score puts the most anomalous first, and the other way round on request", async () => {
  const byIf = await listWindows({ runId, sort: "ifScore", pageSize: 3 });
  assert.deepEqual(byIf.windows.map((w) => w.index), [249, 248, 247]);
  const byAe = await listWindows({ runId, sort: "aeError", pageSize: 3 });
  assert.deepEqual(byAe.windows.map((w) => w.index), [0, 1, 2]);
  const byIfAsc = await listWindows({ runId, sort: "ifScore", direction: "asc", pageSize: 2 });
  assert.deepEqual(byIfAsc.windows.map((w) => w.index), [0, 1]);
  const flaggedByIf = await listWindows({ runId, filter: "isolationForest", sort: "ifScore", pageSize: 2 });
  assert.deepEqual(flaggedByIf.windows.map((w) => w.index), [240, 230]);
  // No core point within reach (Infinity) is the farthest of all.
  const byDistance = await listWindows({ runId, sort: "dbscanDistance", pageSize: 2 });
  assert.deepEqual(byDistance.windows.map((w) => w.index), [1, 249]);
});

test("a time range narrows the windows to those starting inside it", async () => {
  const from = Date.UTC(2005, 5, 1) / 1000 + 60 * 10;
  const page = await listWindows({ runId, from, to: from + 60 * 5 });
  assert.deepEqual(page.windows.map((w) => w.index), [10, 11, 12, 13, 14]);
});

test("windows of a run are stored once unless replaced", async () => {
  await assert.rejects(insertWindows(makeWindows(runId, 2)), (e: unknown) => e instanceof DatabaseError && e.code === "conflict");
  const other = await createRun({ logFileId, params: PARAMS });
  await insertWindows(makeWindows(other.id, 4));
  const replaced = await insertWindows({ ...makeWindows(other.id, 2), replace: true });
  assert.equal(replaced.inserted, 2);
  assert.equal((await listWindows({ runId: other.id })).total, 2);
});

test("malformed windows are refused with a safe message and nothing is stored", async () => {
  const run = await createRun({ logFileId, params: PARAMS });
  const bad = makeWindows(run.id, 3);
  await assert.rejects(
    insertWindows({ ...bad, labels: { ...bad.labels, ensemble: new Uint8Array(2) } }),
    (e: unknown) => e instanceof DatabaseError && e.code === "invalid" && /2 ensemble labels for 3 windows/.test(e.message),
  );
  const good = makeWindows(run.id, 3);
  const fractional = { ...good, windows: good.windows.map((w, i) => (i === 2 ? { ...w, values: [1.5, ...w.values.slice(1)] } : w)) };
  await assert.rejects(insertWindows(fractional), (e: unknown) => e instanceof DatabaseError && e.code === "invalid");
  assert.equal((await listWindows({ runId: run.id })).total, 0);
  await assert.rejects(insertWindows(makeWindows(987_654, 1)), (e: unknown) => e instanceof DatabaseError && e.code === "invalid" && !/SQLITE|FOREIGN/i.test(e.message));
});
