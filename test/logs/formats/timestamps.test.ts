import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findLeadingTimestamp, findTimestampAt, parseTimestamp } from "@/lib/logs/formats/timestamps";
import type { Stamp } from "@/lib/logs/formats/types";

const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
const instant = (seconds: number): Stamp => ({ kind: "instant", seconds });
const local = (year: number, month: number, day: number, secondsOfDay: number): Stamp => ({ kind: "local", year, month: month - 1, day, secondsOfDay });
const yearless = (month: number, day: number, secondsOfDay: number): Stamp => ({ kind: "yearless", month: month - 1, day, secondsOfDay });
const hms = (h: number, m: number, s: number) => h * 3600 + m * 60 + s;

/** Float fields compared within a microsecond: `.123` is not exactly representable. */
function assertStamp(actual: Stamp | null, expected: Stamp, text: string): void {
  assert.ok(actual !== null, `${text} should parse`);
  assert.equal(actual.kind, expected.kind, text);
  const a = actual.kind === "instant" ? actual.seconds : actual.secondsOfDay;
  const e = expected.kind === "instant" ? expected.seconds : expected.secondsOfDay;
  assert.ok(Math.abs(a - e) < 1e-6, `${text}: ${a} vs ${e}`);
  assert.deepEqual({ ...actual, seconds: 0, secondsOfDay: 0 }, { ...expected, seconds: 0, secondsOfDay: 0 }, text);
}

function assertParses(cases: Array<[string, Stamp]>): void {
  for (const [text, expected] of cases) assertStamp(parseTimestamp(text), expected, text);
}

