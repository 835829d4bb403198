import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { createLogFile } from "@/lib/db/create-log-file";
import { createRun } from "@/lib/db/create-run";
import { DatabaseError } from "@/lib/db/errors";
import { getRun } from "@/lib/db/get-run";
import { insertWindows } from "@/lib/db/insert-windows";
import { markWindowTruth } from "@/lib/db/mark-window-truth";
import { updateRun } from "@/lib/db/update-run";
import { makeWindows, PARAMS, sha } from "./fixtures";
import { runTsChild, useTempDatabase } from "./temp-database";

const tmp = useTempDatabase("logscope-mark-truth-");
after(tmp.cleanup);

const N = 200;
let logFileId = 0;

async function finishedRun(n = N): Promise<number> {
  const runId = (await createRun({ logFileId, params: PARAMS })).id;
  await insertWindows(makeWindows(runId, n));
  await updateRun(runId, { status: "succeeded", eps: 0.5, windowCount: n });
  return runId;
}

const isCode = (code: DatabaseError["code"], message: RegExp) => (error: unknown) => {
  assert.ok(error instanceof DatabaseError, String(error));
  assert.equal(error.code, code);
  assert.match(error.message, message);
  return true;
};

before(async () => {
  logFileId = (await createLogFile({ originalName: "marks.log", sha256: sha(77), size: 1, lines: 1, unparsedLines: 0 })).logFile.id;
});

test("the first mark on a run without ground truth creates it, named as the analyst's marks", async () => {
  const runId = await finishedRun();
  const marked = await markWindowTruth({ runId, index: 7, anomalous: true });
  assert.deepEqual(marked, { truth: { source: "Analyst marks (1 mark)", windows: [7] }, changed: true, created: true });
  assert.deepEqual((await getRun(runId))?.truth, marked.truth);
});

test("marking a window twice the same way is idempotent: the second mark writes nothing", async () => {
  const runId = await finishedRun();
  await markWindowTruth({ runId, index: 3, anomalous: true });
  const again = await markWindowTruth({ runId, index: 3, anomalous: true });
  assert.deepEqual(again, { truth: { source: "Analyst marks (1 mark)", windows: [3] }, changed: false, created: false });
  const normal = await markWindowTruth({ runId, index: 3, anomalous: false });
  assert.deepEqual(normal.truth, { source: "Analyst marks (2 marks)", windows: [] });
  assert.equal((await markWindowTruth({ runId, index: 3, anomalous: false })).changed, false);
  assert.deepEqual((await getRun(runId))?.truth, { source: "Analyst marks (2 marks)", windows: [] });
});

test("marks on a run with labels add and remove windows and are counted after the labels' source", async () => {
  const runId = await finishedRun();
  await updateRun(runId, { truth: { source: "labels.csv: window starts (3 windows)", windows: [2, 10, 50] } });
  await markWindowTruth({ runId, index: 10, anomalous: false });
  const marked = await markWindowTruth({ runId, index: 5, anomalous: true });
  assert.deepEqual(marked.truth, { source: "labels.csv: window starts (3 windows) + 2 analyst marks", windows: [2, 5, 50] });
  assert.equal(marked.created, false);
});

test("concurrent marks from this process and two others lose nothing", async () => {
  const runId = await finishedRun();
  const startAt = String(Date.now() + 4000);
  const child = (from: number) => runTsChild(resolve("test/db/mark-window-truth-child.ts"), {
    DATABASE_URL: tmp.url, DATA_DIR: tmp.dir, RUN_ID: String(runId), FROM: String(from), COUNT: "40", START_AT: startAt,
  });
  const here = async () => {
    await new Promise((r) => setTimeout(r, Number(startAt) - Date.now()));
    // Twenty at once from this process too: each waits for the write lock in turn.
    await Promise.all(Array.from({ length: 20 }, (_, i) => markWindowTruth({ runId, index: 100 + i, anomalous: true })));
  };
  const [a, b] = await Promise.all([child(0), child(40), here()]);
  assert.equal(a?.trim(), "done");
  assert.equal(b?.trim(), "done");
  const truth = (await getRun(runId))?.truth;
  const expected = [...Array.from({ length: 80 }, (_, i) => i), ...Array.from({ length: 20 }, (_, i) => 100 + i)];
  assert.deepEqual(truth?.windows, expected);
  assert.equal(truth?.source, "Analyst marks (100 marks)");
});

test("a window outside the run, a run in progress and a missing run are refused in one sentence", async () => {
  const runId = await finishedRun(5);
  await assert.rejects(markWindowTruth({ runId, index: 5, anomalous: true }), isCode("invalid", /^Run \d+ has no window 5: its windows are numbered 0 to 4\.$/));
  const queued = (await createRun({ logFileId, params: PARAMS })).id;
  await assert.rejects(markWindowTruth({ runId: queued, index: 0, anomalous: true }), isCode("conflict", /has no results \(it is queued\)/));
  await assert.rejects(markWindowTruth({ runId: 9999, index: 0, anomalous: true }), isCode("not_found", /^There is no run 9999\.$/));
  assert.equal((await getRun(runId))?.truth, null);
});
