import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inspectLog, inspectLogText } from "@/lib/logs/formats/inspect-log";
import { inferYear } from "@/lib/logs/formats/record-clock";
import { readFixture } from "../../fixtures/fixture-path";

describe("inspectLogText", () => {
  it("reads Loghub's Linux sample as syslog: counts, first and last times in file order, and a sample split into fields", () => {
    const result = inspectLogText(readFixture("loghub", "Linux_2k.log"), { year: 2005, sampleSize: 2 });
    assert.equal(result.format, "syslog");
    assert.deepEqual(
      [result.lines, result.records, result.unparsed, result.continuationLines, result.metaLines, result.matchRate, result.year],
      [2000, 2000, 0, 0, 0, 1, 2005],
    );
    assert.equal(result.firstTime, "2005-06-14T15:16:01Z");
    assert.equal(result.lastTime, "2005-07-27T14:42:00Z");
    assert.deepEqual(result.sample[0], {
      time: "2005-06-14T15:16:01Z",
      host: "combo",
      process: "sshd(pam_unix)",
      level: "",
      message: "authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=218.188.2.4 ",
    });
    assert.equal(result.sample.length, 2);
  });

  it("infers the year of year-less stamps when none is given, as inferYear does, across a December to January rollover", () => {
    const text = "Dec 31 23:59:30 h app: a\nJan  1 00:00:10 h app: b\n";
    const result = inspectLogText(text);
    const year = inferYear(
      [
        { kind: "yearless", month: 11, day: 31, secondsOfDay: 86370 },
        { kind: "yearless", month: 0, day: 1, secondsOfDay: 10 },
      ],
      new Date(),
    );
    assert.equal(result.year, year);
    assert.equal(result.firstTime, `${year}-12-31T23:59:30Z`);
    assert.equal(result.lastTime, `${year + 1}-01-01T00:00:10Z`);
  });

  it("places a Dec 31 line among Jan 1 lines in the year before, so the log spans minutes, not a year", () => {
    const text = "Jan  1 00:00:10 h app: a\nDec 31 23:59:50 h app: late\nJan  1 00:01:00 h app: b\n";
    const result = inspectLogText(text, { year: 2025, sampleSize: 3 });
    assert.deepEqual(result.sample.map((r) => r.time), ["2025-01-01T00:00:10Z", "2024-12-31T23:59:50Z", "2025-01-01T00:01:00Z"]);
    assert.equal(result.lastTime, "2025-01-01T00:01:00Z");
    const inferred = inspectLogText(text);
    assert.equal(inferred.lastTime, `${inferred.year}-01-01T00:01:00Z`);
    assert.ok(inferred.sample[1]?.time.startsWith(`${inferred.year! - 1}-12-31`));
  });

  it("gives no year for a format whose stamps carry one, and reads zone-less times in tz", () => {
    const text = ['{"time":"2024-07-01T12:00:00","level":"warn","msg":"hot"}', '{"time":"2024-07-01T11:00:00","msg":"earlier"}'].join("\n");
    const result = inspectLogText(text, { tz: "Europe/Paris" });
    assert.equal(result.format, "json");
    assert.equal(result.year, null);
    assert.equal(result.firstTime, "2024-07-01T10:00:00Z", "the first record in file order, not the earliest");
    assert.equal(result.lastTime, "2024-07-01T09:00:00Z");
    assert.deepEqual(result.sample[0], { time: "2024-07-01T10:00:00Z", host: "", process: "", level: "warn", message: "hot" });
  });

  it("joins continuation lines into the sampled message and counts them, and counts META lines apart", () => {
    const traces = inspectLogText(["[2024-03-01 12:00:00,001] ERROR boom", "\tat a.b(C.java:1)", "[2024-03-01 12:00:01,001] INFO ok"].join("\n"));
    assert.equal(traces.format, "timestamped");
    assert.deepEqual([traces.records, traces.continuationLines, traces.unparsed, traces.matchRate], [2, 1, 0, 1]);
    assert.equal(traces.sample[0]?.message, "ERROR boom\n\tat a.b(C.java:1)");
    assert.equal(traces.sample[0]?.level, "ERROR");

    const w3c = inspectLogText(["#Version: 1.0", "#Fields: date time cs-method sc-status", "2024-03-01 12:00:00 GET 200"].join("\n"), { format: "w3c" });
    assert.deepEqual([w3c.records, w3c.metaLines, w3c.unparsed], [1, 2, 0]);
  });

  it("uses a declared template as given and reports the share of content lines it explains", () => {
    const template = "<Date> <Time> <Level>: <Content>";
    const result = inspectLogText(["2024-03-01 12:00:00 INFO: up", "junk before nothing? no: after a record", "", "2024-03-01 12:00:05 WARN: slow"].join("\n"), {
      format: template,
    });
    assert.equal(result.format, template);
    assert.deepEqual([result.records, result.continuationLines, result.unparsed, result.matchRate], [2, 2, 0, 1]);
  });

  it("refuses, in one sentence, a log whose format it cannot recognise", () => {
    assert.throws(() => inspectLogText("just some words\nand more words\n"), /UserInputError: Could not recognise the log's format/);
  });

  it("streams chunks to the same result as the whole text", async () => {
    const bytes = readFixture("loghub", "OpenSSH_2k.log");
    const chunks = [];
    for (let i = 0; i < bytes.length; i += 1000) chunks.push(bytes.subarray(i, i + 1000));
    assert.deepEqual(await inspectLog(chunks, { year: 2015 }), inspectLogText(bytes, { year: 2015 }));
  });
});