describe("parseTimestamp", () => {
  it("reads ISO 8601 / RFC 3339 with Z, numeric offsets and UTC as instants", () => {
    const base = utc(2024, 3, 1, 12, 34, 56);
    assertParses([
      ["2024-03-01T12:34:56Z", instant(base)],
      ["2024-03-01T12:34:56.123Z", instant(base + 0.123)],
      ["2024-03-01T12:34:56.123456Z", instant(base + 0.123456)],
      ["2024-03-01T12:34:56.123456789Z", instant(base + 0.123456789)],
      ["2024-03-01T12:34:56,5Z", instant(base + 0.5)],
      ["2024-03-01 12:34:56Z", instant(base)],
      ["2024-03-01T12:34:56+02:00", instant(base - 7200)],
      ["2024-03-01T12:34:56+0200", instant(base - 7200)],
      ["2024-03-01T12:34:56-05", instant(base + 5 * 3600)],
      ["2024-03-01T12:34:56.250-05:30", instant(base + 5.5 * 3600 + 0.25)],
      ["2024-03-01 12:34:56 UTC", instant(base)],
      ["2024-03-01 12:34:56 GMT", instant(base)],
      ["2024-03-01 12:34:56 +0100", instant(base - 3600)],
      ["2024-03-01 12:34:56 UTC+02:00", instant(base - 7200)],
      ["20240301T123456Z", instant(base)],
    ]);
  });

  it("reads a full date and time without an offset as local wall-clock time", () => {
    assertParses([
      ["2024-03-01T12:34:56", local(2024, 3, 1, hms(12, 34, 56))],
      ["2024-03-01 12:34:56.123", local(2024, 3, 1, hms(12, 34, 56) + 0.123)],
      ["2015-07-29 17:41:44,747", local(2015, 7, 29, hms(17, 41, 44) + 0.747)],
      ["2016-09-28 04:30:30", local(2016, 9, 28, hms(4, 30, 30))],
      ["2017-05-16 00:00:00.008", local(2017, 5, 16, 0.008)],
      ["2024/03/01 12:34:56", local(2024, 3, 1, hms(12, 34, 56))],
      ["2005.11.09 12:01:01", local(2005, 11, 9, hms(12, 1, 1))],
    ]);
  });

  it("reads Gin's `/` date, a spaced dash and the clock as local time, but no spaced dash after a `-` or `.` date", () => {
    assertParses([
      ["2024/11/12 - 15:19:06", local(2024, 11, 12, hms(15, 19, 6))],
      ["2024/11/12 - 15:19:06.250", local(2024, 11, 12, hms(15, 19, 6) + 0.25)],
    ]);
    for (const text of ["2024-11-12 - 15:19:06", "2005.11.09 - 12:01:01", "2024/11/12 -15:19:06", "2024/11/12 - 25:19:06", "2024/11/12 - x"]) {
      assert.equal(parseTimestamp(text), null, text);
    }
    const found = findTimestampAt("[GIN] 2024/11/12 - 15:19:06 | 200 |   953ms | 106.250.51.52 | PUT /api/v1/users", 6);
    assert.deepEqual(found, { stamp: local(2024, 11, 12, hms(15, 19, 6)), end: 27 });
  });

  it("reads the Loghub shapes HDFS, Spark, BGL, HealthApp and Apache's ctime", () => {
    assertParses([
      ["081109 203615", local(2008, 11, 9, hms(20, 36, 15))],
      ["150728 14:46:22", local(2015, 7, 28, hms(14, 46, 22))],
      ["17/06/09 20:10:40", local(2017, 6, 9, hms(20, 10, 40))],
      ["2005-06-03-15.42.50.675872", local(2005, 6, 3, hms(15, 42, 50) + 0.675872)],
      ["20171223-22:15:29:606", local(2017, 12, 23, hms(22, 15, 29) + 0.606)],
      ["20171223-22:15:35:11", local(2017, 12, 23, hms(22, 15, 35) + 0.011)],
      ["20171223-9:5:0:119", local(2017, 12, 23, hms(9, 5, 0) + 0.119)],
      ["Sun Dec 04 04:47:44 2005", local(2005, 12, 4, hms(4, 47, 44))],
      ["[Sun Dec 04 04:47:44 2005]", local(2005, 12, 4, hms(4, 47, 44))],
      ["Sun Mar  1 12:34:56 UTC 2024", instant(utc(2024, 3, 1, 12, 34, 56))],
    ]);
  });

  it("reads Apache/nginx access-log times and RFC 2822 dates", () => {
    const base = utc(2024, 3, 1, 12, 34, 56);
    assertParses([
      ["01/Mar/2024:12:34:56 +0000", instant(base)],
      ["01/Mar/2024:12:34:56 -0700", instant(base + 7 * 3600)],
      ["[01/Mar/2024:12:34:56 +0000]", instant(base)],
      ["01-Mar-2024 12:34:56", local(2024, 3, 1, hms(12, 34, 56))],
      ["Fri, 01 Mar 2024 12:34:56 GMT", instant(base)],
      ["Fri, 1 Mar 2024 12:34:56 +0100", instant(base - 3600)],
    ]);
  });

  it("reads BSD syslog, Android and Proxifier times as year-less", () => {
    assertParses([
      ["Mar  1 12:34:56", yearless(3, 1, hms(12, 34, 56))],
      ["Mar 1 12:34:56.123", yearless(3, 1, hms(12, 34, 56) + 0.123)],
      ["Jun 14 15:16:01", yearless(6, 14, hms(15, 16, 1))],
      ["Feb 29 00:00:00", yearless(2, 29, 0)],
      ["03-17 16:13:38.811", yearless(3, 17, hms(16, 13, 38) + 0.811)],
      ["10.30 16:49:06", yearless(10, 30, hms(16, 49, 6))],
      ["[10.30 16:49:06]", yearless(10, 30, hms(16, 49, 6))],
      ["Mar  1 2024 12:34:56", local(2024, 3, 1, hms(12, 34, 56))],
    ]);
  });

  it("reads epoch numbers by their digit count: seconds, milliseconds, microseconds, nanoseconds", () => {
    assertParses([
      ["1700000000", instant(1700000000)],
      ["1700000000.25", instant(1700000000.25)],
      ["1700000000123", instant(1700000000.123)],
      ["1700000000123.5", instant(1700000000.1235)],
      ["1700000000123456", instant(1700000000.123456)],
      ["1700000000123456789", instant(1700000000 + 0.123456789)],
      ["1077804742", instant(1077804742)],
    ]);
    for (const text of ["170000000", "17000000001", "170000000012345", "17000000001234567890", "0"]) {
      assert.equal(parseTimestamp(text), null, text);
    }
  });

  it("rejects dates and times that cannot exist instead of moving them to another day", () => {
    for (const text of [
      "2024-02-30T00:00:00Z",
      "2024-04-31 00:00:00",
      "2023-02-29 00:00:00",
      "1900-02-29 00:00:00",
      "2024-13-01 00:00:00",
      "2024-00-10 00:00:00",
      "2024-03-00 00:00:00",
      "2024-03-01 25:00:00",
      "2024-03-01 12:60:00",
      "2024-03-01 12:00:61",
      "Feb 30 00:00:00",
      "Apr 31 12:00:00",
      "02-30 12:00:00",
      "13.01 12:00:00",
      "230229 120000",
      "31/Apr/2024:00:00:00 +0000",
      "2024-03-01T12:34:56+19:00",
    ]) {
      assert.equal(parseTimestamp(text), null, text);
    }
    assert.ok(parseTimestamp("2000-02-29 00:00:00") !== null, "2000 is a leap year");
    assertParses([["2016-12-31T23:59:60Z", instant(utc(2016, 12, 31, 23, 59, 59))]]);
  });

  it("needs the whole field to be the timestamp, blanks around it aside", () => {
    assertParses([["  2024-03-01T12:34:56Z\t", instant(utc(2024, 3, 1, 12, 34, 56))]]);
    for (const text of ["2024-03-01T12:34:56Zx", "2024-03-01", "12:34:56", "2024-03-01T12:34", "Mar 1", "x 2024-03-01 12:34:56", "", "12ms"]) {
      assert.equal(parseTimestamp(text), null, text);
    }
  });
});

