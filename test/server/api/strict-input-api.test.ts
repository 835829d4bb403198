import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { GET as listRunsRoute, POST as postRun } from "@/app/api/runs/route";
import { POST as savePresetRoute } from "@/app/api/runs/[id]/presets/route";
import { PUT as putLabelsRoute } from "@/app/api/runs/[id]/labels/route";
import { GET as seriesRoute } from "@/app/api/runs/[id]/series/route";
import { GET as windowsRoute } from "@/app/api/runs/[id]/windows/route";
import { POST as postUpload } from "@/app/api/uploads/route";
import { openDb } from "@/lib/db/client";
import { startJobRunner } from "@/lib/jobs/runner/job-runner";
import { useJobsEnvironment } from "../../jobs/job-test-env";
import { assertOneSentence } from "../http/one-sentence";
import { BASE, get, json, postJson, routeParams } from "./api-test-env";
import { trainQuickRun } from "./finished-run";

/**
 * The API refuses what it used to coerce, drop or crash on (issue #13): each case is a 4xx with one
 * sentence in the JSON error shape, and nothing is stored.
 */

const env = useJobsEnvironment("logscope-strict-api-");
after(env.cleanup);

let logFileId = 0;
let runId = 0;
before(async () => {
  await startJobRunner({ pollMs: 50 }).ready;
  ({ logFileId, runId } = await trainQuickRun());
});

const id = (value: number) => routeParams({ id: String(value) });
const runCount = async () => (await openDb()).run.count();
const incomingLabels = () => {
  const dir = join(env.dir, "labels", ".incoming");
  return existsSync(dir) ? readdirSync(dir) : [];
};

/** The answer's status and body; the body must be the API's error shape with one sentence. */
async function refusal(response: Response): Promise<{ status: number; error: string; errors: Record<string, string> }> {
  const body = await json(response);
  assertOneSentence(body.error);
  assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
  return { status: response.status, error: body.error, errors: (body.errors ?? {}) as Record<string, string> };
}

test("JSON fields of the wrong type are refused (400) naming the field and the type, never coerced", async () => {
  const before = await runCount();
  const cases: [Record<string, unknown>, string, string][] = [
    [{ logFileId, votes: true }, "votes", "votes must be the number 1, 2 or 3, not a boolean"],
    [{ logFileId, window: [5] }, "window", "window must be a number of seconds such as 60, not an array"],
    [{ logFileId, eps: { value: 1 } }, "eps", "eps must be a number greater than 0 and at most 1000, or auto, not an object"],
    [{ logFileId, year: false }, "year", "year must be a number such as 2005, not a boolean"],
    [{ logFileId, contamination: [0.1] }, "contamination", "contamination must be a fraction greater than 0 and at most 0.5, or auto, not an array"],
    [{ logFileId, features: true }, "features", "features must be seed (the eight standard features) or extended (plus four template features and error-level records), not a boolean"],
    [{ logFileId: [logFileId] }, "logFileId", "the stored log id (logFileId) must be a whole number such as 12, not an array"],
    [{ uploadId: { id: logFileId } }, "uploadId", "the stored log id (uploadId) must be a whole number such as 12, not an object"],
  ];
  for (const [body, field, message] of cases) {
    const answer = await refusal(await postRun(postJson("/api/runs", body)));
    assert.equal(answer.status, 400, JSON.stringify(body));
    assert.deepEqual(answer.errors, { [field]: message });
    assert.equal(answer.error, `${message.charAt(0).toUpperCase()}${message.slice(1)}.`);
  }
  const presets: [Record<string, unknown>, string, string][] = [
    [{ name: 5 }, "name", "a preset name must be text such as loose, not a number"],
    [{ name: "loose", votes: true }, "votes", "votes must be the number 1, 2 or 3, not a boolean"],
    [{ name: "loose", minSamples: [3] }, "minSamples", "min samples must be a whole number such as 5, not an array"],
  ];
  for (const [body, field, message] of presets) {
    const answer = await refusal(await savePresetRoute(postJson(`/api/runs/${runId}/presets`, body), id(runId)));
    assert.equal(answer.status, 400, JSON.stringify(body));
    assert.deepEqual(answer.errors, { [field]: message });
  }
  assert.equal(await runCount(), before, "no run was created");
});

