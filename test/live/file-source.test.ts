import assert from "node:assert/strict";
import { appendFile, mkdir, readFile, rename, rm, symlink, truncate, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, test } from "node:test";
import { createStream } from "@/lib/db/create-stream";
import { getStream } from "@/lib/db/get-stream";
import { checkStreamSource, closeStreamSources, resumeLiveSources, startStreamSource, stopStreamSource } from "@/lib/live/stream-sources";
import { closeLiveStreams, stopLiveStream } from "@/lib/live/stream-registry";
import { useTempDatabase } from "../db/temp-database";
import { csvOf, linesOf, waitForStream } from "./live-test-helpers";
import { storeTrainedRun } from "./trained-run";

const tmp = useTempDatabase("logscope-file-source-");
after(async () => {
  await closeStreamSources();
  await closeLiveStreams();
  await tmp.cleanup();
});

const LOG = resolve("logs/Linux_2k.log");
const FOLLOW = join(tmp.dir, "follow");

/** Lines `from` to `to` of the log, each with its line break. */
let lines: string[] = [];
const part = (from: number, to: number) => lines.slice(from, to).map((l) => `${l}\n`).join("");

describe("file source", () => {
  let modelRunId = 0;
  let trainedCsv = "";

  before(async () => {
    ({ runId: modelRunId } = await storeTrainedRun(LOG, { year: 2005, epochs: 3 }));
    trainedCsv = await csvOf(modelRunId);
    lines = linesOf(await readFile(LOG, "utf8"));
    await mkdir(FOLLOW, { recursive: true });
    process.env.LOGSCOPE_STREAMS = "on";
    process.env.LOGSCOPE_STREAM_FILES_DIR = FOLLOW;
  });

  const fileStream = async (name: string) => {
    await writeFile(join(FOLLOW, name), "");
    return createStream({ name, source: "file", sourceConfig: { path: name }, modelRunId, ownerId: null, lateness: 60, year: 2005 });
  };

  test("a new stream reads from the file's end; across a rotation and a truncation it takes every line once: the trained run's windows", async () => {
    const path = join(FOLLOW, "app.log");
    const { stream, run } = await fileStream("app.log");
    await appendFile(path, "Jun 14 15:00:00 old line[1]: written before the stream\n");
    await startStreamSource(stream);
    await appendFile(path, part(0, 700));
    await waitForStream(stream.id, (s) => s.lines === 700);
    // logrotate's default: the file renamed, a new one created.
    await rename(path, `${path}.1`);
    await writeFile(path, part(700, 1400));
    await waitForStream(stream.id, (s) => s.lines === 1400);
    // copytruncate: the same file cut to 0, then written again (after the follower saw it shrink).
    await truncate(path, 0);
    await sleep(600);
    await appendFile(path, part(1400, 2000));
    await waitForStream(stream.id, (s) => s.lines === 2000);
    await stopStreamSource(stream.id);
    await stopLiveStream(stream.id);
    assert.equal(await csvOf(run.id), trainedCsv);
    const stored = await getStream(stream.id);
    assert.equal(stored?.lines, 2000);
    assert.equal(stored?.lastProblem, null);
  });

  test("a restarted source resumes at its stored offset, and says so when the file was rotated or truncated meanwhile", async () => {
    const path = join(FOLLOW, "resume.log");
    const { stream } = await fileStream("resume.log");
    await startStreamSource(stream);
    await appendFile(path, part(0, 100) + "Jun 14 15:16:01 combo half a line");
    await waitForStream(stream.id, (s) => s.lines === 100);
    // The process stops (the stream stays live); lines come while nothing follows the file.
    await closeStreamSources();
    await closeLiveStreams();
    await appendFile(path, ` finished[1]: later\n${part(100, 200)}`);
    await startStreamSource((await getStream(stream.id))!);
    const resumed = await waitForStream(stream.id, (s) => s.lines === 201);
    assert.equal(resumed.lastProblem, null);
    const stored = await readFile(join(tmp.dir, "streams", `${stream.id}.log`), "utf8");
    assert.equal(stored, await readFile(path, "utf8"), "the stored log is the file: no line lost, none twice");

    await closeStreamSources();
    await rename(path, `${path}.1`);
    await writeFile(path, part(200, 250));
    await startStreamSource((await getStream(stream.id))!);
    const rotated = await waitForStream(stream.id, (s) => s.lines === 251 && s.lastProblem !== null);
    assert.match(rotated.lastProblem ?? "", /resume\.log was replaced \(rotated\) while the stream was not running: what the old file got after byte \d+ was not read/);

    await closeStreamSources();
    await writeFile(path, part(250, 260));
    await startStreamSource((await getStream(stream.id))!);
    const cut = await waitForStream(stream.id, (s) => s.lines === 261 && /truncated/.test(s.lastProblem ?? ""));
    assert.match(cut.lastProblem ?? "", /was truncated while the stream was not running .*: it is read again from its start\./);
    await stopStreamSource(stream.id);
    await stopLiveStream(stream.id);
  });

  test("a file outside LOGSCOPE_STREAM_FILES_DIR, through a symbolic link too, or a missing one is refused in one sentence", async () => {
    const start = (path: string) =>
      createStream({ name: path, source: "file", sourceConfig: { path }, modelRunId, ownerId: null, lateness: 1 }).then(({ stream }) => startStreamSource(stream));
    await assert.rejects(start("../test.db"), /^UserInputError: "\.\.\/test\.db" is not under LOGSCOPE_STREAM_FILES_DIR \(/);
    await assert.rejects(start(LOG), /is not under LOGSCOPE_STREAM_FILES_DIR/);
    await symlink(LOG, join(FOLLOW, "escape.log"));
    await assert.rejects(start("escape.log"), /"escape\.log" is not under LOGSCOPE_STREAM_FILES_DIR/);
    await assert.rejects(start("missing.log"), /^UserInputError: No file at .*missing\.log/);
    await assert.rejects(checkStreamSource("file", { path: "../test.db" }), /is not under LOGSCOPE_STREAM_FILES_DIR/);
    await checkStreamSource("file", { path: "app.log" });
    delete process.env.LOGSCOPE_STREAM_FILES_DIR;
    try {
      await assert.rejects(start("app.log"), /File streams are off: set LOGSCOPE_STREAM_FILES_DIR/);
    } finally {
      process.env.LOGSCOPE_STREAM_FILES_DIR = FOLLOW;
    }
  });

  test("at server start every live file stream's source starts again; one that cannot gets the sentence in lastProblem", async () => {
    const { stream: gone } = await fileStream("gone.log");
    const { stream: kept } = await fileStream("kept.log");
    await rm(join(FOLLOW, "gone.log"));
    const { started, failed } = await resumeLiveSources();
    assert.ok(started.includes(kept.id));
    assert.ok(failed.includes(gone.id));
    assert.match((await getStream(gone.id))?.lastProblem ?? "", /^No file at .*gone\.log/);
    await appendFile(join(FOLLOW, "kept.log"), part(0, 10));
    await waitForStream(kept.id, (s) => s.lines === 10);
    process.env.LOGSCOPE_STREAMS = "off";
    try {
      assert.deepEqual(await resumeLiveSources(), { started: [], failed: [] }, "streams off: nothing starts");
    } finally {
      process.env.LOGSCOPE_STREAMS = "on";
    }
    await stopStreamSource(kept.id);
  });
});
