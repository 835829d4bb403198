import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { getRun } from "@/lib/db/get-run";
import { listJobs } from "@/lib/db/list-jobs";
import { closeJobQueue } from "@/lib/jobs/queue/job-queue";
import { checkDetectParams } from "@/lib/pipeline/params";
import { ServiceError } from "@/lib/server/http/service-error";
import { queueRun } from "@/lib/server/runs/run-commands";
import { storeLinuxLog, useJobsEnvironment } from "../job-test-env";
import { freePort } from "./queue-test-env";

// Queue mode on the server's side when Redis is down: the run is refused in one sentence, and
// nothing is left queued that no worker would ever see.
const env = useJobsEnvironment("logscope-dispatch-");
let logFileId = 0;
before(async () => {
  logFileId = await storeLinuxLog();
  process.env.LOGSCOPE_QUEUE_URL = `redis://127.0.0.1:${await freePort()}`;
});
after(async () => {
  await closeJobQueue();
  await env.cleanup();
});

test("a run queued while the job queue does not answer is refused with a 503 sentence and leaves no run or job behind", async () => {
  const check = checkDetectParams({ year: 2005, epochs: 2 });
  assert.ok(check.params);
  const started = Date.now();
  await assert.rejects(queueRun({ logFileId, params: check.params }), (error: unknown) => {
    assert.ok(error instanceof ServiceError);
    assert.equal(error.status, 503);
    assert.equal(error.message, "The job queue is not answering, so the run was not started; try again in a moment (the administrator should check Redis).");
    return true;
  });
  assert.ok(Date.now() - started < 8000, "it gives up after about 5 s");
  assert.equal(await getRun(1), null);
  assert.deepEqual(await listJobs({}), []);
});