/** A multipart POST /api/runs with the fields in this order (and files when given). */
function form(fields: [string, string][], files: [string, string, string][] = []): Request {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  for (const [field, name, text] of files) data.append(field, new Blob([text]), name);
  return new Request(`${BASE}/api/runs`, { method: "POST", body: data });
}

test("a form with more than 100 fields, a field over 64 KiB or more than two files is refused (400), not cut short", async () => {
  const before = await runCount();
  const padding = Array.from({ length: 150 }, (_, i): [string, string] => [`note${i}`, "x"]);
  // year is field 152: cut off, the run would silently infer the year instead of refusing 1900.
  const many = await refusal(await postRun(form([["logFileId", String(logFileId)], ...padding, ["year", "1900"]])));
  assert.equal(many.status, 400);
  assert.equal(many.error, "The form has more than 100 text fields: send only the fields the request needs.");

  const long = await refusal(await postRun(form([["logFileId", String(logFileId)], ["masks", `${"a".repeat(70_000)}=X`]])));
  assert.equal(long.status, 400);
  assert.equal(long.error, 'The form field "masks" is longer than 64 KiB: send a shorter value.');

  const files = await refusal(await postRun(form([], [["extra", "a.txt", "a"], ["more", "b.txt", "b"], ["labels", "labels.txt", "- ok\n"]])));
  assert.equal(files.status, 400);
  assert.equal(files.error, 'The form has more than 2 files: send the log in "file" and ground truth in "labels" only.');
  assert.equal(await runCount(), before);
  assert.deepEqual(incomingLabels(), []);

  // 100 fields are fine: the refusal is about the year, not the count.
  const hundred = await refusal(await postRun(form([["logFileId", String(logFileId)], ...padding.slice(0, 98), ["year", "1900"]])));
  assert.deepEqual(hundred.errors, { year: "year must be 1970 or later" });
});

test("an unknown series part or enumerated query value is refused (400) listing the known values", async () => {
  const series = async (query: string) => seriesRoute(get(`/api/runs/${runId}/series?${query}`), id(runId));
  const ok = await series("features=0,3");
  assert.equal(ok.status, 200);
  const cases: [string, Record<string, string>][] = [
    ["part=xyz", { part: "part must be one of feature, dbscan, distance" }],
    ["part=Feature", { part: "part must be one of feature, dbscan, distance" }],
    ["part=feature&feature=1,2", { feature: "feature must be one feature index such as 3" }],
    ["part=feature&feature=8", { feature: "feature must be a feature index from 0 to 7 (this run has 8 features)" }],
    ["features=0,x", { features: "features must be feature indices such as 0,3, separated by commas" }],
    ["features=0,8", { features: "features must be feature indices from 0 to 7 (this run has 8 features), separated by commas" }],
  ];
  for (const [query, errors] of cases) {
    const answer = await refusal(await series(query));
    assert.equal(answer.status, 400, query);
    assert.deepEqual(answer.errors, errors, query);
  }
  const windows = await refusal(await windowsRoute(get(`/api/runs/${runId}/windows?direction=sideways&sort=size`), id(runId)));
  assert.deepEqual(windows.errors, {
    sort: "sort must be one of time, ifScore, aeError, dbscanDistance, modelVotes",
    direction: "direction must be one of asc, desc",
  });
  const page = await refusal(await listRunsRoute(get("/api/runs?page=abc&pageSize=9999")));
  assert.equal(page.status, 400);
  assert.equal(page.error, "Page must be a whole number; page size must be at most 500.");
});

const LONG_NAME = `${"字".repeat(100)}.txt`; // 304 bytes in UTF-8, 104 characters
const perLine = `${Array.from({ length: 2000 }, (_, i) => (i === 4 ? "ALERT line 5" : "- ok")).join("\n")}\n`;

