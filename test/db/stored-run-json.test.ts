import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createJob } from "@/lib/db/create-job";
import { createLogFile } from "@/lib/db/create-log-file";
import { createRun } from "@/lib/db/create-run";
import { deleteRun } from "@/lib/db/delete-run";
import { getJob } from "@/lib/db/get-job";
import { getRun } from "@/lib/db/get-run";
import { getRunScores } from "@/lib/db/get-run-scores";
import { insertWindows } from "@/lib/db/insert-windows";
import { listJobs } from "@/lib/db/list-jobs";
import { listRuns } from "@/lib/db/list-runs";
import { updateJob } from "@/lib/db/update-job";
import { updateRun } from "@/lib/db/update-run";
import { updateWindowLabels } from "@/lib/db/update-window-labels";
import type { JobStatus, LabelSettings, RunStatus, ThresholdChoices } from "@/lib/domain/types";
import { toSafeError } from "@/lib/server/http/service-error";
import { makeWindows, PARAMS, sha } from "./fixtures";
import { writeSql } from "@/lib/db/raw-connection";
import { run } from "@/lib/db/sql/sql-step";
import { useTempDatabase } from "./temp-database";

const tmp = useTempDatabase();
after(tmp.cleanup);

let logFileId = 0;

const CHOICES: ThresholdChoices = {
  contamination: { value: 0.031, mode: "auto", reason: "Contamination 0.031 from the score gap." },
  aePercentile: { value: 97, mode: "labels", reason: "Percentile 97 gives the best F1." },
  eps: { value: 0.42, mode: "given", reason: "eps as given." },
};
const SETTINGS: LabelSettings = { contamination: 0.02, aePercentile: 99, eps: 0.7, minSamples: 4, votes: 1 };
const STAGES = { parse: 1.25, autoencoder: 8.5 };

/** A succeeded run with windows and every JSON column filled in through the store's own writes. */
async function storedRun(): Promise<number> {
  const id = (await createRun({ logFileId, params: PARAMS })).id;
  await insertWindows(makeWindows(id, 5));
  await updateRun(id, { status: "succeeded", stageSeconds: STAGES, thresholdChoices: CHOICES, truth: { source: "labels.csv: 2 windows", windows: [4, 1] } });
  const zeros = new Uint8Array(5);
  await updateWindowLabels({
    runId: id,
    labels: { isolationForest: zeros, dbscan: zeros, autoencoder: zeros, ensemble: zeros },
    thresholds: { ...SETTINGS, isolationForest: 0.6, autoencoder: 0.3 },
  });
  return id;
}

async function corrupt(table: "Run" | "Job", id: number, column: string, value: string | null): Promise<void> {
  await writeSql(() => run(`UPDATE "${table}" SET "${column}" = ? WHERE "id" = ?`, [value, id]));
}

const damagedRun = (id: number, column: string) => ({
  name: "DatabaseError",
  code: "corrupt",
  message: `Stored data is damaged (table Run, row ${id}, column ${column}); delete run ${id} and start it again.`,
});

before(async () => {
  logFileId = (await createLogFile({ originalName: "a.log", sha256: sha(31), size: 10, lines: 10, unparsedLines: 0 })).logFile.id;
});

test("a run's JSON columns read back exactly as they were written", async () => {
  const run = await getRun(await storedRun());
  assert.ok(run);
  assert.equal(run.status, "succeeded");
  assert.deepEqual(run.stageSeconds, STAGES);
  assert.deepEqual(run.thresholdChoices, CHOICES);
  assert.deepEqual(run.labelSettings, SETTINGS);
  assert.deepEqual(run.truth, { source: "labels.csv: 2 windows", windows: [1, 4] });
  assert.deepEqual(run.params.features, "seed");
  assert.deepEqual((await getRunScores(run.id))?.dbscan?.eps, SETTINGS.eps);
});

test("columns a run has not recorded yet read as null, and stage times as none", async () => {
  const run = await getRun((await createRun({ logFileId, params: PARAMS })).id);
  assert.ok(run);
  assert.deepEqual(run.stageSeconds, {});
  assert.equal(run.thresholdChoices, null);
  assert.equal(run.labelSettings, null);
  assert.equal(run.truth, null);
  assert.equal(run.counts, null);
});

