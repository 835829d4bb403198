import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { insertRunTemplates } from "@/lib/db/run-templates";
import { containsPattern, findWindowsByTemplate } from "@/lib/db/search-window-templates";
import { windowIndexSpan } from "@/lib/db/window-index-span";
import { createExtendedRun } from "./fixtures";
import { useTempDatabase } from "./temp-database";

const tmp = useTempDatabase();
after(tmp.cleanup);

// makeExtendedWindows: template 0 in every window, template 7 in the windows with i % 3 > 0.
const N = 12;
let runId = 0;

before(async () => {
  ({ runId } = await createExtendedRun("x.log", 31, N));
  await insertRunTemplates({
    runId,
    templates: [
      { id: 0, template: "session opened for user <*>", lines: 10, windows: N, example: "session opened for user root" },
      { id: 7, template: "authentication failure; rhost=<*> 100%_done", lines: 5, windows: 8, example: "authentication failure; rhost=10.0.0.1" },
    ],
  });
});

test("a search finds the windows holding a template whose text or example contains it, in any letter case", async () => {
  assert.deepEqual(await findWindowsByTemplate(runId, "AUTHENTICATION failure"), [1, 2, 4, 5, 7, 8, 10, 11]);
  assert.deepEqual(await findWindowsByTemplate(runId, "10.0.0.1"), [1, 2, 4, 5, 7, 8, 10, 11]);
  assert.equal((await findWindowsByTemplate(runId, "opened")).length, N);
  assert.deepEqual(await findWindowsByTemplate(runId, "no such words"), []);
});

test("LIKE's wildcards in a search are taken literally", async () => {
  assert.equal(containsPattern("100%_do\\ne"), "%100\\%\\_do\\\\ne%");
  assert.equal((await findWindowsByTemplate(runId, "100%_done")).length, 8);
  assert.deepEqual(await findWindowsByTemplate(runId, "1_0%"), []);
  assert.deepEqual(await findWindowsByTemplate(runId, "%"), [1, 2, 4, 5, 7, 8, 10, 11]);
});

test("a time range is one run of window indices, empty when no window starts in it", async () => {
  const start0 = Date.UTC(2005, 5, 1) / 1000;
  assert.deepEqual(await windowIndexSpan(runId, start0 + 120, start0 + 300), { first: 2, end: 5 });
  assert.deepEqual(await windowIndexSpan(runId, start0 + 121, start0 + 300), { first: 3, end: 5 });
  assert.deepEqual(await windowIndexSpan(runId, start0 + 10_000, start0 + 20_000), { first: 0, end: 0 });
});
