import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UserInputError } from "@/lib/domain/user-input-error";
import { checkFieldOverrides, jsonLines } from "@/lib/logs/formats/json-lines";
import type { FieldOverrides, LineVerdict, RecordFields } from "@/lib/logs/formats/types";

const parseLine = (line: string, fields?: FieldOverrides): LineVerdict => jsonLines.createParser({ fields }).parseLine(line);

function parse(line: string, fields?: FieldOverrides): RecordFields {
  const verdict = parseLine(line, fields);
  assert.ok(verdict !== null && typeof verdict === "object", `should be a record: ${line}`);
  return verdict;
}

const fieldsOf = (r: RecordFields): string[] => [r.host, r.process, r.level, r.message];
const NOON = Date.UTC(2024, 2, 1, 12, 0, 0) / 1000;

describe("json lines", () => {
  it("reads logrus/zap-style keys: time, level, msg", () => {
    const record = parse('{"time":"2024-03-01T12:00:00Z","level":"error","msg":"disk full","host":"db1"}');
    assert.deepEqual(record.stamp, { kind: "instant", seconds: NOON });
    assert.deepEqual(fieldsOf(record), ["db1", "", "error", "disk full"]);
  });

  it("reads journald's JSON: __REALTIME_TIMESTAMP in microseconds, _HOSTNAME, SYSLOG_IDENTIFIER, PRIORITY, MESSAGE", () => {
    const record = parse(
      '{"__REALTIME_TIMESTAMP":"1709294400000000","_HOSTNAME":"web1","SYSLOG_IDENTIFIER":"sshd","PRIORITY":"6","MESSAGE":"Accepted key","_COMM":"sshd-session"}',
    );
    assert.deepEqual(record.stamp, { kind: "instant", seconds: NOON });
    assert.deepEqual(fieldsOf(record), ["web1", "sshd", "6", "Accepted key"]);
  });

  it("keeps Pino's and Bunyan's numeric level as written and reads epoch milliseconds", () => {
    const record = parse('{"level":30,"time":1709294400000,"pid":7,"hostname":"api","name":"orders","msg":"hi"}');
    assert.deepEqual(record.stamp, { kind: "instant", seconds: NOON });
    assert.deepEqual(fieldsOf(record), ["api", "orders", "30", "hi"]);
  });

  it("strips Docker json-file's trailing newline from log and takes stream as the level", () => {
    const record = parse('{"log":"GET /health 200\\n","stream":"stdout","time":"2024-03-01T12:00:00.5Z"}');
    assert.deepEqual(fieldsOf(record), ["", "", "stdout", "GET /health 200"]);
    assert.equal(parse('{"log":"\\n","stream":"stdout","time":"2024-03-01T12:00:00Z"}').message, "");
  });

  it("matches dotted names in nested objects and as literal keys (ECS), skipping an object-valued host", () => {
    const nested = parse('{"@timestamp":"2024-03-01T12:00:00Z","host":{"name":"n1"},"log":{"level":"WARN","logger":"app.db"},"message":"slow"}');
    assert.deepEqual(fieldsOf(nested), ["n1", "app.db", "WARN", "slow"]);
    const flat = parse('{"@timestamp":"2024-03-01T12:00:00Z","host.name":"n2","log.level":"INFO","service.name":"cart","message":"ok"}');
    assert.deepEqual(fieldsOf(flat), ["n2", "cart", "INFO", "ok"]);
  });

  it("reads Cloud Logging entries: timestamp, severity, textPayload or jsonPayload.message, resource labels", () => {
    const text = parse('{"timestamp":"2024-03-01T12:00:00Z","severity":"ERROR","textPayload":"boom","resource":{"labels":{"instance_id":"42"}}}');
    assert.deepEqual(fieldsOf(text), ["42", "", "ERROR", "boom"]);
    assert.equal(parse('{"timestamp":"2024-03-01T12:00:00Z","jsonPayload":{"message":"nested"}}').message, "nested");
  });

  it("takes the first name that holds a readable value, in the documented order", () => {
    // `time` here is a duration, not a timestamp: the time falls through to `ts`.
    const record = parse('{"time":"12ms","ts":1709294400,"message":"first","msg":"second","logger":"svc[12]"}');
    assert.deepEqual(record.stamp, { kind: "instant", seconds: NOON });
    assert.equal(record.message, "first");
    assert.equal(record.process, "svc");
  });

  it("reads the first line of a file that starts with a byte order mark", () => {
    assert.equal(parse('\uFEFF{"ts":1709294400,"msg":"first"}').message, "first");
  });

  it("reads a zone-less time as local, leaves absent fields empty and takes the whole line when there is no message", () => {
    const line = '{"timestamp":"2024-03-01 12:00:00","event":"login","user":"bob"}';
    assert.deepEqual(parse(line), {
      stamp: { kind: "local", year: 2024, month: 2, day: 1, secondsOfDay: 43200 },
      host: "",
      process: "",
      level: "",
      message: line,
    });
  });

  it("lets --field replace a field's names with one path", () => {
    const line = '{"ctx":{"when":"2024-03-01T12:00:00Z"},"time":"2020-01-01T00:00:00Z","text":"custom","msg":"default"}';
    const record = parse(line, { time: "ctx.when", message: "text" });
    assert.deepEqual(record.stamp, { kind: "instant", seconds: NOON });
    assert.equal(record.message, "custom");
    assert.equal(parseLine('{"time":"2024-03-01T12:00:00Z"}', { time: "ctx.when" }), null);
  });

  it("is not a record for a non-object line, broken JSON, a missing time or an impossible date", () => {
    for (const line of [
      "plain text",
      "[1,2,3]",
      '"a string"',
      '{"time":"2024-03-01T12:00:00Z"',
      '{"msg":"no time"}',
      '{"time":"2024-02-30T12:00:00Z","msg":"Feb 30"}',
      "",
    ]) {
      assert.equal(parseLine(line), null, line);
    }
  });

  it("refuses a --field path that no sampled record holds, in one sentence", () => {
    const sample = ['{"ctx":{"when":"2024-03-01T12:00:00Z"}}', "not json", '{"other":1}'];
    assert.doesNotThrow(() => checkFieldOverrides(sample, { time: "ctx.when" }));
    assert.doesNotThrow(() => checkFieldOverrides(["no json here"], { time: "ctx.when" }));
    assert.throws(
      () => checkFieldOverrides(sample, { time: "ctx.wen" }),
      (error: unknown) => error instanceof UserInputError && /^--field "time=ctx\.wen": none of the 2 JSON records sampled .*\.$/.test(error.message),
    );
    assert.throws(() => jsonLines.createParser({ fields: { host: "a..b" } }), UserInputError);
  });
});