const DAMAGE: [column: string, what: string, value: string][] = [
  ["stageSeconds", "text that is not JSON", "{not json"],
  ["stageSeconds", "a stage time that is not a number", '{"parse":"slow"}'],
  ["thresholdChoices", "only one of its three choices", '{"contamination":{"value":0.1,"mode":"auto","reason":"x"}}'],
  ["thresholdChoices", "an unknown mode", '{"contamination":{"value":0.1,"mode":"guessed","reason":"x"},"aePercentile":{"value":95,"mode":"auto","reason":"x"},"eps":{"value":1,"mode":"auto","reason":"x"}}'],
  ["labelSettings", "settings without votes", '{"contamination":0.1,"aePercentile":95,"eps":0.5,"minSamples":5}'],
  ["labelSettings", "an array", "[]"],
  ["truthWindows", "a negative window index", "[1,-2]"],
  ["truthWindows", "a string", '"1,2"'],
  ["status", "an unknown status", "paused"],
  ["features", "an unknown feature set", "rich"],
  ["formatOptions", "an option that does not exist", '{"tz":"UTC","colour":"red"}'],
  ["formatOptions", "a mask without its pattern", '{"masks":[{"name":"IP"}]}'],
];

for (const [column, what, value] of DAMAGE) {
  test(`a run whose ${column} holds ${what} is an error naming the run and the column, not a null`, async () => {
    const id = await storedRun();
    await corrupt("Run", id, column, value);
    await assert.rejects(getRun(id), damagedRun(id, column));
    await assert.rejects(listRuns({ pageSize: 100 }), damagedRun(id, column));
    // The way out the sentence names works without reading the damaged column.
    assert.equal((await deleteRun(id))?.logFileId, logFileId);
  });
}

test("the raw score reader refuses damaged label settings and feature sets too", async () => {
  const id = await storedRun();
  await corrupt("Run", id, "labelSettings", "{oops");
  await assert.rejects(getRunScores(id), damagedRun(id, "labelSettings"));
  await corrupt("Run", id, "labelSettings", null);
  await corrupt("Run", id, "features", "Extended");
  await assert.rejects(getRunScores(id), damagedRun(id, "features"));
  await deleteRun(id);
});

test("ground truth with a source but no windows is damage, not missing truth", async () => {
  const id = await storedRun();
  await corrupt("Run", id, "truthWindows", null);
  await assert.rejects(getRun(id), damagedRun(id, "truthWindows"));
  await deleteRun(id);
});

test("a job's payload and status read back as written; damage names the job and what to delete", async () => {
  const runId = await storedRun();
  const withRun = await createJob({ kind: "detect", runId, payload: { files: ["a.log"], retry: 2, dry: false, note: null } });
  const alone = await createJob({ kind: "detect" });
  assert.deepEqual((await getJob(withRun.id))?.payload, { files: ["a.log"], retry: 2, dry: false, note: null });
  assert.equal((await getJob(alone.id))?.payload, null);

  await corrupt("Job", withRun.id, "payload", '{"files":');
  await assert.rejects(getJob(withRun.id), {
    code: "corrupt",
    message: `Stored data is damaged (table Job, row ${withRun.id}, column payload); delete run ${runId} and start it again.`,
  });
  await corrupt("Job", alone.id, "status", "done");
  const aloneDamage = { code: "corrupt", message: `Stored data is damaged (table Job, row ${alone.id}, column status); delete job ${alone.id} from the database.` };
  await assert.rejects(getJob(alone.id), aloneDamage);
  await assert.rejects(listJobs(), aloneDamage);
  await corrupt("Job", alone.id, "status", "queued");
  await deleteRun(runId);
});

test("values that would not read back the same are refused on the way in", async () => {
  const id = (await createRun({ logFileId, params: PARAMS })).id;
  const refused = { name: "DatabaseError", code: "invalid" };
  await assert.rejects(updateRun(id, { stageSeconds: { parse: Number.NaN } }), refused);
  await assert.rejects(updateRun(id, { truth: { source: "x", windows: [1.5] } }), refused);
  await assert.rejects(updateRun(id, { status: "paused" as RunStatus }), refused);
  await assert.rejects(createRun({ logFileId, params: PARAMS, status: "done" as RunStatus }), refused);
  await assert.rejects(createJob({ kind: "detect", payload: { at: new Date(0) } }), refused);
  await assert.rejects(createJob({ kind: "detect", payload: { skipped: undefined } }), refused);
  const job = await createJob({ kind: "detect" });
  await assert.rejects(updateJob(job.id, { status: "paused" as JobStatus }), refused);
  assert.equal((await getRun(id))?.status, "queued", "nothing was written");
  await deleteRun(id);
});

test("the server shows a damaged row's sentence with a 500, never the stored text", async () => {
  const id = await storedRun();
  await corrupt("Run", id, "thresholdChoices", '{"secret":"<script>"}');
  const error = await getRun(id).then(
    () => assert.fail("a damaged run must not read"),
    (e: unknown) => e,
  );
  const quiet = console.error;
  console.error = () => undefined;
  try {
    const safe = toSafeError(error);
    assert.equal(safe.status, 500);
    assert.equal(safe.message, damagedRun(id, "thresholdChoices").message);
    assert.doesNotMatch(safe.message, /secret|script/);
  } finally {
    console.error = quiet;
  }
  await deleteRun(id);
});
