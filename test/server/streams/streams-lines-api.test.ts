import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { createStream as createStoredStream } from "@/lib/db/create-stream";
import { getStream as storedStream } from "@/lib/db/get-stream";
import { PROBE_LINES } from "@/lib/server/streams/probe-stream-format";
import { bodyOf, createStream, getStream, logLine, logLines, refusal, sendLines, stopStream, useStreamsApi } from "./streams-test-env";

const tmp = useStreamsApi("logscope-streams-lines-");
const model = tmp.modelRunId;

async function newHttpStream(name = "web"): Promise<{ id: number; runId: number }> {
  const response = await createStream({ name, modelRunId: model(), source: "http", year: 2005, lateness: 60 });
  const body = await bodyOf(response);
  assert.equal(response.status, 201, JSON.stringify(body));
  const stream = body.stream as { id: number };
  return { id: stream.id, runId: body.runId as number };
}

describe("POST /api/streams/:id/lines", () => {
  test("takes text lines and answers with what they did, once stored; GET /api/streams/:id shows the counts", async () => {
    const { id } = await newHttpStream();
    const response = await sendLines(id, logLines(0, 100));
    const body = await bodyOf(response);
    assert.equal(response.status, 200, JSON.stringify(body));
    assert.deepEqual(Object.keys(body).sort(), ["anomalies", "duplicate", "lastSeq", "late", "lines", "records", "unparsed", "windowsClosed"]);
    assert.equal(body.lines, 100);
    assert.equal(body.records, 100);
    assert.equal(body.duplicate, false);
    assert.ok((body.windowsClosed as number) > 0, "Linux_2k's first 100 lines span more than a window plus the lateness");
    const view = await bodyOf(await getStream(id));
    assert.equal(view.lines, 100);
    assert.equal(view.windows, body.windowsClosed);
    assert.equal(view.lastSeq, null);
    assert.equal(readFileSync(join(tmp.dir, "streams", `${id}.log`), "utf8"), logLines(0, 100));
  });

  test("sequence numbers: the next is taken, a resend is answered duplicate without storing, a gap is 409 naming the expected number", async () => {
    const { id } = await newHttpStream("seq");
    await refusal(await sendLines(id, logLines(0, 10), { seq: 2 }), 409, new RegExp(`^Batch 2 skips ahead: stream ${id} expects Logscope-Seq 1 next \\(no batch was acknowledged yet\\); send the batches in order\\.$`));
    for (const seq of ["0", "-1", "abc", "1.5"]) await refusal(await sendLines(id, logLines(0, 10), { seq }), 400, /^The Logscope-Seq header must be a whole number from 1/);
    const first = await bodyOf(await sendLines(id, logLines(0, 10), { seq: 1 }));
    assert.deepEqual([first.lines, first.lastSeq, first.duplicate], [10, 1, false]);
    const again = await sendLines(id, logLines(0, 10), { seq: 1 });
    assert.equal(again.status, 200);
    const resent = await bodyOf(again);
    assert.deepEqual([resent.lines, resent.lastSeq, resent.duplicate], [0, 1, true]);
    await refusal(await sendLines(id, logLines(10, 10), { seq: 3 }), 409, /^Batch 3 skips ahead: stream \d+ expects Logscope-Seq 2 next \(the last acknowledged was 1\)/);
    assert.equal((await bodyOf(await sendLines(id, logLines(10, 10), { seq: 2 }))).lastSeq, 2);
    const stored = await storedStream(id);
    assert.deepEqual([stored?.lines, stored?.lastSeq], [20, 2]);
    assert.equal((await bodyOf(await getStream(id))).lastSeq, 2);
  });

  test("NDJSON: a string is the raw line, an object its compact JSON text; anything else is 400 and nothing is stored", async () => {
    const { id } = await newHttpStream("ndjson");
    const ndjson = { headers: { "content-type": "application/x-ndjson" } };
    const body = [JSON.stringify(logLine(0)), "", JSON.stringify(logLine(1)), '{ "time": "x",  "msg": "a b" }'].join("\n");
    const answer = await bodyOf(await sendLines(id, body, ndjson));
    assert.deepEqual([answer.lines, answer.records, answer.unparsed], [3, 2, 1]);
    assert.equal(readFileSync(join(tmp.dir, "streams", `${id}.log`), "utf8"), `${logLine(0)}\n${logLine(1)}\n{"time":"x","msg":"a b"}\n`);
    await refusal(await sendLines(id, `${JSON.stringify(logLine(2))}\n[1,2]`, ndjson), 400, /^Line 2 of the NDJSON body is neither a string nor an object/);
    await refusal(await sendLines(id, `${JSON.stringify(logLine(2))}\n{nope`, ndjson), 400, /^Line 2 of the NDJSON body is not JSON/);
    await refusal(await sendLines(id, JSON.stringify("a\nb"), ndjson), 400, /is a string holding a line break/);
    await refusal(await sendLines(id, logLines(2, 1), { headers: { "content-type": "application/json" } }), 415, /text\/plain .* or application\/x-ndjson/);
    await refusal(await sendLines(id, ""), 400, /^The body holds no lines/);
    assert.equal((await storedStream(id))?.lines, 3);
  });

  test("a body over LOGSCOPE_STREAM_MAX_BODY_BYTES is 413, by its length or while it streams, and nothing is stored", async () => {
    const { id } = await newHttpStream("big");
    process.env.LOGSCOPE_STREAM_MAX_BODY_BYTES = "2KiB";
    const big = logLines(0, 40);
    assert.ok(Buffer.byteLength(big) > 2048);
    await refusal(await sendLines(id, big), 413, /^The body is larger than this server's limit of 2 KiB \(LOGSCOPE_STREAM_MAX_BODY_BYTES\): send the lines in smaller batches; nothing was stored\.$/);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode(logLines(i, 1)));
        controller.close();
      },
    });
    await refusal(await sendLines(id, chunked), 413, /larger than this server's limit of 2 KiB/);
    assert.equal((await storedStream(id))?.lines, 0);
    assert.equal((await sendLines(id, logLines(0, 5))).status, 200, "a batch under the limit still goes in");
  });

  test("a batch none of whose first lines is a record of the model's format is 422 naming the format, nothing stored, and the stream keeps running", async () => {
    const { id } = await newHttpStream("format");
    const json = Array.from({ length: 30 }, (_, i) => `{"ts":"2005-06-14T15:16:0${i % 10}Z","msg":"hello"}`).join("\n");
    const error = await refusal(await sendLines(id, `${json}\n`, { seq: 1 }), 422, new RegExp(`^None of the first ${PROBE_LINES} lines of this batch is a syslog record, the format stream ${id}'s model reads \\(BSD syslog`));
    assert.match(error, /the first line was "\{\\"ts\\":/);
    assert.equal((await storedStream(id))?.lines, 0);
    const good = await sendLines(id, `not syslog at all\n${logLines(0, 5)}`, { seq: 1 });
    assert.equal(good.status, 200, "one record among the first lines is enough; the stray line counts as unparsed");
    assert.deepEqual([(await storedStream(id))?.lines, (await storedStream(id))?.unparsedLines], [6, 1]);
  });

  test("a syslog or file stream takes no lines over HTTP (one sender per stream): 409, nothing stored", async () => {
    const { stream } = await createStoredStream({ name: "port", source: "syslog", sourceConfig: { protocol: "udp", port: 5514 }, modelRunId: model(), ownerId: null, lateness: 1 });
    await refusal(await sendLines(stream.id, logLines(0, 5)), 409, new RegExp(`^Stream ${stream.id} takes its lines from its syslog port, not over HTTP: create an http stream to send lines to\\.$`));
    assert.equal((await storedStream(stream.id))?.lines, 0);
  });

  test("no such stream is 404, a stopped one 409; stopping twice is 409", async () => {
    await refusal(await sendLines(9999, logLines(0, 1)), 404, /^There is no stream 9999\.$/);
    await refusal(await sendLines("abc", logLines(0, 1)), 404, /^There is no stream "abc"\.$/);
    await refusal(await getStream(9999), 404, /^There is no stream 9999\.$/);
    const { id, runId } = await newHttpStream("stop");
    await sendLines(id, logLines(0, 50));
    const stopped = await bodyOf(await stopStream(id));
    const view = stopped.stream as Record<string, unknown>;
    assert.equal(view.state, "stopped");
    assert.equal(view.runId, runId);
    assert.ok(typeof view.stoppedAt === "string");
    await refusal(await sendLines(id, logLines(50, 1)), 409, new RegExp(`^Stream ${id} was stopped; create a new stream to send more lines\\.$`));
    await refusal(await stopStream(id), 409, /was stopped already/);
  });

  test("too many batches waiting for one stream are refused with 429 and Retry-After, and every accepted line is stored once", async () => {
    const { id } = await newHttpStream("busy");
    const answers = await Promise.all(Array.from({ length: 32 }, (_, i) => sendLines(id, logLines(i * 20, 20))));
    const [firstBusy, ...busy] = answers.filter((response) => response.status === 429);
    const taken = answers.filter((response) => response.status === 200);
    assert.ok(firstBusy, "at most 8 appends may wait");
    assert.equal(1 + busy.length + taken.length, answers.length);
    assert.equal(firstBusy.headers.get("retry-after"), "1");
    await refusal(firstBusy, 429, new RegExp(`^Stream ${id} is busy storing earlier lines: send again in a second\\.$`));
    let sum = 0;
    for (const response of taken) sum += (await bodyOf(response)).lines as number;
    assert.equal((await storedStream(id))?.lines, sum);
  });
});
