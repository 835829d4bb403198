import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { appendFile, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, test } from "node:test";
import { createStream } from "@/lib/db/create-stream";
import { getStream } from "@/lib/db/get-stream";
import { closeStreamSources, startStreamSource, stopStreamSource } from "@/lib/live/stream-sources";
import { closeLiveStreams, stopLiveStream } from "@/lib/live/stream-registry";
import { useTempDatabase } from "../db/temp-database";
import { csvOf, linesOf, waitForStream } from "./live-test-helpers";
import { storeTrainedRun } from "./trained-run";

const tmp = useTempDatabase("logscope-kill-");
const children: ChildProcess[] = [];
after(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await closeStreamSources();
  await closeLiveStreams();
  await tmp.cleanup();
});

const LOG = resolve("logs/Linux_2k.log");
const FOLLOW = join(tmp.dir, "follow");
const CHILD = resolve(__dirname, "file-stream-child.ts");

/** Starts the child's stream sources; resolves once it printed `ready`. */
async function startChild(streamId: number): Promise<ChildProcess> {
  // tsx's loader in this node process, not tsx's command line: that would run the script in a
  // grandchild, which a SIGKILL of the child would leave running.
  const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
    env: { ...process.env, STREAM_ID: String(streamId) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((done, fail) => {
    let stdout = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes("\n")) done();
    });
    child.once("exit", (code) => fail(new Error(`the child exited ${code} before it was ready: ${stderr}`)));
  });
  return child;
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => (child.exitCode !== null || child.signalCode !== null ? done(child.exitCode) : child.once("exit", (code) => done(code))));
}

before(async () => {
  await mkdir(FOLLOW, { recursive: true });
  process.env.LOGSCOPE_STREAMS = "on";
  process.env.LOGSCOPE_STREAM_FILES_DIR = FOLLOW;
});

test("kill -9 of the process following a file, then a restart: the stored windows and lines are an uninterrupted stream's, none lost or twice", async (t) => {
  const { runId: modelRunId } = await storeTrainedRun(LOG, { year: 2005, epochs: 3 });
  const lines = linesOf(await readFile(LOG, "utf8"));
  const part = (from: number, to: number) => lines.slice(from, to).map((l) => `${l}\n`).join("");
  // An hour of lateness: wall time passing while the child is down must not make records late.
  const create = async (name: string) => {
    await writeFile(join(FOLLOW, name), "");
    return createStream({ name, source: "file", sourceConfig: { path: name }, modelRunId, ownerId: null, lateness: 3600, year: 2005 });
  };

  // The uninterrupted stream, in this process.
  const calm = await create("calm.log");
  await startStreamSource(calm.stream);
  for (let i = 0; i < 2000; i += 250) await appendFile(join(FOLLOW, "calm.log"), part(i, i + 250));
  await waitForStream(calm.stream.id, (s) => s.lines === 2000);
  await stopStreamSource(calm.stream.id);
  await stopLiveStream(calm.stream.id);
  const calmCsv = await csvOf(calm.run.id);
  assert.equal(calmCsv, await csvOf(modelRunId), "an uninterrupted file stream gives the trained run's windows");

  // Only the stream the child is to run stays live.
  const { stream, run } = await create("kill.log");
  const path = join(FOLLOW, "kill.log");
  const first = await startChild(stream.id);
  for (let i = 0; i < 800; i += 100) {
    await appendFile(path, part(i, i + 100));
    await sleep(20);
  }
  const storedLog = join(tmp.dir, "streams", `${stream.id}.log`);
  const before = (await waitForStream(stream.id, (s) => s.lines === 800)).bytes;
  // Small writes, and the kill as soon as the child has put new lines in its stored log: most often
  // between that append and the transaction that acknowledges it.
  const writing = (async () => {
    for (let i = 800; i < 1200; i += 10) await appendFile(path, part(i, i + 10));
  })();
  while ((await stat(storedLog)).size === before) await sleep(1);
  first.kill("SIGKILL");
  await exited(first);
  await writing;
  const atKill = (await getStream(stream.id))!;
  assert.ok(atKill.lines < 1200, `killed mid-stream: ${atKill.lines} of the 1200 lines written were stored`);
  t.diagnostic(`at the kill: ${atKill.lines} lines stored, ${(await stat(storedLog)).size - atKill.bytes} bytes in the stored log past the checkpoint`);

  // Lines written while nothing follows the file, then the restart.
  await appendFile(path, part(1200, 1500));
  const second = await startChild(stream.id);
  for (let i = 1500; i < 2000; i += 100) await appendFile(path, part(i, i + 100));
  await waitForStream(stream.id, (s) => s.lines === 2000);
  second.kill("SIGTERM");
  assert.equal(await exited(second), 0);

  const stopped = (await getStream(stream.id))!;
  assert.equal(stopped.state, "stopped");
  assert.equal(stopped.lines, 2000);
  assert.equal(stopped.lateRecords, 0);
  assert.equal(stopped.lastProblem, null);
  assert.equal(await readFile(join(tmp.dir, "streams", `${stream.id}.log`), "utf8"), await readFile(path, "utf8"), "the stored log is the file, byte for byte");
  assert.equal(await csvOf(run.id), calmCsv);
});
