import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createLogFile } from "@/lib/db/create-log-file";
import { createRun } from "@/lib/db/create-run";
import { deletePreset } from "@/lib/db/delete-preset";
import { DatabaseError } from "@/lib/db/errors";
import { listPresets } from "@/lib/db/list-presets";
import { savePreset } from "@/lib/db/save-preset";
import { PARAMS, sha } from "./fixtures";
import { useTempDatabase } from "./temp-database";

const tmp = useTempDatabase();
after(tmp.cleanup);

const SETTINGS = { contamination: 0.1, aePercentile: 90, eps: 0.7, minSamples: 4, votes: 2 };
let runA = 0;
let runB = 0;

before(async () => {
  const { logFile } = await createLogFile({ originalName: "a.log", sha256: sha(5), size: 1, lines: 1, unparsedLines: 0 });
  runA = (await createRun({ logFileId: logFile.id, params: PARAMS })).id;
  runB = (await createRun({ logFileId: logFile.id, params: PARAMS })).id;
});

test("a preset keeps its thresholds under its name", async () => {
  const preset = await savePreset({ runId: runA, name: "  quiet  ", ...SETTINGS });
  assert.equal(preset.name, "quiet");
  assert.deepEqual((await listPresets(runA)).map(({ id: _id, createdAt: _c, ...rest }) => rest), [{ runId: runA, name: "quiet", ...SETTINGS }]);
});

test("a second preset with the same name on the same run is refused with a safe message", async () => {
  await assert.rejects(savePreset({ runId: runA, name: "quiet", ...SETTINGS, votes: 3 }), (e: unknown) => {
    assert.ok(e instanceof DatabaseError);
    assert.equal(e.code, "conflict");
    assert.equal(e.message, 'This run already has a preset named "quiet".');
    return true;
  });
  assert.equal((await listPresets(runA))[0]?.votes, 2);
});

test("the same name is free on another run, and overwrite replaces a preset in place", async () => {
  await savePreset({ runId: runB, name: "quiet", ...SETTINGS });
  const first = (await listPresets(runA))[0];
  const replaced = await savePreset({ runId: runA, name: "quiet", ...SETTINGS, votes: 3, overwrite: true });
  assert.equal(replaced.id, first?.id);
  assert.equal(replaced.votes, 3);
  assert.equal((await listPresets(runA)).length, 1);
  assert.equal((await listPresets(runB))[0]?.votes, 2);
});

test("presets need a run and a name, and can be deleted", async () => {
  await assert.rejects(savePreset({ runId: 999, name: "x", ...SETTINGS }), (e: unknown) => e instanceof DatabaseError && e.code === "invalid");
  await assert.rejects(savePreset({ runId: runA, name: "   ", ...SETTINGS }), (e: unknown) => e instanceof DatabaseError && e.code === "invalid");
  const preset = await savePreset({ runId: runA, name: "temp", ...SETTINGS });
  assert.equal(await deletePreset(preset.id), true);
  assert.equal(await deletePreset(preset.id), false);
});
