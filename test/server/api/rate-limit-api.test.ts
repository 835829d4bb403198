import { after, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import { POST as postRun } from "@/app/api/runs/route";
import { POST as postUpload } from "@/app/api/uploads/route";
import { openDb } from "@/lib/db/client";
import { RUN_STARTS, UPLOADS, resetRateLimits } from "@/lib/server/http/rate-limit";
import { storeLinuxLog, useJobsEnvironment } from "../../jobs/job-test-env";
import { assertOneSentence } from "../http/one-sentence";
import { json, postForm, postJson } from "./api-test-env";

// No job runner: the runs started here stay queued, so the file takes a second or two.
const env = useJobsEnvironment("logscope-rate-limit-api-");
// The clients below are told apart by X-Forwarded-For, as behind a proxy.
process.env.LOGSCOPE_TRUST_PROXY = "on";
after(env.cleanup);
beforeEach(resetRateLimits);

const WAIT = /^Too many runs started in the last minute; wait (\d+) seconds? and try again\.$/;

test("a run started beyond the limit within a minute is refused with 429, Retry-After and one sentence, and no run is created", async () => {
  const logFileId = await storeLinuxLog();
  for (let i = 0; i < RUN_STARTS.limit; i++) {
    const response = await postRun(postJson("/api/runs", { logFileId, epochs: 1 }));
    assert.equal(response.status, 201, `run ${i + 1}`);
  }
  const runs = await (await openDb()).run.count();
  const refused = await postRun(postJson("/api/runs", { logFileId, epochs: 1 }));
  assert.equal(refused.status, 429);
  const body = await json(refused);
  assertOneSentence(body.error, "429");
  const seconds = WAIT.exec(String(body.error))?.[1];
  assert.ok(seconds !== undefined, String(body.error));
  assert.equal(refused.headers.get("retry-after"), seconds);
  assert.ok(Number(seconds) >= 1 && Number(seconds) <= 60, seconds);
  assert.equal(await (await openDb()).run.count(), runs);
});

test("refused run requests do not count toward the limit, and clients behind a proxy are counted apart", async () => {
  const logFileId = await storeLinuxLog();
  for (let i = 0; i < RUN_STARTS.limit + 5; i++) {
    const response = await postRun(postJson("/api/runs", { logFileId, votes: true }));
    assert.equal(response.status, 400, `bad request ${i + 1}`);
  }
  const forwarded = (address: string) =>
    new Request("http://localhost/api/runs", {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": address },
      body: JSON.stringify({ logFileId, epochs: 1 }),
    });
  for (let i = 0; i < RUN_STARTS.limit; i++) assert.equal((await postRun(forwarded("203.0.113.7"))).status, 201);
  assert.equal((await postRun(forwarded("203.0.113.7"))).status, 429);
  assert.equal((await postRun(forwarded("203.0.113.8, 10.0.0.1"))).status, 201);
  assert.equal((await postRun(postJson("/api/runs", { logFileId, epochs: 1 }))).status, 201);
});

test("uploads beyond the limit are refused with 429 and Retry-After, refused uploads included", async () => {
  for (let i = 0; i < UPLOADS.limit; i++) {
    const response = await postUpload(postForm("/api/uploads", {}, { name: "empty.log", bytes: new Uint8Array(0) }));
    assert.equal(response.status, 400, `upload ${i + 1}`);
  }
  const refused = await postUpload(postForm("/api/uploads", {}, { name: "x.log", bytes: new TextEncoder().encode("a line\n") }));
  assert.equal(refused.status, 429);
  assert.match(String((await json(refused)).error), /^Too many uploads in the last minute; wait \d+ seconds? and try again\.$/);
  assert.match(refused.headers.get("retry-after") ?? "", /^\d+$/);
});
