import assert from "node:assert/strict";
import { createSocket } from "node:dgram";
import { readFile } from "node:fs/promises";
import { connect } from "node:net";
import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, describe, test } from "node:test";
import { createStream } from "@/lib/db/create-stream";
import { getStream } from "@/lib/db/get-stream";
import type { SyslogSourceConfig } from "@/lib/domain/stream-types";
import { checkStreamSource, closeStreamSources, startStreamSource, stopStreamSource } from "@/lib/live/stream-sources";
import { closeLiveStreams, stopLiveStream } from "@/lib/live/stream-registry";
import { useTempDatabase } from "../db/temp-database";
import { freePort } from "@/lib/ops/free-port";
import { csvOf, linesOf, waitForStream } from "./live-test-helpers";
import { storeTrainedRun } from "./trained-run";

const tmp = useTempDatabase("logscope-syslog-");
after(async () => {
  await closeStreamSources();
  await closeLiveStreams();
  await tmp.cleanup();
});

const LOG = resolve("logs/Linux_2k.log");
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A classic line as RFC 5424 with its 2005 date, or as RFC 3164 when its tag has no RFC 5424 form. */
function asRfc5424(line: string): string {
  const m = /^([A-Z][a-z]{2}) +(\d+) (\d\d:\d\d:\d\d) (\S+) ([^ :[]+)(?:\[(\d+)\])?: (.*)$/.exec(line);
  if (!m) return `<13>${line}`;
  const [, month = "", day = "", time, host, app, pid, message] = m;
  const date = `2005-${String(MONTHS.indexOf(month) + 1).padStart(2, "0")}-${day.padStart(2, "0")}T${time}Z`;
  return `<13>1 ${date} ${host} ${app} ${pid ?? "-"} - - ${message}`;
}

/** Writes `data` to a new TCP connection to `port` and closes it. */
async function sendTcp(port: number, data: string): Promise<void> {
  const socket = connect({ port, host: "127.0.0.1" });
  await new Promise<void>((done, fail) => {
    socket.once("error", fail);
    socket.end(data, () => done());
  });
}

describe("syslog receiver", () => {
  let modelRunId = 0;
  let trainedCsv = "";
  let lines: string[] = [];
  const ports: number[] = [];

  before(async () => {
    ({ runId: modelRunId } = await storeTrainedRun(LOG, { year: 2005, epochs: 3 }));
    trainedCsv = await csvOf(modelRunId);
    lines = linesOf(await readFile(LOG, "utf8"));
    for (let i = 0; i < 4; i++) ports.push(await freePort());
    process.env.LOGSCOPE_STREAMS = "on";
    process.env.LOGSCOPE_SYSLOG_PORTS = ports.join(",");
  });

  /** A started syslog stream; once `send` is done and its lines are in, it is stopped and its CSV answered. */
  async function receive(source: SyslogSourceConfig, send: () => Promise<void>, expectedLines = lines.length) {
    const { stream, run } = await createStream({ name: "syslog", source: "syslog", sourceConfig: source, modelRunId, ownerId: null, lateness: 60, year: 2005 });
    await startStreamSource(stream);
    await send();
    await waitForStream(stream.id, (s) => s.lines >= expectedLines);
    await stopStreamSource(stream.id);
    await stopLiveStream(stream.id);
    return { csv: await csvOf(run.id), stream: await getStream(stream.id) };
  }

  test("RFC 3164 over TCP with octet counting gives, once stopped, the trained run's windows byte for byte", async () => {
    const port = ports[0]!;
    const frames = lines.map((line) => `<13>${line}`).map((m) => `${Buffer.byteLength(m)} ${m}`);
    const { csv, stream } = await receive({ protocol: "tcp", port, host: "127.0.0.1" }, () => sendTcp(port, frames.join("")));
    assert.equal(stream?.lines, 2000);
    assert.equal(stream?.lastProblem, null);
    assert.equal(csv, trainedCsv);
  });

  test("RFC 5424 over TCP, one message a line, is read as the same records: the same windows", async () => {
    const port = ports[1]!;
    const { csv, stream } = await receive({ protocol: "tcp", port, host: "127.0.0.1" }, () => sendTcp(port, lines.map((l) => `${asRfc5424(l)}\n`).join("")));
    assert.equal(stream?.lines, 2000);
    assert.equal(csv, trainedCsv);
  });

  test("RFC 3164 over UDP, one message a datagram, gives the trained run's windows", async () => {
    const port = ports[2]!;
    const socket = createSocket("udp4");
    const send = async () => {
      for (let i = 0; i < lines.length; i++) {
        await new Promise<void>((done, fail) => socket.send(`<13>${lines[i]}`, port, "127.0.0.1", (error) => (error ? fail(error) : done())));
        // A datagram the kernel's buffer has no room for is lost: a sender of 2000 at once would lose some.
        if (i % 100 === 99) await sleep(10);
      }
    };
    try {
      const { csv, stream } = await receive({ protocol: "udp", port, host: "127.0.0.1" }, send);
      assert.equal(stream?.lines, 2000);
      assert.equal(csv, trainedCsv);
    } finally {
      socket.close();
    }
  });

  test("a bad message and a bad frame are counted in lastProblem while the receiver goes on taking lines", async () => {
    const port = ports[3]!;
    const good = lines.slice(0, 50).map((l) => `<13>${l}\n`);
    const data = ["not syslog at all\n", ...good.slice(0, 25), "12x broken frame\n", ...good.slice(25)].join("");
    const { stream } = await receive({ protocol: "tcp", port, host: "127.0.0.1" }, () => sendTcp(port, data), 50);
    assert.equal(stream?.lines, 50);
    assert.match(stream?.lastProblem ?? "", new RegExp(`^Syslog on tcp port ${port} refused 2 messages so far; the last was a frame that started with a digit`));
  });

  test("a receiver whose stream was stopped elsewhere stops listening at its next batch and leaves no problem", async () => {
    const port = ports[2]!;
    const { stream } = await createStream({ name: "ended", source: "syslog", sourceConfig: { protocol: "tcp", port, host: "127.0.0.1" }, modelRunId, ownerId: null, lateness: 60, year: 2005 });
    await startStreamSource(stream);
    await stopLiveStream(stream.id);
    await sendTcp(port, `<13>${lines[0]}\n`);
    const deadline = Date.now() + 10_000;
    while (await sendTcp(port, "").then(() => true, () => false)) {
      assert.ok(Date.now() < deadline, "the port is still open");
      await sleep(50);
    }
    assert.equal((await getStream(stream.id))?.lastProblem, null);
    await stopStreamSource(stream.id);
  });

  test("a port outside LOGSCOPE_SYSLOG_PORTS and a port in use are refused in one sentence", async () => {
    const outside = await freePort();
    const create = (port: number) =>
      createStream({ name: "x", source: "syslog", sourceConfig: { protocol: "tcp", port, host: "127.0.0.1" }, modelRunId, ownerId: null, lateness: 1 });
    const { stream } = await create(outside);
    await assert.rejects(startStreamSource(stream), /^UserInputError: Port \d+ is not one of LOGSCOPE_SYSLOG_PORTS \(/);
    // The create-stream route's check, before a stream exists.
    await assert.rejects(checkStreamSource("syslog", { protocol: "udp", port: outside }), /is not one of LOGSCOPE_SYSLOG_PORTS/);
    await checkStreamSource("syslog", { protocol: "udp", port: ports[3]! });
    const first = await create(ports[0]!);
    const second = await create(ports[0]!);
    await startStreamSource(first.stream);
    try {
      await assert.rejects(startStreamSource(second.stream), /another program \(or stream\) already listens there/);
    } finally {
      await stopStreamSource(first.stream.id);
    }
  });
});
