import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { GET as getWindows } from "@/app/api/runs/[id]/windows/route";
import { createLogFile } from "@/lib/db/create-log-file";
import { createRun } from "@/lib/db/create-run";
import { insertWindows } from "@/lib/db/insert-windows";
import { updateRun } from "@/lib/db/update-run";
import { relabelRun } from "@/lib/server/runs/relabel-run";
import { listRunWindows } from "@/lib/server/runs/run-windows";
import { truthMarkOf } from "@/lib/ui/window-rows";
import { get, json, routeParams } from "../api/api-test-env";
import { makeWindows, PARAMS, sha } from "../../db/fixtures";
import { useTempDatabase } from "../../db/temp-database";

const tmp = useTempDatabase();
after(tmp.cleanup);

// makeWindows puts window i's two lines at bytes [100 i, 100 i + 99): two 49-character lines.
const N = 40;
const NEEDLE_WINDOWS = [3, 7, 23, 31];
const start0 = Date.UTC(2005, 5, 1) / 1000;
let runId = 0;
const indices = (page: { windows: { index: number }[] }) => page.windows.map((w) => w.index);

function logText(): string {
  const line = (i: number, k: number) => `${NEEDLE_WINDOWS.includes(i) && k === 1 ? "sshd: Authentication FAILURE" : `cron: job ${i}.${k} done`}`.padEnd(49, ".");
  return Array.from({ length: N }, (_, i) => `${line(i, 0)}\n${line(i, 1)}\n`).join("");
}

before(async () => {
  const { logFile } = await createLogFile({ originalName: "auth.log", sha256: sha(9), size: N * 100, lines: N * 2, unparsedLines: 0 });
  mkdirSync(join(tmp.dir, "uploads"), { recursive: true });
  writeFileSync(join(tmp.dir, logFile.storedPath), logText());
  runId = (await createRun({ logFileId: logFile.id, params: PARAMS })).id;
  await insertWindows(makeWindows(runId, N));
  await updateRun(runId, {
    status: "succeeded",
    windowCount: N,
    counts: { isolationForest: 4, dbscan: 8, autoencoder: 3, ensemble: 4 },
    truth: { source: "labels.csv", windows: [0, 3, 10, 23] },
  });
});

test("a search keeps the windows with a line containing the text, in any letter case, and says it searched log lines", async () => {
  const page = await listRunWindows(runId, { q: "authentication failure" });
  assert.deepEqual(indices(page), NEEDLE_WINDOWS);
  assert.equal(page.total, 4);
  assert.equal(page.searchScope, "log lines");
  assert.equal((await listRunWindows(runId, { q: "no such text" })).total, 0);
});

test("a search within a time range keeps only the matching windows that start in [from, to)", async () => {
  const page = await listRunWindows(runId, { q: "FAILURE", from: start0 + 7 * 60, to: start0 + 31 * 60 });
  assert.deepEqual(indices(page), [7, 23]);
  assert.equal(page.from, start0 + 7 * 60);
  const ranged = await listRunWindows(runId, { from: start0 + 5 * 60, to: start0 + 15 * 60, pageSize: 4, page: 3 });
  assert.equal(ranged.total, 10);
  assert.deepEqual(indices(ranged), [13, 14]);
});

test("the truth filters follow the thresholds: marks under other thresholds come from the relabelled ensemble", async () => {
  const thresholds = { votes: 1 };
  const labels = await relabelRun(runId, thresholds);
  const truth = new Set([0, 3, 10, 23]);
  for (const filter of ["tp", "fp", "fn"] as const) {
    const expected = Array.from({ length: N }, (_, i) => i).filter((i) => truthMarkOf(labels.relabelling.labels.ensemble[i] === 1, truth.has(i)) === filter);
    const page = await listRunWindows(runId, { filter, thresholds, pageSize: 1000 });
    assert.deepEqual(indices(page), expected, filter);
    // The search path (the run's own thresholds, in memory) and the database path agree.
    const own = await relabelRun(runId);
    const ownExpected = Array.from({ length: N }, (_, i) => i).filter((i) => truthMarkOf(own.relabelling.labels.ensemble[i] === 1, truth.has(i)) === filter && NEEDLE_WINDOWS.includes(i));
    assert.deepEqual(indices(await listRunWindows(runId, { filter, q: "failure" })), ownExpected, `${filter} with a search`);
  }
});

test("the windows route takes a range and a search, and refuses half a range or a range backwards in one sentence", async () => {
  const ok = await getWindows(get(`/api/runs/${runId}/windows?q=failure&from=${start0}&to=${start0 + 600}&pageSize=250`), routeParams({ id: String(runId) }));
  assert.equal(ok.status, 200);
  const body = await json(ok);
  assert.deepEqual((body.windows as { index: number }[]).map((w) => w.index), [3, 7]);
  assert.equal(body.pageSize, 250);
  for (const query of [`from=${start0}`, `from=${start0 + 60}&to=${start0}`, "from=-1&to=5", `q=${"x".repeat(201)}`]) {
    const refused = await getWindows(get(`/api/runs/${runId}/windows?${query}`), routeParams({ id: String(runId) }));
    assert.equal(refused.status, 400, query);
    assert.match(String((await json(refused)).error), /^[A-Z].*\.$/, query);
  }
});
