import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { POST as postUpload } from "@/app/api/uploads/route";
import { POST as postRun } from "@/app/api/runs/route";
import { GET as getRunRoute } from "@/app/api/runs/[id]/route";
import { openDb } from "@/lib/db/client";
import { requestedParams } from "@/lib/domain/run-params";
import { inferYear } from "@/lib/logs/formats/record-clock";
import { startJobRunner } from "@/lib/jobs/runner/job-runner";
import { getRun } from "@/lib/db/get-run";
import { FORMAT_REFUSALS, jsonLog } from "../../cli/format-refusals";
import { LINUX_2K, useJobsEnvironment, waitFor } from "../../jobs/job-test-env";
import { get, json, postForm, routeParams } from "./api-test-env";

const env = useJobsEnvironment("logscope-formats-api-");
after(env.cleanup);
before(async () => {
  await startJobRunner({ pollMs: 100 }).ready;
});

const JSON_LOG = new TextEncoder().encode(jsonLog());
const uploadsLeft = () => (existsSync(env.uploadsDir) ? readdirSync(env.uploadsDir).filter((f) => f.endsWith(".log")) : []);

async function finished(runId: number): Promise<Record<string, unknown>> {
  const current = async () => json(await getRunRoute(get(`/api/runs/${runId}`), routeParams({ id: String(runId) })));
  return waitFor(`run ${runId} to finish`, async () => {
    const view = await current();
    return view.status === "succeeded" || view.status === "failed" ? view : undefined;
  }, 60_000, current);
}

for (const refusal of FORMAT_REFUSALS.filter((r) => r.early)) {
  test(`${refusal.name} is a 400 with the sentence the CLI prints, and nothing is stored`, async () => {
    const rows = await (await openDb()).logFile.count();
    const response = await postRun(postForm("/api/runs", { epochs: 1, ...refusal.fields }, { name: "app.jsonl", bytes: JSON_LOG }));
    assert.equal(response.status, 400);
    const body = await json(response);
    assert.match(String(body.error), refusal.sentence);
    const [field] = Object.keys(refusal.fields);
    assert.equal(`${String((body.errors as Record<string, string>)[field === "masks" || field === "tz" ? field : "format"])}.`, body.error);
    assert.deepEqual(uploadsLeft(), []);
    assert.equal(await (await openDb()).logFile.count(), rows);
  });
}

test("a JSON log uploads like any log and its run reads the detected format; a --field path absent from every record is a 400 with the CLI's sentence", async () => {
  const upload = await json(await postUpload(postForm("/api/uploads", {}, { name: "app.jsonl", bytes: JSON_LOG })));
  assert.deepEqual([upload.lines, upload.unparsedLines], [300, 0]);

  const good = await json(await postRun(postForm("/api/runs", { logFileId: String(upload.logFileId), epochs: 2 })));
  const view = await finished(good.id as number);
  assert.equal(view.status, "succeeded", String(view.error));
  assert.deepEqual(view.format, { requested: "auto", detected: "json", tz: null, fields: null, masks: null, timeFormat: null, year: null, yearInferred: false });
  assert.equal((view.params as Record<string, unknown>).format, "auto");
  assert.equal("year" in (view.params as Record<string, unknown>), false);
  assert.equal(view.windowCount, 300);

  const refusal = FORMAT_REFUSALS.find((r) => !r.early);
  assert.ok(refusal);
  const runs = await (await openDb()).run.count();
  const bad = await postRun(postForm("/api/runs", { logFileId: String(upload.logFileId), epochs: 1, ...refusal.fields }));
  assert.equal(bad.status, 400, "the stored log's head is read before the run is queued");
  const body = await json(bad);
  assert.match(String(body.error), refusal.sentence);
  assert.match(String((body.errors as Record<string, string>).fields), refusal.sentence);
  assert.equal(await (await openDb()).run.count(), runs, "no run was queued");
});

test("format options are stored as asked, shown by the run view and asked for again by a re-run", async () => {
  const fields = { epochs: 1, year: 2005, format: "json", tz: "Europe/Paris", fields: "message=msg,time=ts", masks: "request \\d+=REQ" };
  const response = await postRun(postForm("/api/runs", fields, { name: "app.jsonl", bytes: JSON_LOG }));
  assert.equal(response.status, 201);
  const runId = (await json(response)).id as number;
  const view = await finished(runId);
  assert.equal(view.status, "succeeded", String(view.error));
  assert.deepEqual(view.format, {
    requested: "json", detected: "json", tz: "Europe/Paris", fields: { time: "ts", message: "msg" },
    masks: [{ pattern: "request \\d+", name: "REQ" }], timeFormat: null, year: 2005, yearInferred: false,
  });
  const params = view.params as Record<string, unknown>;
  assert.deepEqual([params.format, params.tz, params.fields, params.masks, params.year], ["json", "Europe/Paris", "time=ts,message=msg", "request \\d+=REQ", 2005]);
  const run = await getRun(runId);
  assert.ok(run);
  assert.deepEqual(requestedParams(run.params), params, "Re-run and Retry ask for the same");
});

test("a syslog run without a year has it inferred, and the run records the year it used", async () => {
  const bytes = new Uint8Array(readFileSync(LINUX_2K));
  const response = await postRun(postForm("/api/runs", { epochs: 1 }, { name: "linux.log", bytes }));
  const view = await finished((await json(response)).id as number);
  assert.equal(view.status, "succeeded", String(view.error));
  const year = inferYear([{ kind: "yearless", month: 5, day: 14, secondsOfDay: 55000 }, { kind: "yearless", month: 6, day: 27, secondsOfDay: 52920 }], new Date());
  assert.deepEqual([(view.format as Record<string, unknown>).year, (view.format as Record<string, unknown>).yearInferred], [year, true]);
  assert.equal((view.format as Record<string, unknown>).detected, "syslog");
});
