import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractWindowsFromText } from "@/lib/logs/extract-windows";
import { formatIsoUtc } from "@/lib/logs/format-iso-utc";
import { FormatReader, type RecordSink } from "@/lib/logs/formats/format-reader";
import { RecordClock } from "@/lib/logs/formats/record-clock";
import { META, type LineParser, type LineVerdict, type RecordFields } from "@/lib/logs/formats/types";
import type { ExtractOptions, RecordLocation, UnparsedLine } from "@/lib/logs/types";

/** A parser for `T<seconds> <message>` records, `#` META lines and anything else as no record. */
const toyParser: LineParser = {
  parseLine(line: string): LineVerdict {
    if (line.startsWith("#")) return META;
    const match = /^T(\d+) (.*)$/.exec(line);
    if (match === null) return null;
    return { stamp: { kind: "instant", seconds: Number(match[1]) }, host: "", process: "", level: "", message: match[2] ?? "" };
  },
};

function readAll(lines: string[], continuations: boolean, parser: LineParser = toyParser) {
  const records: { message: string; ts: number; line: number; offset: number; length: number }[] = [];
  const unparsed: number[] = [];
  const sink: RecordSink = {
    record: (fields, ts, line, offset, length) => records.push({ message: fields.message, ts, line, offset, length }),
    unparsed: (_text, line) => unparsed.push(line),
  };
  const reader = new FormatReader(parser, continuations, new RecordClock({ year: 2024 }), sink);
  let offset = 0;
  lines.forEach((text, i) => {
    reader.readLine(text, i + 1, offset, text.length);
    offset += text.length + 1;
  });
  reader.finish();
  return { records, unparsed, reader };
}

describe("FormatReader", () => {
  it("joins the lines after a record to its message with \\n and reports the span from its first line to its last", () => {
    const { records, unparsed, reader } = readAll(["junk", "T10 boom", "  at a", "  at b", "T20 next"], true);
    assert.deepEqual(unparsed, [1], "a line before the first record is unparsed");
    assert.deepEqual(records, [
      { message: "boom\n  at a\n  at b", ts: 10, line: 2, offset: 5, length: 8 + 1 + 6 + 1 + 6 },
      { message: "next", ts: 20, line: 5, offset: 28, length: 8 },
    ]);
    assert.equal(reader.continuationLines, 2);
  });

  it("counts the lines after a record as unparsed when the format has no continuations", () => {
    const { records, unparsed, reader } = readAll(["T10 boom", "  at a", "T20 next"], false);
    assert.deepEqual(records.map((r) => r.message), ["boom", "next"]);
    assert.deepEqual(unparsed, [2]);
    assert.equal(reader.continuationLines, 0);
  });

  it("counts META lines apart, and a META line ends the record above it", () => {
    const { records, unparsed, reader } = readAll(["#Fields: a", "T10 a", "#Fields: b", "orphan", "T20 b"], true);
    assert.deepEqual(records.map((r) => r.message), ["a", "b"]);
    assert.deepEqual(unparsed, [4]);
    assert.equal(reader.metaLines, 2);
  });

  it("makes a record whose date cannot exist unparsed, with the lines that follow it", () => {
    const yearless: LineParser = {
      parseLine: (line) => {
        const [day, message = ""] = line.split(" ");
        if (day === undefined || !/^\d+$/.test(day)) return null;
        return { stamp: { kind: "yearless", month: 1, day: Number(day), secondsOfDay: 0 }, host: "", process: "", level: "", message };
      },
    };
    // 2023 is no leap year: Feb 29 cannot exist in it.
    const records: string[] = [];
    const unparsed: number[] = [];
    const reader = new FormatReader(yearless, true, new RecordClock({ year: 2023 }), {
      record: (fields: RecordFields) => records.push(fields.message),
      unparsed: (_t, line) => unparsed.push(line),
    });
    ["28 ok", "29 impossible", "  trace", "27 fine"].forEach((text, i) => reader.readLine(text, i + 1, i * 20, text.length));
    reader.finish();
    assert.deepEqual(records, ["ok", "fine"]);
    assert.deepEqual(unparsed, [2, 3]);
  });

  it("gives out the records a parser still holds at the end (CRI partial lines)", () => {
    const held: RecordFields = { stamp: { kind: "instant", seconds: 5 }, host: "", process: "", level: "stdout", message: "partial" };
    const parser: LineParser = { parseLine: () => META, flush: () => [held] };
    const { records } = readAll(["P one", "P two"], false, parser);
    assert.deepEqual(records, [{ message: "partial", ts: 5, line: 1, offset: 0, length: 11 }]);
  });
});

const base: ExtractOptions = { year: 2024, window: 60 };

