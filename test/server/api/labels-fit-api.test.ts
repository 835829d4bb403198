// Labels files that read as labels but cannot fit the log are refused when the run is started
// (POST /api/runs), before a run, a job or an upload is stored. No job runner: accepted runs stay queued.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { POST as postUpload } from "@/app/api/uploads/route";
import { POST as postRun } from "@/app/api/runs/route";
import { openDb } from "@/lib/db/client";
import { LINUX_2K, useJobsEnvironment } from "../../jobs/job-test-env";
import { BASE, json, postForm } from "./api-test-env";

const env = useJobsEnvironment("logscope-labels-fit-api-");
after(env.cleanup);

const LOG = readFileSync(LINUX_2K);
const uploadsLeft = () => (existsSync(env.uploadsDir) ? readdirSync(env.uploadsDir).filter((f) => f.endsWith(".log")) : []);
const labelsLeft = () => {
  const dir = join(env.dir, "labels");
  return existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).filter((p) => p !== ".incoming") : [];
};
const counts = async () => {
  const db = await openDb();
  return { runs: await db.run.count(), jobs: await db.job.count(), logFiles: await db.logFile.count() };
};

/** POST /api/runs with the fields, a labels file and, when `withLog`, Linux_2k as the upload. */
function startForm(fields: Record<string, string | number>, labels: { name: string; text: string }, withLog = false): Request {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, String(value));
  if (withLog) form.set("file", new Blob([LOG]), "Linux_2k.log");
  form.set("labels", new Blob([labels.text]), labels.name);
  return new Request(`${BASE}/api/runs`, { method: "POST", body: form });
}

/** One label per line: "-" except the alert lines given (1-based). Linux_2k has 2000 lines. */
const perLine = (alerts: number[], lines: number) =>
  Array.from({ length: lines }, (_, i) => (alerts.includes(i + 1) ? `ALERT line ${i + 1}` : "- ok")).join("\n") + "\n";

const STARTS_1999 = "window_start,kind\n1999-03-01T10:00:00Z,burst\n1999-03-01T10:05:00Z,burst\n";

async function assertRefused(response: Response, message: RegExp): Promise<void> {
  const body = await json(response);
  assert.equal(response.status, 400, JSON.stringify(body));
  assert.match(String(body.error), message);
  assert.deepEqual(body.errors, { labels: body.error });
}

let logFileId = 0;

test("window starts of 1999 for the 2005 log stored by id are refused with a sentence naming both spans, and no run exists", async () => {
  const upload = await postUpload(postForm("/api/uploads", {}, { name: "Linux_2k.log", bytes: LOG }));
  assert.equal(upload.status, 201);
  logFileId = (await json(upload)).logFileId as number;
  const response = await postRun(startForm({ logFileId, year: 2005 }, { name: "labels-1999.csv", text: STARTS_1999 }));
  await assertRefused(
    response,
    /^None of the 2 labelled window starts in labels-1999\.csv \(1999-03-01T10:00:00Z \.\. 1999-03-01T10:05:00Z\) falls within the log's time span \(2005-06-14T15:16:01Z \.\. 2005-07-27T14:42:00Z with year 2005\): check the year or that the labels belong to this log\.$/,
  );
  assert.deepEqual(await counts(), { runs: 0, jobs: 0, logFiles: 1 });
  assert.deepEqual(labelsLeft(), []);
});

test("the log's span follows the requested year: March 1999 labels miss a 1999 run of a June to July log", async () => {
  const response = await postRun(startForm({ logFileId, year: 1999 }, { name: "labels-1999.csv", text: STARTS_1999 }));
  await assertRefused(response, /\(1999-06-14T15:16:01Z \.\. 1999-07-27T14:42:00Z with year 1999\)/);
  assert.deepEqual((await counts()).runs, 0);
});

test("a per-line labels file with the wrong line count is refused with both counts, and the upload that came with it is not stored", async () => {
  const response = await postRun(startForm({ year: 2005 }, { name: "alerts.txt", text: perLine([4], 1999) }, true));
  await assertRefused(
    response,
    /^alerts\.txt has 1,999 lines but the log Linux_2k\.log has 2,000: per-line labels need exactly one line per log line, in the same order\.$/,
  );
  assert.deepEqual(await counts(), { runs: 0, jobs: 0, logFiles: 1 });
  assert.deepEqual(uploadsLeft().length, 1, "only the log stored earlier");
  assert.deepEqual(labelsLeft(), []);
});

test("a stored log's per-line count is checked too, and a labels file of another year's log is refused for a fresh upload", async () => {
  await assertRefused(await postRun(startForm({ logFileId, year: 2005 }, { name: "alerts.txt", text: perLine([4], 2001) })), /^alerts\.txt has 2,001 lines but the log Linux_2k\.log has 2,000/);
  await assertRefused(await postRun(startForm({ year: 2005 }, { name: "old.csv", text: "1999-03-01T10:00:00Z\n" }, true)), /^The labelled window start in old\.csv \(1999-03-01T10:00:00Z\) falls outside the log's time span/);
  assert.deepEqual(await counts(), { runs: 0, jobs: 0, logFiles: 1 });
  assert.deepEqual(labelsLeft(), []);
});

test("labels that fit the log are accepted: window starts of 2005 and a per-line file of 2000 lines", async () => {
  const starts = await postRun(startForm({ logFileId, year: 2005 }, { name: "starts.csv", text: "window_start\n2005-06-15T02:04:00Z\n1999-01-01T00:00:00Z\n" }));
  assert.equal(starts.status, 201, JSON.stringify(await starts.clone().json()));
  const lines = await postRun(startForm({ year: 2005 }, { name: "alerts.txt", text: perLine([4, 5], 2000) }, true));
  assert.equal(lines.status, 201, JSON.stringify(await lines.clone().json()));
  // One window of slack each side: a start just before the first record's window is left to the worker.
  const edge = await postRun(startForm({ logFileId, year: 2005, window: 60 }, { name: "edge.csv", text: "2005-06-14T15:15:30Z\n" }));
  assert.equal(edge.status, 201);
  assert.deepEqual(await counts(), { runs: 3, jobs: 3, logFiles: 1 });
  const runIds = [starts, lines, edge].map(async (r) => (await json(r)).id as number);
  for (const runId of await Promise.all(runIds)) assert.ok(labelsLeft().includes(`run-${runId}`), `run ${runId} keeps its labels file`);
});