describe("findLeadingTimestamp", () => {
  it("says where the timestamp at the start of a line ends", () => {
    const cases: Array<[string, number]> = [
      ["Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure", 15],
      ["Jul  1 09:00:55 calvisitor kernel[0]: x", 15],
      ["2015-07-29 17:41:44,747 - INFO  [QuorumPeer]", 23],
      ["2016-09-28 04:30:30, Info                  CBS    Loaded", 19],
      ["2024-03-01T12:34:56.123+02:00 host app: hi", 29],
      ["01/Mar/2024:12:34:56 +0000 GET /", 26],
      ["[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok", 26],
      ["[10.30 16:49:06] chrome.exe - proxy", 16],
      ["081109 203615 148 INFO dfs.DataNode$PacketResponder: x", 13],
      ["17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: x", 17],
      ["03-17 16:13:38.811  1702  2395 D WindowManager: x", 18],
      ["20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579", 21],
      ["1700000000.5 something", 12],
      ["2024-03-01 12:34:56 -0500 msg", 25],
      ["2024-03-01 12:34:56 - msg", 19],
    ];
    for (const [line, end] of cases) {
      const found = findLeadingTimestamp(line);
      assert.ok(found !== null, line);
      assert.equal(found.end, end, line);
    }
  });

  it("finds no timestamp in lines that only contain one later or glue letters to it", () => {
    for (const line of [
      "  at com.example.Foo.bar(Foo.java:12)",
      " Mar  1 12:34:56 host x",
      "134681 node-246 unix.hw state_change.unavailable 1077804742 1 x",
      "- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872",
      "nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:00:00.008 25746 INFO",
      "Marketing 12:34:56",
      "2024-03-01T12:34:56abc",
      "Caused by: java.lang.IllegalStateException",
      "",
    ]) {
      assert.equal(findLeadingTimestamp(line), null, line);
    }
  });
});

describe("findTimestampAt", () => {
  it("reads a timestamp that starts inside a line, such as after a syslog PRI", () => {
    assert.deepEqual(findTimestampAt("<34>Mar  1 12:34:56 host su: x", 4), {
      stamp: { kind: "yearless", month: 2, day: 1, secondsOfDay: hms(12, 34, 56) },
      end: 19,
    });
    assert.equal(findTimestampAt("<34>Mar  1 12:34:56 host su: x", 3), null);
  });
});