describe("LogExtractor with formatOptions", () => {
  it("reads JSON Lines: times, fields and the format report", () => {
    const text = [
      '{"time":"2024-03-01T12:00:05Z","host":"a","level":"info","msg":"hello"}',
      '{"time":"2024-03-01T12:00:50Z","host":"b","level":"error","msg":"hello"}',
      '{"time":"2024-03-01T12:01:10Z","host":"a","level":"info","msg":"bye"}',
      "not json",
    ].join("\n");
    const { windows, summary } = extractWindowsFromText(text, { ...base, formatOptions: { format: "json" } });
    assert.deepEqual(windows.map((w) => [formatIsoUtc(w.start), w.values[0], w.values[1], w.values[2]]), [
      ["2024-03-01T12:00:00Z", 2, 1, 2],
      ["2024-03-01T12:01:00Z", 1, 1, 1],
    ]);
    assert.equal(summary.parsedLines, 3);
    assert.equal(summary.unparsedLines, 1);
    assert.deepEqual(summary.unparsedSamples, [{ line: 4, text: "not json" }]);
    assert.deepEqual(summary.format, { name: "json", detected: false, matchRate: 1, continuationLines: 0, metaLines: 0 });
    assert.equal(summary.minTimestamp, Date.UTC(2024, 2, 1, 12, 0, 5) / 1000);
  });

  it("reads RFC 5424, CRI and access logs", () => {
    const cases: [string, string, number][] = [
      ["rfc5424", "<34>1 2024-03-01T12:00:00.003Z mymachine su - ID47 - 'su root' failed", Date.UTC(2024, 2, 1, 12) / 1000],
      ["cri", "2024-03-01T12:00:00.123456789Z stdout F hello", Date.UTC(2024, 2, 1, 12) / 1000],
      ["access", '127.0.0.1 - - [01/Mar/2024:13:00:00 +0100] "GET / HTTP/1.1" 200 512', Date.UTC(2024, 2, 1, 12) / 1000],
    ];
    for (const [format, line, ts] of cases) {
      const { summary } = extractWindowsFromText(line, { ...base, formatOptions: { format } });
      assert.equal(summary.parsedLines, 1, format);
      assert.equal(summary.minTimestamp, ts, format);
    }
  });

  it("counts W3C directives as META lines, neither records nor unparsed", () => {
    const text = ["#Version: 1.0", "#Fields: date time cs-method sc-status", "2024-03-01 12:00:00 GET 200", "2024-03-01 12:00:01 GET 404"].join("\n");
    const { summary } = extractWindowsFromText(text, { ...base, formatOptions: { format: "w3c" } });
    assert.equal(summary.parsedLines, 2);
    assert.equal(summary.unparsedLines, 0);
    assert.equal(summary.format?.metaLines, 2);
  });

  it("reads zone-less times in --tz", () => {
    const line = '{"time":"2024-07-01T12:00:00","msg":"x"}';
    const { summary } = extractWindowsFromText(line, { ...base, formatOptions: { format: "json", tz: "Europe/Paris" } });
    assert.equal(summary.minTimestamp, Date.UTC(2024, 6, 1, 10) / 1000);
  });

  it("joins continuation lines for a declared template, reports each record's span and keeps the first lines unparsed", () => {
    const lines = [
      "preamble",
      "[2024-03-01 12:00:00,001] ERROR boom",
      "java.io.IOException: gone",
      "\tat a.b(C.java:1)",
      "[2024-03-01 12:00:02,001] INFO fine",
    ];
    const text = `${lines.join("\n")}\n`;
    const records: RecordLocation[] = [];
    const unparsed: UnparsedLine[] = [];
    const { windows, summary } = extractWindowsFromText(text, {
      ...base,
      formatOptions: { format: String.raw`\[<Date> <Time>\] <Level> <Content>` },
      onRecord: (r) => records.push(r),
      onUnparsed: (u) => unparsed.push(u),
    });
    assert.deepEqual(unparsed.map((u) => u.line), [1]);
    assert.equal(summary.parsedLines, 2);
    assert.equal(summary.format?.continuationLines, 2);
    const spans = records.map((r) => text.slice(r.offset, r.offset + r.length));
    assert.deepEqual(spans, [lines.slice(1, 4).join("\n"), lines[4]]);
    assert.deepEqual(records.map((r) => r.line), [2, 5]);
    // avg_msg_length: "boom\njava.io.IOException: gone\n\tat a.b(C.java:1)" and "fine".
    assert.equal(windows[0]?.values[4], ("boom\njava.io.IOException: gone\n\tat a.b(C.java:1)".length + 4) / 2);
  });

  it("detects the format when asked (auto) and reports the detection", () => {
    const text = Array.from({ length: 5 }, (_, i) => `{"ts":${1709294400 + i},"message":"m${i}"}`).join("\n");
    const { summary } = extractWindowsFromText(text, { ...base, formatOptions: { format: "auto" } });
    assert.equal(summary.parsedLines, 5);
    assert.equal(summary.format?.name, "json");
    assert.equal(summary.format?.detected, true);
    assert.equal(summary.format?.matchRate, 1);
  });

  it("reads syslog variants (ISO, <PRI>, fractions) among classic lines with --format syslog, on one year clock", () => {
    const text = [
      "Dec 31 23:59:30 h sshd[1]: classic",
      "<34>Jan  1 00:00:10.5 h su: variant with pri",
      "2025-01-01T00:00:20+00:00 h app[2]: iso",
      "garbage",
    ].join("\n");
    const { summary, windows } = extractWindowsFromText(text, { year: 2024, window: 60, formatOptions: { format: "syslog" } });
    assert.equal(summary.parsedLines, 3);
    assert.equal(summary.unparsedLines, 1);
    assert.equal(summary.yearRollovers, 1);
    assert.deepEqual(windows.map((w) => [formatIsoUtc(w.start), w.values[0]]), [
      ["2024-12-31T23:59:00Z", 1],
      ["2025-01-01T00:00:00Z", 2],
    ]);
  });

  it("reads classic syslog lines in --tz, summer and winter, on the byte path", () => {
    const text = ["Jan 15 12:00:00 h p: winter", "Jul  1 12:00:00 h p: summer"].join("\n");
    const times = (tz: string) =>
      extractWindowsFromText(text, { ...base, formatOptions: { format: "syslog", tz } }).windows.map((w) => formatIsoUtc(w.start));
    assert.deepEqual(times("Europe/Paris"), ["2024-01-15T11:00:00Z", "2024-07-01T10:00:00Z"]);
    assert.deepEqual(times("+02:00"), ["2024-01-15T10:00:00Z", "2024-07-01T10:00:00Z"]);
  });

  it("mines templates with the format's masks and the analyst's (extended features)", () => {
    const text = ['{"ts":1709294400,"msg":"login by alice7"}', '{"ts":1709294401,"msg":"login by bob"}'].join("\n");
    const { templates } = extractWindowsFromText(text, {
      ...base,
      features: "extended",
      formatOptions: { format: "auto", masks: [{ pattern: "(?<=by )\\w+", name: "USER" }] },
    });
    assert.deepEqual(templates?.entries.map((e) => [e.template, e.lines]), [["login by <USER>", 2]]);
  });

  it("counts records at error level or worse per window from each format's levels (extended features)", () => {
    const json = [
      '{"ts":1709294400,"level":"info","msg":"a"}',
      '{"ts":1709294401,"level":"ERROR","msg":"b"}',
      '{"ts":1709294402,"level":50,"msg":"c"}',
      '{"ts":1709294470,"level":"warn","msg":"d failed"}',
    ].join("\n");
    const errorLevels = (text: string, format: string) =>
      extractWindowsFromText(text, { ...base, features: "extended", formatOptions: { format } }).windows.map((w) => w.values[12]);
    // "d failed" is an error word (error_keyword_lines) but its level is a warning.
    assert.deepEqual(errorLevels(json, "json"), [2, 0]);
    const access = [
      '1.2.3.4 - - [01/Mar/2024:12:00:00 +0000] "GET / HTTP/1.1" 200 10',
      '1.2.3.4 - - [01/Mar/2024:12:00:01 +0000] "GET /x HTTP/1.1" 404 10',
      '1.2.3.4 - - [01/Mar/2024:12:00:02 +0000] "GET /y HTTP/1.1" 502 10',
    ].join("\n");
    assert.deepEqual(errorLevels(access, "access"), [1]);
    const rfc5424 = ["<11>1 2024-03-01T12:00:00Z h app - - - disk gone", "<14>1 2024-03-01T12:00:01Z h app - - - fine"].join("\n");
    assert.deepEqual(errorLevels(rfc5424, "rfc5424"), [1], "PRI 11 is severity 3 (err); 14 is 6 (info)");
  });

  it("checks --field paths against the head of the file and reads the named keys", () => {
    const text = ['{"at":"2024-03-01T12:00:00Z","body":{"text":"a"}}', '{"at":"2024-03-01T12:00:01Z","body":{"text":"b"}}'].join("\n");
    const { summary, windows } = extractWindowsFromText(text, { ...base, formatOptions: { format: "json", fields: { time: "at", message: "body.text" } } });
    assert.equal(summary.parsedLines, 2);
    assert.equal(windows[0]?.values[1], 2, "two distinct messages");
    assert.throws(
      () => extractWindowsFromText(text, { ...base, formatOptions: { format: "json", fields: { message: "body.txt" } } }),
      /--field "message=body\.txt"/,
    );
  });

  it("refuses an unknown format before reading", () => {
    assert.throws(() => extractWindowsFromText("x", { ...base, formatOptions: { format: "nope" } }), /Unknown log format "nope"/);
  });
});
