import assert from "node:assert/strict";
import { appendFile, readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { createStream } from "@/lib/db/create-stream";
import { getRun } from "@/lib/db/get-run";
import { getStream } from "@/lib/db/get-stream";
import { LiveStream } from "@/lib/live/live-stream";
import { streamResultsCsv } from "@/lib/server/runs/results-csv";
import { useTempDatabase } from "../db/temp-database";
import { storeTrainedRun } from "./trained-run";

const tmp = useTempDatabase("logscope-live-");
after(tmp.cleanup);

const LOG = resolve("logs/Linux_2k.log");

async function csvOf(runId: number): Promise<string> {
  return new Response(await streamResultsCsv(runId)).text();
}

/** The log's lines in batches of `size` lines, each batch whole lines with their line breaks. */
function batches(text: string, size: number): Buffer[] {
  const lines = text.split(/(?<=\n)/);
  const out: Buffer[] = [];
  for (let i = 0; i < lines.length; i += size) out.push(Buffer.from(lines.slice(i, i + size).join("")));
  return out;
}

describe("LiveStream", () => {
  let modelRunId = 0;
  let trainedCsv = "";
  let text = "";

  before(async () => {
    // Lateness of an hour: Linux_2k jumps days between records, and no window may close before its records came.
    ({ runId: modelRunId } = await storeTrainedRun(LOG, { year: 2005, epochs: 3 }));
    trainedCsv = await csvOf(modelRunId);
    text = await readFile(LOG, "utf8");
  });

  test("a log sent in batches gives, once the stream stops, the trained run's CSV byte for byte and its lines' ranges", async () => {
    const { stream, run } = await createStream({ name: "linux", source: "http", sourceConfig: null, modelRunId, ownerId: null, lateness: 60, year: 2005 });
    const live = await LiveStream.open(stream.id);
    let seq = 0;
    for (const batch of batches(text, 97)) await live.append(batch, { seq: ++seq });
    await live.stop();
    assert.equal(await csvOf(run.id), trainedCsv);
    const stored = await getStream(stream.id);
    assert.equal(stored?.state, "stopped");
    assert.equal(stored?.lastSeq, seq);
    assert.equal(stored?.lines, 2000);
    assert.equal(stored?.lateRecords, 0);
    const finished = await getRun(run.id);
    assert.equal(finished?.status, "succeeded");
    // The log's last line has no line break: the stream stores it with one.
    const size = Buffer.byteLength(text) + (text.endsWith("\n") ? 0 : 1);
    assert.equal(finished?.logFile.size, size);
    assert.equal((await stat(join(tmp.dir, "streams", `${stream.id}.log`))).size, size);
  });

  test("a process that dies mid-stream (unacknowledged bytes in the log, windows open) resumes from its checkpoint: nothing lost, nothing twice", async () => {
    const { stream, run } = await createStream({ name: "crash", source: "http", sourceConfig: null, modelRunId, ownerId: null, lateness: 60, year: 2005 });
    const all = batches(text, 50);
    const first = await LiveStream.open(stream.id);
    let seq = 0;
    for (const batch of all.slice(0, 23)) await first.append(batch, { seq: ++seq });
    // The next batch reached the log but not the store (the process was killed between the two).
    await appendFile(join(tmp.dir, "streams", `${stream.id}.log`), all[23]!);
    await first.close();

    const second = await LiveStream.open(stream.id);
    assert.equal(second.lastSequence, 23);
    // The client resends from its last acknowledged number: an old one is skipped, the rest taken.
    const resent = await second.append(all[22]!, { seq: 23 });
    assert.equal(resent.duplicate, true);
    for (const batch of all.slice(23)) await second.append(batch, { seq: ++seq });
    await second.stop();
    assert.equal(await csvOf(run.id), trainedCsv);
    assert.equal((await getStream(stream.id))?.lines, 2000);
  });

  test("late records are counted, stored with the checkpoint and never merged into a written window", async () => {
    const { stream } = await createStream({ name: "late", source: "http", sourceConfig: null, modelRunId, ownerId: null, lateness: 0, year: 2005 });
    const live = await LiveStream.open(stream.id);
    const line = (time: string) => `Jun 14 ${time} host sshd[1]: m\n`;
    await live.append(Buffer.from(line("10:00:00") + line("10:01:30")));
    const late = await live.append(Buffer.from(line("10:00:10")));
    assert.equal(late.late, 1);
    await live.close();
    assert.equal((await getStream(stream.id))?.lateRecords, 1);
    const again = await LiveStream.open(stream.id);
    await again.stop();
    assert.equal((await getStream(stream.id))?.lateRecords, 1, "the replay did not count it again");
  });

  test("while no line comes, wall time closes a window once its end plus the lateness has passed", async () => {
    const { stream, run } = await createStream({ name: "idle", source: "http", sourceConfig: null, modelRunId, ownerId: null, lateness: 1 });
    const live = await LiveStream.open(stream.id);
    await live.append(Buffer.from("Jun 14 10:00:05 host sshd[1]: m\n"));
    const t = Date.now();
    assert.equal(await live.tick(t + 1_000), 0, "10:00:06 closes nothing");
    assert.equal(await live.tick(t + 56_500), 1, "10:01:01.5 is past the window's end plus one second");
    assert.equal((await getRun(run.id))?.windowCount, 1);
    await live.close();
  });
});
