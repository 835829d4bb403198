import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseSyslogVariant, syslogVariants } from "@/lib/logs/formats/syslog-variants";
import type { RecordFields } from "@/lib/logs/formats/types";
import { splitLines } from "@/lib/logs/line-splitter";
import { parseLine } from "@/lib/logs/parse-line";
import { readFixture } from "../../fixtures/fixture-path";

const at = (hh: number, mm: number, ss: number): number => hh * 3600 + mm * 60 + ss;

function parse(line: string): RecordFields {
  const verdict = parseSyslogVariant(line);
  assert.ok(verdict !== null && typeof verdict === "object", `should be a record: ${line}`);
  return verdict;
}

describe("syslog variants", () => {
  it("reads an RFC 3164 line with a <PRI> prefix, whose severity (34 mod 8 = 2) is the level", () => {
    assert.deepEqual(parse("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8"), {
      stamp: { kind: "yearless", month: 9, day: 11, secondsOfDay: at(22, 14, 15) },
      host: "mymachine",
      process: "su",
      level: "2",
      message: "'su root' failed for lonvick on /dev/pts/8",
    });
  });

  it("keeps fractional seconds of a BSD timestamp and drops the pid from the process", () => {
    const record = parse("Oct 11 22:14:15.123 host proc[1]: msg");
    assert.equal(record.stamp.kind, "yearless");
    assert.ok(record.stamp.kind === "yearless" && Math.abs(record.stamp.secondsOfDay - at(22, 14, 15.123)) < 1e-9);
    assert.deepEqual([record.host, record.process, record.level, record.message], ["host", "proc", "", "msg"]);
  });

  it("reads rsyslog's RFC 3339 timestamp with microseconds and a +01:00 offset as an instant", () => {
    const record = parse("2024-03-01T12:34:56.123456+01:00 host proc[123]: msg");
    assert.ok(record.stamp.kind === "instant");
    assert.ok(Math.abs(record.stamp.seconds - (Date.UTC(2024, 2, 1, 11, 34, 56) / 1000 + 0.123456)) < 1e-6);
    assert.deepEqual([record.host, record.process, record.message], ["host", "proc", "msg"]);
  });

  it("reads journalctl short-iso's +0100 offset", () => {
    assert.deepEqual(parse("2024-03-01T12:34:56+0100 host proc: msg"), {
      stamp: { kind: "instant", seconds: Date.UTC(2024, 2, 1, 11, 34, 56) / 1000 },
      host: "host",
      process: "proc",
      level: "",
      message: "msg",
    });
  });

  it("combines a <PRI> prefix with an ISO timestamp, and reads a zone-less one as local time", () => {
    assert.equal(parse("<165>2024-03-01T12:34:56Z web01 app: started").level, "5");
    assert.deepEqual(parse("2024-03-01T12:34:56 web01 app: started").stamp, {
      kind: "local",
      year: 2024,
      month: 2,
      day: 1,
      secondsOfDay: at(12, 34, 56),
    });
  });

  it("reads a classic line exactly as docs/pipeline.md §1 does", () => {
    const lines = [
      "Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0",
      "Jun 15 04:06:18 combo kernel:  Linux version 2.6.5",
      "Jul  1 09:00:55 calvisitor-10-105-160-95 syslogd 1.4.1: restart.",
      "Jul  1 09:00:55 host proc: a: b [1]: c",
      "Jul  1 09:00:55 host proc:",
    ];
    for (const line of lines) {
      const classic = parseLine(line);
      const variant = parse(line);
      assert.ok(classic);
      assert.deepEqual([variant.host, variant.process, variant.message], [classic.host, classic.process, classic.message], line);
    }
  });

  it("agrees with §1 on every line of Loghub's Linux and OpenSSH samples", () => {
    for (const name of ["Linux_2k.log", "OpenSSH_2k.log"]) {
      const lines = splitLines(readFixture("loghub", name));
      lines.forEach((line, i) => {
        const classic = parseLine(line);
        const variant = parseSyslogVariant(line);
        assert.ok(classic && variant && variant !== "meta", `${name} line ${i + 1}`);
        assert.deepEqual([variant.host, variant.process, variant.message], [classic.host, classic.process, classic.message]);
        assert.deepEqual(variant.stamp, { kind: "yearless", month: classic.month, day: classic.day, secondsOfDay: classic.secondsOfDay });
      });
    }
  });

  it("takes one trailing \\r off the message", () => {
    assert.equal(parse("<13>Oct 11 22:14:15.5 host proc: hello\r").message, "hello");
  });

  it("is not a record without a tag, for an RFC 5424 line, a bare epoch number, a PRI above 191 or plain text", () => {
    for (const line of [
      "Oct 11 22:14:15.123 host no colon here",
      "<34>1 2024-03-01T12:34:56Z host app 123 ID47 - msg",
      "1709296496 host proc: msg",
      "<999>Oct 11 22:14:15 host proc: msg",
      "hello world: not syslog",
      "",
    ]) {
      assert.equal(parseSyslogVariant(line), null, line);
    }
  });

  it("is not a record on an impossible date (Feb 30), with or without a year", () => {
    assert.equal(parseSyslogVariant("2024-02-30T12:00:00Z host proc: msg"), null);
    assert.equal(parseSyslogVariant("<34>Feb 30 12:00:00.5 host proc: msg"), null);
    assert.equal(parseSyslogVariant("2023-02-29T12:00:00Z host proc: msg"), null);
  });

  it("is the syslog format, with no continuations", () => {
    assert.equal(syslogVariants.name, "syslog");
    assert.equal(syslogVariants.continuations, false);
    assert.ok(syslogVariants.createParser({}).parseLine("<34>Oct 11 22:14:15 h p: m"));
  });
});
