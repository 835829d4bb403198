import { after, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { createJob } from "@/lib/db/create-job";
import { createRun } from "@/lib/db/create-run";
import { getJob } from "@/lib/db/get-job";
import { getRun } from "@/lib/db/get-run";
import { checkDetectParams } from "@/lib/pipeline/params";
import { startJobRunner } from "@/lib/jobs/runner/job-runner";
import { WORKER_BUNDLE, WORKER_NOT_BUILT, workerCommand } from "@/lib/jobs/runner/worker-command";
import { storeLinuxLog, useJobsEnvironment, waitFor } from "../job-test-env";

const env = useJobsEnvironment("logscope-worker-command-");
after(env.cleanup);

test("a job's worker is `node <root>/dist/worker-main.cjs <jobId>`", () => {
  const root = mkdtempSync(join(env.dir, "root-"));
  mkdirSync(join(root, "dist"));
  writeFileSync(join(root, WORKER_BUNDLE), "");
  assert.deepEqual(workerCommand(42, root), { command: process.execPath, args: [join(root, "dist", "worker-main.cjs"), "42"] });
});

test("without the bundle there is no command, only the path that is missing", () => {
  const root = mkdtempSync(join(env.dir, "unbuilt-"));
  assert.deepEqual(workerCommand(42, root), { missing: join(root, "dist", "worker-main.cjs") });
});

test("the compiled worker loads without a TypeScript loader and checks its argument", async () => {
  const run = promisify(execFile);
  await assert.rejects(run(process.execPath, [resolve(WORKER_BUNDLE), "not-a-job"]), (error: unknown) => {
    const failure = error as { code: number; stderr: string };
    assert.equal(failure.code, 2, failure.stderr);
    assert.equal(failure.stderr, "usage: node dist/worker-main.cjs <jobId>\n");
    return true;
  });
});

test("a runner whose root has no bundle fails the job and its run with a sentence saying to build", async () => {
  const check = checkDetectParams({ year: 2005, epochs: 1 });
  assert.ok(check.params, JSON.stringify(check.errors));
  const run = await createRun({ logFileId: await storeLinuxLog(), params: check.params });
  const job = await createJob({ kind: "detect", runId: run.id });
  await startJobRunner({ pollMs: 100, root: mkdtempSync(join(env.dir, "unbuilt-")) }).ready;
  const failed = await waitFor("the job to fail", async () => {
    const now = await getJob(job.id);
    return now?.status === "failed" ? now : undefined;
  });
  assert.equal(failed.error, WORKER_NOT_BUILT);
  assert.match(WORKER_NOT_BUILT, /run "npm run build" first/);
  const failedRun = await getRun(run.id);
  assert.equal(failedRun?.status, "failed");
  assert.equal(failedRun?.error, WORKER_NOT_BUILT);
});
