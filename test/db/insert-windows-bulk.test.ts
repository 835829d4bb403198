import { after, test } from "node:test";
import assert from "node:assert/strict";
import { createLogFile } from "@/lib/db/create-log-file";
import { createRun } from "@/lib/db/create-run";
import { getRunScores } from "@/lib/db/get-run-scores";
import { insertWindows } from "@/lib/db/insert-windows";
import { listWindows } from "@/lib/db/list-windows";
import { makeWindows, PARAMS, sha } from "./fixtures";
import { useTempDatabase } from "./temp-database";

const tmp = useTempDatabase();
after(tmp.cleanup);

// Speed is measured by a throwaway benchmark, never asserted in tests.
test("100,000 windows are stored in one go and read back by page and in full", async () => {
  const n = 100_000;
  const { logFile } = await createLogFile({ originalName: "big.log", sha256: sha(11), size: 1, lines: 1, unparsedLines: 0 });
  const run = await createRun({ logFileId: logFile.id, params: PARAMS });
  const result = await insertWindows(makeWindows(run.id, n));
  assert.equal(result.inserted, n);

  const top = await listWindows({ runId: run.id, sort: "ifScore", pageSize: 100 });
  assert.equal(top.total, n);
  assert.deepEqual(top.windows.slice(0, 2).map((w) => w.index), [n - 1, n - 2]);
  const deep = await listWindows({ runId: run.id, page: 700, pageSize: 100 });
  assert.equal(deep.windows[0]?.index, 69_900);
  assert.equal((await listWindows({ runId: run.id, filter: "ensemble" })).total, n / 10);

  const scores = await getRunScores(run.id);
  assert.equal(scores?.isolationForest.length, n);
  assert.equal(scores?.isolationForest[n - 1], (n - 1) / n);
});
