import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { UserInputError } from "@/lib/domain/user-input-error";
import type { DetectorModels } from "@/lib/pipeline/detector-models";
import { checkDetectParams } from "@/lib/pipeline/params";
import { runDetection } from "@/lib/pipeline/run-detection";
import type { WindowResults } from "@/lib/pipeline/types";
import { resultRows } from "@/lib/pipeline/watch-rows";
import { checkStreamableModel, WatchWindows } from "@/lib/pipeline/watch-windows";

const LOG = resolve("logs/Linux_2k.log");

/** Feeds `bytes` in chunks of `size`; answers the rows of every window written, in order, and the watcher. */
function watchInChunks(models: DetectorModels, bytes: Uint8Array, size: number, lateness?: number) {
  const watch = new WatchWindows(models, { name: "test.log", year: 2005, lateness });
  let rows = "";
  const add = (results: WindowResults | null) => {
    if (results !== null) rows += resultRows(results);
  };
  for (let at = 0; at < bytes.length; at += size) add(watch.push(bytes.subarray(at, at + size)));
  add(watch.end().results);
  return { rows, watch };
}

describe("WatchWindows", () => {
  let dir = "";
  let models: DetectorModels;
  let predicted = "";

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "logscope-watch-windows-"));
    const check = checkDetectParams({ profile: "seed", year: 2005, epochs: 3 });
    assert.ok(check.params, JSON.stringify(check.errors));
    const run = await runDetection({ logPath: LOG, params: check.params, modelsDir: dir });
    models = run.models;
    // A saved model scores its training windows as training did: these are predict's rows too.
    predicted = resultRows(run.results);
  });

  after(async () => {
    models.autoencoder.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  test("the rows do not depend on how the bytes are cut into chunks: one chunk, 4 KiB, or 7 bytes (lines split anywhere)", async () => {
    const bytes = await readFile(LOG);
    for (const size of [bytes.length, 4096, 7]) {
      const { rows, watch } = watchInChunks(models, bytes, size);
      assert.equal(rows, predicted, `chunks of ${size} bytes`);
      assert.equal(watch.late, 0);
      assert.equal(watch.windowsScored, 235);
    }
  });

  test("a window closes only once a record is past its end plus the lateness, and with lateness 0 a record one second behind is late", () => {
    const line = (time: string) => `Jun 14 ${time} host sshd[1]: m\n`;
    const watch = new WatchWindows(models, { name: "t.log", year: 2005, lateness: 0 });
    const starts = (results: WindowResults | null) => results?.windows.map((w) => new Date(w.start * 1000).toISOString().slice(11, 19)) ?? [];
    assert.deepEqual(starts(watch.push(Buffer.from(line("10:00:30")))), []);
    // Exactly at the end (10:01:00) is not past it: the 10:00 window stays open.
    assert.deepEqual(starts(watch.push(Buffer.from(line("10:01:00")))), []);
    assert.deepEqual(starts(watch.push(Buffer.from(line("10:00:59")))), []);
    assert.deepEqual(starts(watch.push(Buffer.from(line("10:01:01")))), ["10:00:00"]);
    assert.deepEqual(starts(watch.push(Buffer.from(line("10:00:59")))), []);
    assert.equal(watch.late, 1);
    const { results, summary } = watch.end();
    assert.deepEqual(starts(results), ["10:01:00"]);
    assert.equal(summary.parsedLines, 5);
  });

  test("a model with extended features is refused in one sentence: rarity counts templates over the whole log", () => {
    const extended = { meta: { features: "extended", params: { combine: "vote" } } } as unknown as DetectorModels;
    assert.throws(() => checkStreamableModel(extended, "models/run-1"), (error: unknown) => {
      assert.ok(error instanceof UserInputError);
      assert.match(error.message, /^The model in models\/run-1 uses extended features, .* train a model with --profile seed to watch a log\.$/);
      return true;
    });
    assert.doesNotThrow(() => checkStreamableModel(models, "models/run-2"));
  });

  test("a model that flags by the combined score is refused in one sentence: its feature tails read the windows after each one", () => {
    const tails = { options: { span: 5 }, calibrations: [] };
    const byScore = { meta: { features: "seed", params: { combine: "score" }, scoreEnsemble: { tails } } } as unknown as DetectorModels;
    assert.throws(() => checkStreamableModel(byScore, "models/run-3"), {
      name: "UserInputError",
      message: /^The model in models\/run-3 flags windows by the combined score, .* train a model with --profile seed to watch a log\.$/,
    });
    // A vote run shows that score but does not flag by it: it streams.
    const byVote = { meta: { features: "seed", params: { combine: "vote" }, scoreEnsemble: { tails } } } as unknown as DetectorModels;
    assert.doesNotThrow(() => checkStreamableModel(byVote, "models/run-4"));
  });
});
