import { after, test } from "node:test";
import assert from "node:assert/strict";
import { startRun } from "@/app/actions/start-run";
import { closeDb } from "@/lib/db/client";
import { forgetEnsuredDatabase } from "@/lib/db/ensure-database";
import { IDLE_ACTION } from "@/lib/domain/action-state";
import { startJobRunner, stopJobRunner } from "@/lib/jobs/runner/job-runner";
import { relabelRun } from "@/lib/server/runs/relabel-run";
import { streamResultsCsv } from "@/lib/server/runs/results-csv";
import { postgresUnavailable, tempPostgresDatabase } from "../db/temp-database";
import { runForm, storeLinuxLog, useJobsEnvironment, waitForRunToFinish } from "./job-test-env";

// Issue #15: the same run gives the same results on either store. One log is run through the
// dashboard's path (upload, startRun, the job runner's worker, stored windows) on SQLite and then
// on PostgreSQL, and the exported CSVs, as trained and relabelled, must be the same bytes.
const env = useJobsEnvironment("logscope-store-parity-");
const postgres = postgresUnavailable ? undefined : tempPostgresDatabase();
after(async () => {
  await env.cleanup();
  await postgres?.drop();
});

const FIELDS = { year: 2005, epochs: 3 };
const RELABEL = { contamination: 0.1, eps: 0.7, votes: 1 };

/** Trains Linux_2k.log on the store DATABASE_URL names; its CSVs as trained and relabelled. */
async function runOnCurrentStore(): Promise<{ trained: string; relabelled: string }> {
  const logFileId = await storeLinuxLog();
  await startJobRunner({ pollMs: 100 }).ready;
  const state = await startRun(IDLE_ACTION, runForm({ logFileId, ...FIELDS }));
  assert.ok(state.status === "ok" && state.runId !== undefined, JSON.stringify(state));
  const view = await waitForRunToFinish(state.runId, 120_000);
  assert.equal(view.status, "succeeded", view.error ?? "");
  const trained = await new Response(await streamResultsCsv(state.runId)).text();
  await relabelRun(state.runId, RELABEL);
  const relabelled = await new Response(await streamResultsCsv(state.runId, RELABEL)).text();
  await stopJobRunner();
  return { trained, relabelled };
}

test("one log run on SQLite and on PostgreSQL exports byte-identical CSVs, as trained and relabelled", { skip: postgresUnavailable }, async () => {
  assert.match(process.env.DATABASE_URL ?? "", /^(file:|postgres)/);
  // The first store is the one this file was given (SQLite under test:unit); the second the other.
  const first = await runOnCurrentStore();
  await closeDb();
  forgetEnsuredDatabase();
  const firstUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = firstUrl?.startsWith("file:") ? postgres?.url : `file:${env.dir}/parity.db`;
  // Run ids start again at 1 in the second database: its models get a folder of their own.
  process.env.MODELS_DIR = `${env.modelsDir}-second`;
  const second = await runOnCurrentStore();
  assert.ok(first.trained.split("\n").length > 100, "the run has windows");
  assert.notEqual(first.relabelled, first.trained, "the relabelling changed labels");
  assert.equal(second.trained, first.trained);
  assert.equal(second.relabelled, first.relabelled);
});
