import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { startRun } from "@/app/actions/start-run";
import { openDb } from "@/lib/db/client";
import { resolveStoredPath } from "@/lib/db/database-location";
import { IDLE_ACTION } from "@/lib/domain/action-state";
import { startJobRunner } from "@/lib/jobs/runner/job-runner";
import { runForm, storeLinuxLog, useJobsEnvironment, waitForRunToFinish } from "../job-test-env";

// The detect job checks the log it trained on against the upload's SHA-256. The pipeline hashes
// that log beside training (lib/pipeline/read-log-file.ts): the check must still see every byte.
const env = useJobsEnvironment("logscope-detect-job-");
after(env.cleanup);

let logFileId = 0;
before(async () => {
  logFileId = await storeLinuxLog();
  await startJobRunner({ pollMs: 100, concurrency: 1 }).ready;
});

async function runToTheEnd(): Promise<{ status: string; error: string | null }> {
  const state = await startRun(IDLE_ACTION, runForm({ logFileId, year: 2005, epochs: 2 }));
  assert.ok(state.status === "ok" && state.runId !== undefined, JSON.stringify(state));
  return waitForRunToFinish(state.runId);
}

test("a run on the stored upload succeeds; once one byte of the stored copy changes, a run fails saying so", async () => {
  assert.deepEqual(await runToTheEnd().then(({ status, error }) => ({ status, error })), { status: "succeeded", error: null });

  const db = await openDb();
  const logFile = await db.logFile.findUniqueOrThrow({ where: { id: logFileId } });
  const path = resolveStoredPath(logFile.storedPath);
  const text = readFileSync(path, "utf8");
  // Same length and still a record: only the hash can tell.
  const changed = text.replace("session opened", "session openeD");
  assert.notEqual(changed, text);
  writeFileSync(path, changed);
  const failed = await runToTheEnd();
  assert.equal(failed.status, "failed");
  assert.equal(failed.error, "The stored copy of Linux_2k.log changed on the server since it was uploaded: upload it again.");
});
