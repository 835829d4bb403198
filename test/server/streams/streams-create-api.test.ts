import assert from "node:assert/strict";
import { createSocket } from "node:dgram";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, test } from "node:test";
import { createLogFile } from "@/lib/db/create-log-file";
import { createRun } from "@/lib/db/create-run";
import { freePort } from "@/lib/ops/free-port";
import { checkDetectParams } from "@/lib/pipeline/params";
import { STREAMS_OFF } from "@/lib/server/streams/stream-access";
import { bodyOf, createStream, getStream, listStreams, logLines, refusal, sendLines, stopStream, useStreamsApi } from "./streams-test-env";

const { modelRunId: model } = useStreamsApi("logscope-streams-create-");

describe("streams off (the default)", () => {
  test("every stream route answers 404 with how to turn streams on", async () => {
    delete process.env.LOGSCOPE_STREAMS;
    for (const response of [await createStream({ name: "x", modelRunId: model(), source: "http" }), await listStreams(), await getStream(1), await sendLines(1, logLines(0, 3)), await stopStream(1)]) {
      assert.equal(await refusal(response, 404, /LOGSCOPE_STREAMS=on/), STREAMS_OFF);
    }
  });
});

describe("POST /api/streams", () => {
  test("creates an http stream with its live run and answers 201 with the stream, its runId and a location", async () => {
    process.env.LOGSCOPE_STREAMS = "on";
    const response = await createStream({ name: "web", modelRunId: model(), source: "http", year: 2005 });
    assert.equal(response.status, 201);
    const body = await bodyOf(response);
    const stream = body.stream as Record<string, unknown>;
    assert.equal(response.headers.get("location"), `/api/streams/${String(stream.id)}`);
    assert.equal(body.runId, stream.runId);
    assert.deepEqual(
      { ...stream, createdAt: typeof stream.createdAt },
      { id: stream.id, name: "web", source: "http", config: null, state: "live", runId: body.runId, modelRunId: model(), lateness: 1, lines: 0, unparsedLines: 0, lateRecords: 0, windows: 0, anomalies: 0, lastSeq: null, lastProblem: null, createdAt: "string", stoppedAt: null },
    );
    const listed = (await bodyOf(await listStreams())).streams as { id: number }[];
    assert.ok(listed.some((s) => s.id === stream.id));
    assert.deepEqual(((await bodyOf(await listStreams("?state=stopped"))).streams as unknown[]).length, 0);
    await refusal(await listStreams("?state=asleep"), 400, /^State must be live or stopped\.$/);
  });

  test("refuses bad fields with 400 and one sentence naming each field", async () => {
    const error = await refusal(await createStream({ name: "", modelRunId: "x", source: "kafka", lateness: -1 }), 400, /^Name must not be empty/);
    assert.match(error, /modelRunId must be/);
    assert.match(error, /source must be one of http, syslog, file/);
    assert.match(error, /lateness must be 0 or more/);
    await refusal(await createStream({ name: "w", modelRunId: model(), source: "http", config: { port: 1 } }), 400, /An http stream takes no config/);
    await refusal(await createStream({ name: "w", modelRunId: model(), source: "syslog" }), 400, /A syslog stream needs config/);
    await refusal(await createStream({ name: "w", modelRunId: model(), source: "file", config: { file: "x" } }), 400, /A file stream needs config/);
  });

  test("refuses a model run that does not exist (404), has not finished training or uses extended features (400)", async () => {
    await refusal(await createStream({ name: "w", modelRunId: 999, source: "http" }), 404, /^There is no run 999: give modelRunId of a run that finished training\.$/);
    const { logFile } = await createLogFile({ originalName: "q.log", sha256: "c".repeat(64), size: 1, lines: 1, unparsedLines: 0 });
    const queued = await createRun({ logFileId: logFile.id, params: checkDetectParams({ profile: "seed", year: 2005 }).params!, status: "queued" });
    await refusal(await createStream({ name: "w", modelRunId: queued.id, source: "http" }), 400, new RegExp(`^Run ${queued.id} has no saved model: choose a run that finished training\\.$`));
    const extended = await createRun({ logFileId: logFile.id, params: checkDetectParams({ year: 2005, features: "extended" }).params!, status: "succeeded" });
    await refusal(await createStream({ name: "w", modelRunId: extended.id, source: "http" }), 400, /uses extended features.*choose a run trained with the seed profile\.$/);
  });

  test("a syslog stream may only use a port of LOGSCOPE_SYSLOG_PORTS (403 otherwise); an allowed one starts its receiver", async () => {
    const port = await freePort();
    const syslog = (p: number) => createStream({ name: "s", modelRunId: model(), source: "syslog", config: { protocol: "udp", port: p } });
    await refusal(await syslog(port), 403, /No port is open to syslog streams on this server: list the allowed ports in LOGSCOPE_SYSLOG_PORTS/);
    process.env.LOGSCOPE_SYSLOG_PORTS = `5514,${port}`;
    await refusal(await syslog(514), 403, new RegExp(`^Port 514 is not open to syslog streams on this server: use one of ports 5514 or ${port} \\(LOGSCOPE_SYSLOG_PORTS\\)\\.$`));
    const created = await syslog(port);
    assert.equal(created.status, 201);
    const stream = (await bodyOf(created)).stream as { id: number; config: unknown };
    assert.deepEqual(stream.config, { protocol: "udp", port });
    assert.equal((await stopStream(stream.id)).status, 200);
  });

  test("a syslog stream whose port is taken is refused with the receiver's sentence and left stopped, not live", async () => {
    const port = await freePort();
    process.env.LOGSCOPE_SYSLOG_PORTS = String(port);
    const taken = createSocket("udp4");
    await new Promise<void>((done) => taken.bind(port, "127.0.0.1", done));
    try {
      await refusal(await createStream({ name: "busy port", modelRunId: model(), source: "syslog", config: { protocol: "udp", port } }), 400, new RegExp(String(port)));
    } finally {
      taken.close();
    }
    const streams = (await bodyOf(await listStreams())).streams as { name: string; state: string }[];
    assert.deepEqual(streams.filter((s) => s.name === "busy port").map((s) => s.state), ["stopped"]);
  });

  test("a file stream may only follow a file under LOGSCOPE_STREAM_FILES_DIR, symlinks and .. resolved (400 otherwise)", async () => {
    const file = (path: string) => createStream({ name: "f", modelRunId: model(), source: "file", config: { path } });
    await refusal(await file("/etc/passwd"), 400, /^File streams are off: set LOGSCOPE_STREAM_FILES_DIR/);
    const root = mkdtempSync(join(tmpdir(), "logscope-follow-"));
    const allowed = join(root, "allowed");
    mkdirSync(join(allowed, "apps"), { recursive: true });
    writeFileSync(join(allowed, "apps", "app.log"), "");
    writeFileSync(join(allowed, "apps", "other.log"), "");
    writeFileSync(join(root, "secret.log"), "");
    symlinkSync(join(root, "secret.log"), join(allowed, "link.log"));
    symlinkSync(root, join(allowed, "up"));
    process.env.LOGSCOPE_STREAM_FILES_DIR = allowed;
    // The file source's sentence names the server's folder, so it is not checked for paths here.
    for (const path of ["/etc/passwd", join(allowed, "..", "secret.log"), "../secret.log", join(allowed, "link.log"), "up/secret.log", allowed]) {
      const response = await file(path);
      assert.equal(response.status, 400, path);
      assert.match(String((await bodyOf(response)).error), /is not under LOGSCOPE_STREAM_FILES_DIR \(.*\): a stream may only follow files there\.$/);
    }
    for (const path of ["apps", "nowhere/app.log"]) assert.equal((await file(path)).status, 400, path);
    for (const [path, expected] of [["apps/app.log", "apps/app.log"], [join(allowed, "apps", "..", "apps", "other.log"), "apps/other.log"]] as const) {
      const created = await file(path);
      const body = await bodyOf(created);
      assert.equal(created.status, 201, JSON.stringify(body));
      const stream = body.stream as { id: number; config: { path: string } };
      assert.equal(stream.config.path, join(allowed, expected), "the followed path is stored resolved");
      assert.equal((await stopStream(stream.id)).status, 200);
    }
  });
});
