import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { markWindow } from "@/app/actions/mark-window";
import { feedbackLabels } from "@/app/actions/feedback-labels";
import { createLogFile } from "@/lib/db/create-log-file";
import { createRun } from "@/lib/db/create-run";
import { getRun } from "@/lib/db/get-run";
import { insertWindows } from "@/lib/db/insert-windows";
import { updateRun } from "@/lib/db/update-run";
import { IDLE_ACTION } from "@/lib/domain/action-state";
import { createWindowStartLabels } from "@/lib/pipeline/read-labels-sources";
import { makeWindows, PARAMS, sha } from "../../db/fixtures";
import { useTempDatabase } from "../../db/temp-database";

const tmp = useTempDatabase("logscope-run-labels-");
after(tmp.cleanup);

const N = 30;
let runId = 0;

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};
const mark = (fields: Record<string, string>) => markWindow(IDLE_ACTION, form(fields));

before(async () => {
  const logFileId = (await createLogFile({ originalName: "a.log", sha256: sha(9), size: 1, lines: 1, unparsedLines: 0 })).logFile.id;
  runId = (await createRun({ logFileId, params: PARAMS })).id;
  await insertWindows(makeWindows(runId, N));
  await updateRun(runId, { status: "succeeded", eps: 0.5, windowCount: N });
});

test("the mark action refuses a bad window index or mark with the field named, and changes nothing", async () => {
  for (const [fields, field, message] of [
    [{ runId: String(runId), index: "-1", mark: "anomalous" }, "index", "Index must be a window's number, such as 12."],
    [{ runId: String(runId), mark: "anomalous" }, "index", "Index must be a window's number, such as 12."],
    [{ runId: String(runId), index: "2", mark: "yes" }, "mark", "Mark must be one of anomalous, normal."],
  ] as const) {
    const state = await mark(fields);
    assert.equal(state.status, "error", JSON.stringify(fields));
    assert.ok(state.status === "error" && state.message === message && field in state.errors, JSON.stringify(state));
  }
  const missing = await mark({ runId: "abc", index: "1", mark: "normal" });
  assert.deepEqual(missing, { status: "error", message: 'There is no run "abc".', errors: {} });
  const outside = await mark({ runId: String(runId), index: String(N), mark: "normal" });
  assert.ok(outside.status === "error" && outside.message === `Run ${runId} has no window ${N}: its windows are numbered 0 to ${N - 1}.`, JSON.stringify(outside));
  assert.equal((await getRun(runId))?.truth, null);
});

test("the mark action answers one sentence and the run's new truth for a first mark, a repeat and a change", async () => {
  const first = await mark({ runId: String(runId), index: "4", mark: "anomalous" });
  const created = { source: "Analyst marks (1 mark)", windows: [4] };
  assert.deepEqual(first, {
    status: "ok",
    message: "Window #4 is labelled anomalous: these are the run's first labels, and every unmarked window counts as normal.",
    runId,
    truth: created,
    changed: true,
  });
  // The window page shows the answer's truth (the action re-renders nothing), so a repeat answers it too.
  const again = await mark({ runId: String(runId), index: "4", mark: "anomalous" });
  assert.deepEqual(again, { status: "ok", message: "Window #4 was already labelled anomalous; nothing changed.", runId, truth: created, changed: false });
  await mark({ runId: String(runId), index: "9", mark: "anomalous" });
  const normal = await mark({ runId: String(runId), index: "4", mark: "normal" });
  assert.ok(normal.status === "ok" && normal.message === "Window #4 is now labelled normal, and the run's evaluation counts it so.");
  assert.ok("truth" in normal && normal.changed, JSON.stringify(normal));
  assert.deepEqual(normal.truth, { source: "Analyst marks (3 marks)", windows: [9] });
  assert.deepEqual((await getRun(runId))?.truth, normal.truth);
});

test("a re-run's labels file names the same windows of the same log as the run's ground truth", async () => {
  await updateRun(runId, { truth: { source: "labels.csv: window starts (3 windows) + 1 analyst mark", windows: [0, 9, 29] } });
  const result = await feedbackLabels(runId);
  assert.ok(result.status === "ok" && result.labels, JSON.stringify(result));
  const { labels } = result;
  assert.equal(labels.name, `run-${runId}-labels.csv`);
  assert.equal(labels.source, "labels.csv: window starts (3 windows) + 1 analyst mark");
  assert.equal(labels.windows, 3);
  const lines = labels.text.trim().split("\n");
  assert.equal(lines[0], "window_start,kind");
  // Read back as any labels file is, against the run's windows: the same three indices.
  const windows = makeWindows(runId, N).windows.map((w) => ({ start: w.start, end: w.end, values: [] }));
  const times = lines.slice(1).map((line) => Date.parse(line.split(",")[0] ?? "") / 1000);
  const read = createWindowStartLabels(labels.name, times).toLabels(windows, 0);
  assert.deepEqual([...read].flatMap((label, i) => (label === 1 ? [i] : [])), [0, 9, 29]);
});

test("a run without labelled windows carries no labels file, and an unknown run says so", async () => {
  await updateRun(runId, { truth: null });
  assert.deepEqual(await feedbackLabels(runId), { status: "ok", labels: null });
  assert.deepEqual(await feedbackLabels(9999), { status: "error", message: "There is no run 9999." });
});