test("file names over 255 bytes, or . and .., are refused (400) in uploads and labels, and nothing is written", async () => {
  const upload = new FormData();
  upload.set("file", new Blob(["Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown\n"]), LONG_NAME);
  const log = await refusal(await postUpload(new Request(`${BASE}/api/uploads`, { method: "POST", body: upload })));
  assert.equal(log.status, 400);
  assert.equal(log.error, `The file name "${"字".repeat(80)}…" is 304 bytes long in UTF-8, more than the 255 a file name may have: rename the file and send it again.`);

  const withLabels = await refusal(await postRun(form([["logFileId", String(logFileId)]], [["labels", LONG_NAME, perLine]])));
  assert.equal(withLabels.status, 400);
  assert.deepEqual(Object.keys(withLabels.errors), ["labels"]);

  const put = (query: string, body: BodyInit = perLine) =>
    putLabelsRoute(new Request(`${BASE}/api/runs/${runId}/labels${query}`, { method: "PUT", body }), id(runId));
  for (const [query, message] of [
    [`?name=${encodeURIComponent(LONG_NAME)}`, /^The file name ".*" is 304 bytes long in UTF-8, more than the 255/],
    ["?name=..", /^"\.\." is not a file name: give the file a name and send it again\.$/],
    ["?name=.", /^"\." is not a file name/],
    ["?name=a/..", /^"\.\." is not a file name/],
  ] as const) {
    const answer = await refusal(await put(query));
    assert.equal(answer.status, 400, query);
    assert.match(answer.error, message);
    assert.equal(answer.errors.labels, answer.error);
  }
  // (busboy itself reads a multipart filename of ".." as none: the file is then labels.txt.)
  const multipart = new FormData();
  multipart.set("labels", new Blob([perLine]), LONG_NAME);
  const long = await refusal(await putLabelsRoute(new Request(`${BASE}/api/runs/${runId}/labels`, { method: "PUT", body: multipart }), id(runId)));
  assert.equal(long.status, 400);
  assert.deepEqual(incomingLabels(), []);

  // 255 bytes is a name a file may have.
  const longest = `${"字".repeat(83)}.labels`; // 249 + 7 = 256 bytes: one too many
  assert.equal((await put(`?name=${encodeURIComponent(longest)}`)).status, 400);
  const fits = `${"字".repeat(83)}.label`;
  const attached = await put(`?name=${encodeURIComponent(fits)}`);
  assert.equal(attached.status, 200, await attached.clone().text());
  assert.match(String(((await json(attached)).truth as { source: string }).source), new RegExp(`^${fits}: `));
});

/** A body stream of `total` bytes of spaces then `{}`, counting what was pulled from it. */
function countedBody(total: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) {
        controller.enqueue(new TextEncoder().encode("{}"));
        controller.close();
        return;
      }
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => sent };
}

const streamedJson = (path: string, stream: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  new Request(`${BASE}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: stream, duplex: "half" } as RequestInit);

test("a JSON body over 1 MiB is refused (413): by its Content-Length before reading, else once the cap is passed", async () => {
  const declared = countedBody(4 * 1024 * 1024);
  const early = await refusal(await postRun(streamedJson("/api/runs", declared.stream, { "content-length": String(4 * 1024 * 1024 + 2) })));
  assert.equal(early.status, 413);
  assert.equal(early.error, "The JSON body is larger than the limit of 1 MiB: send only the fields the request needs.");
  assert.ok(declared.pulled() <= 128 * 1024, `read ${declared.pulled()} bytes of a body refused by its length`);

  const chunked = countedBody(8 * 1024 * 1024);
  const late = await refusal(await savePresetRoute(streamedJson(`/api/runs/${runId}/presets`, chunked.stream), id(runId)));
  assert.equal(late.status, 413);
  assert.ok(chunked.pulled() <= 1024 * 1024 + 3 * 64 * 1024, `read ${chunked.pulled()} bytes before refusing`);
});
