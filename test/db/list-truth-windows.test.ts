import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createLogFile } from "@/lib/db/create-log-file";
import { createRun } from "@/lib/db/create-run";
import { insertWindows } from "@/lib/db/insert-windows";
import { listWindows } from "@/lib/db/list-windows";
import { updateRun } from "@/lib/db/update-run";
import { makeWindows, PARAMS, sha } from "./fixtures";
import { useTempDatabase } from "./temp-database";

const tmp = useTempDatabase();
after(tmp.cleanup);

// makeWindows: the ensemble flags every 10th window (0, 10, 20, ...); IF score i / n.
const N = 60;
let runId = 0;
let bareRunId = 0;
let missedRunId = 0;
const indices = (page: { windows: { index: number }[] }) => page.windows.map((w) => w.index);

before(async () => {
  const { logFile } = await createLogFile({ originalName: "auth.log", sha256: sha(7), size: 10, lines: 10, unparsedLines: 0 });
  runId = (await createRun({ logFileId: logFile.id, params: PARAMS })).id;
  await insertWindows(makeWindows(runId, N));
  // Labelled: two flagged windows (10, 30) and two calm ones (5, 41).
  await updateRun(runId, { truth: { source: "labels.csv: 4 windows", windows: [5, 10, 30, 41] } });
  bareRunId = (await createRun({ logFileId: logFile.id, params: PARAMS })).id;
  await insertWindows(makeWindows(bareRunId, N));
  // Misses only, window 1 among them: the one window without a DBSCAN distance (infinitely far).
  missedRunId = (await createRun({ logFileId: logFile.id, params: PARAMS })).id;
  await insertWindows(makeWindows(missedRunId, N));
  await updateRun(missedRunId, { truth: { source: "labels.csv: 3 windows", windows: [1, 5, 41] } });
});

test("the tp, fp and fn filters list the ensemble's hits, false alarms and misses against the run's truth", async () => {
  assert.deepEqual(indices(await listWindows({ runId, filter: "tp" })), [10, 30]);
  assert.deepEqual(indices(await listWindows({ runId, filter: "fp" })), [0, 20, 40, 50]);
  assert.deepEqual(indices(await listWindows({ runId, filter: "fn" })), [5, 41]);
  assert.equal((await listWindows({ runId, filter: "fp" })).total, 4);
});

test("a truth filter sorts, pages and keeps to a time range like the other filters", async () => {
  const byScore = await listWindows({ runId, filter: "fp", sort: "ifScore", pageSize: 3 });
  assert.deepEqual(indices(byScore), [50, 40, 20]);
  assert.equal(byScore.pageCount, 2);
  assert.deepEqual(indices(await listWindows({ runId, filter: "fp", sort: "ifScore", pageSize: 3, page: 2 })), [0]);
  const start0 = Date.UTC(2005, 5, 1) / 1000;
  const ranged = await listWindows({ runId, filter: "fp", from: start0 + 15 * 60, to: start0 + 41 * 60 });
  assert.deepEqual(indices(ranged), [20, 40]);
  assert.equal(ranged.total, 2);
});

test("a run without ground truth has no true positives, false positives or misses", async () => {
  for (const filter of ["tp", "fp", "fn"] as const) assert.equal((await listWindows({ runId: bareRunId, filter })).total, 0, filter);
});

test("sorted by DBSCAN distance, a window without one is the farthest, on every store", async () => {
  const byDistance = (direction: "asc" | "desc") => listWindows({ runId: missedRunId, filter: "fn", sort: "dbscanDistance", direction });
  assert.deepEqual(indices(await byDistance("desc")), [1, 41, 5]);
  assert.deepEqual(indices(await byDistance("asc")), [5, 41, 1]);
});
