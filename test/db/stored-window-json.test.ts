import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createRun } from "@/lib/db/create-run";
import { getRunWindowSpans } from "@/lib/db/get-run-window-spans";
import { getWindowsByIndex } from "@/lib/db/get-windows-by-index";
import { insertWindows } from "@/lib/db/insert-windows";
import { listWindows } from "@/lib/db/list-windows";
import { writeSql } from "@/lib/db/raw-connection";
import { one, run } from "@/lib/db/sql/sql-step";
import { createExtendedRun, makeExtendedWindows, makeWindows, PARAMS } from "./fixtures";
import { useTempDatabase } from "./temp-database";

const tmp = useTempDatabase();
after(tmp.cleanup);

const N = 12;
let logFileId = 0;
let runId = 0;

before(async () => {
  ({ logFileId, runId } = await createExtendedRun("w.log", 41, N));
});

type Cell = string | number | Buffer | null;

/**
 * Sets one column of window `index` behind the domain functions' back (raw SQL, on either store),
 * runs `check`, then puts the old value back.
 */
async function withDamage(index: number, column: string, value: Cell, check: () => Promise<void>): Promise<void> {
  const where = `WHERE "runId" = ? AND "index" = ?`;
  const old = await writeSql(function* () {
    const row = yield* one<{ v: Cell }>(`SELECT "${column}" AS v FROM "Window" ${where}`, [runId, index]);
    yield* run(`UPDATE "Window" SET "${column}" = ? ${where}`, [value, runId, index]);
    return row?.v ?? null;
  });
  try {
    await check();
  } finally {
    await writeSql(() => run(`UPDATE "Window" SET "${column}" = ? ${where}`, [old, runId, index]));
  }
}

const damagedWindow = (index: number, column: string) => ({
  name: "DatabaseError",
  code: "corrupt",
  message: `Stored data is damaged (table Window, row run ${runId}, index ${index}, column ${column}); delete run ${runId} and start it again.`,
});

test("a window's line ranges, template counts and autoencoder errors read back as they were written", async () => {
  const fixture = makeExtendedWindows(runId, N);
  const spans = await getRunWindowSpans(runId);
  assert.deepEqual(spans.map((s) => s.lineRanges), fixture.lineRanges);
  const page = await listWindows({ runId, pageSize: N });
  assert.deepEqual(page.windows.map((w) => w.lineRanges), fixture.lineRanges);
  assert.deepEqual(page.windows[4]?.templateCounts, [[0, 4], [7, 1]]);
  assert.equal(page.windows[4]?.aeFeatureErrors?.length, 13);
});

test("an extended window stored before error_level_lines reads its twelve autoencoder errors with 0 for that column", async () => {
  const twelve = Buffer.alloc(12 * 4);
  for (let f = 0; f < 12; f++) twelve.writeFloatLE((f + 1) / 64, f * 4);
  await withDamage(5, "aeFeatureErrors", twelve, async () => {
    const [w] = await getWindowsByIndex(runId, [5]);
    assert.deepEqual(w?.aeFeatureErrors, [...Array.from({ length: 12 }, (_, f) => (f + 1) / 64), 0]);
  });
});

test("a seed window without templates or autoencoder errors reads them as null, and without line ranges as none", async () => {
  const seedRun = (await createRun({ logFileId, params: PARAMS })).id;
  await insertWindows({ ...makeWindows(seedRun, 2), lineRanges: undefined });
  const [w] = await getWindowsByIndex(seedRun, [0]);
  assert.ok(w);
  assert.equal(w.templateCounts, null);
  assert.equal(w.aeFeatureErrors, null);
  assert.deepEqual(w.lineRanges, []);
});

const DAMAGE: [column: string, what: string, value: Cell][] = [
  ["lineRanges", "text that is not JSON", "[[1,2,3"],
  ["lineRanges", "a range of three numbers", "[[1,2,3]]"],
  ["lineRanges", "a negative offset", "[[1,2,-3,4]]"],
  ["templateCounts", "text that is not JSON", "[[0,"],
  ["templateCounts", "a fractional count", "[[0,1.5]]"],
  ["aeFeatureErrors", "bytes for fewer errors than features", Buffer.alloc(8 * 4)],
  ["aeFeatureErrors", "no bytes", Buffer.alloc(0)],
  ["distinctTemplates", "nothing while the other template features are there", null],
  ["errorLevelLines", "nothing while the other extended features are there", null],
];

for (const [column, what, value] of DAMAGE) {
  test(`a window whose ${column} holds ${what} is an error naming the run, window and column`, async () => {
    await withDamage(3, column, value, async () => {
      await assert.rejects(getWindowsByIndex(runId, [2, 3]), damagedWindow(3, column));
      await assert.rejects(listWindows({ runId, pageSize: N }), damagedWindow(3, column));
      assert.equal((await getWindowsByIndex(runId, [2]))[0]?.index, 2, "the other windows still read");
    });
  });
}

test("the bulk span reader refuses damaged line ranges too", async () => {
  await withDamage(7, "lineRanges", '{"first":1}', async () => {
    await assert.rejects(getRunWindowSpans(runId), damagedWindow(7, "lineRanges"));
  });
});

test("line ranges that would not read back are refused when windows are stored", async () => {
  const other = (await createRun({ logFileId, params: PARAMS })).id;
  const windows = makeWindows(other, 2);
  const lineRanges = [[{ firstLine: 1, lineCount: 1, offset: 0, length: 9 }], [{ firstLine: 2, lineCount: 1, offset: 10.5, length: 9 }]];
  await assert.rejects(insertWindows({ ...windows, lineRanges }), {
    code: "invalid",
    message: "Cannot store window 1: its line ranges are not whole, non-negative numbers.",
  });
  assert.equal((await listWindows({ runId: other })).total, 0, "nothing was stored");
});
