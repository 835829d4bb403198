import { after, test } from "node:test";
import assert from "node:assert/strict";
import { createJob } from "@/lib/db/create-job";
import { createLogFile } from "@/lib/db/create-log-file";
import { createRun } from "@/lib/db/create-run";
import { readSql } from "@/lib/db/raw-connection";
import { one } from "@/lib/db/sql/sql-step";
import { deleteRun } from "@/lib/db/delete-run";
import { getRun } from "@/lib/db/get-run";
import { insertWindows } from "@/lib/db/insert-windows";
import { listJobs } from "@/lib/db/list-jobs";
import { listPresets } from "@/lib/db/list-presets";
import { listWindows } from "@/lib/db/list-windows";
import { savePreset } from "@/lib/db/save-preset";
import { updateRun } from "@/lib/db/update-run";
import { makeWindows, PARAMS, sha } from "./fixtures";
import { useTempDatabase } from "./temp-database";

const tmp = useTempDatabase();
after(tmp.cleanup);

const SETTINGS = { contamination: 0.1, aePercentile: 90, eps: 0.7, minSamples: 4, votes: 2 };

async function seedRun(logFileId: number, modelDir: string) {
  const run = await createRun({ logFileId, params: PARAMS });
  await insertWindows(makeWindows(run.id, 30));
  await savePreset({ runId: run.id, name: "strict", ...SETTINGS });
  await createJob({ kind: "detect", runId: run.id });
  await updateRun(run.id, { modelDir });
  return run.id;
}

test("deleting a run removes its windows, presets and jobs, leaves other runs whole, and hands back the model dir", async () => {
  const { logFile } = await createLogFile({ originalName: "a.log", sha256: sha(3), size: 1, lines: 1, unparsedLines: 0 });
  const doomed = await seedRun(logFile.id, "/models/doomed");
  const kept = await seedRun(logFile.id, "/models/kept");

  assert.deepEqual(await deleteRun(doomed), { modelDir: "/models/doomed", modelStillUsed: false, logFileId: logFile.id, logFileStillUsed: true, storedPath: logFile.storedPath });

  assert.equal(await getRun(doomed), null);
  assert.equal((await listWindows({ runId: doomed })).total, 0);
  assert.deepEqual(await listPresets(doomed), []);
  assert.deepEqual(await listJobs({ runId: doomed }), []);
  // Nothing orphaned behind Prisma's back either.
  const orphans = await readSql(() =>
    one<{ n: number }>(
      `SELECT (SELECT COUNT(*) FROM "Window" WHERE "runId" = ?) + (SELECT COUNT(*) FROM "Job" WHERE "runId" = ?) + (SELECT COUNT(*) FROM "ThresholdPreset" WHERE "runId" = ?) AS n`,
      [doomed, doomed, doomed],
    ),
  );
  assert.equal(orphans?.n, 0);

  assert.equal((await getRun(kept))?.modelDir, "/models/kept");
  assert.equal((await listWindows({ runId: kept })).total, 30);
  assert.equal((await listPresets(kept)).length, 1);
  assert.equal((await listJobs({ runId: kept })).length, 1);

  assert.deepEqual(await deleteRun(kept), { modelDir: "/models/kept", modelStillUsed: false, logFileId: logFile.id, logFileStillUsed: false, storedPath: logFile.storedPath });
});

test("deleting a run that does not exist returns null", async () => {
  assert.equal(await deleteRun(424_242), null);
});
