import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UserInputError } from "@/lib/domain/user-input-error";
import { compileLeadingTimeFormat, compileTimeFormat } from "@/lib/logs/formats/time-format";

const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
const hms = (h: number, m: number, s: number) => h * 3600 + m * 60 + s;

function refusal(pattern: string): string {
  try {
    compileTimeFormat(pattern);
  } catch (error) {
    assert.ok(error instanceof UserInputError, pattern);
    return error.message;
  }
  assert.fail(`${pattern} should be refused`);
}

describe("compileTimeFormat", () => {
  it("reads day-first dates, which the built-in shapes leave alone as ambiguous", () => {
    const read = compileTimeFormat("%d/%m/%Y:%H:%M:%S");
    assert.deepEqual(read("03/01/2024:12:34:56"), { kind: "local", year: 2024, month: 0, day: 3, secondsOfDay: hms(12, 34, 56) });
    assert.equal(read("31/02/2024:12:34:56"), null);
    assert.equal(read("03/01/2024 12:34:56"), null);
  });

  it("reads a 12-hour clock with %I and %p, 12 AM being midnight and 12 PM noon", () => {
    const read = compileTimeFormat("%m/%d/%Y %I:%M:%S %p");
    assert.equal(read("03/01/2024 12:05:00 AM")?.kind, "local");
    assert.deepEqual(read("03/01/2024 12:05:00 AM"), { kind: "local", year: 2024, month: 2, day: 1, secondsOfDay: hms(0, 5, 0) });
    assert.deepEqual(read("03/01/2024 12:05:00 pm"), { kind: "local", year: 2024, month: 2, day: 1, secondsOfDay: hms(12, 5, 0) });
    assert.deepEqual(read("03/01/2024 1:05:00 PM"), { kind: "local", year: 2024, month: 2, day: 1, secondsOfDay: hms(13, 5, 0) });
    assert.equal(read("03/01/2024 13:05:00 PM"), null);
  });

  it("turns %z and %Z into instants and leaves a pattern without a year year-less", () => {
    assert.deepEqual(compileTimeFormat("%Y-%m-%dT%H:%M:%S%z")("2024-03-01T12:34:56+0200"), { kind: "instant", seconds: utc(2024, 3, 1, 10, 34, 56) });
    assert.deepEqual(compileTimeFormat("%Y-%m-%d %H:%M:%S %Z")("2024-03-01 12:34:56 UTC"), { kind: "instant", seconds: utc(2024, 3, 1, 12, 34, 56) });
    assert.equal(compileTimeFormat("%Y-%m-%d %H:%M:%S %Z")("2024-03-01 12:34:56 CET"), null);
    assert.deepEqual(compileTimeFormat("%b %e %H:%M:%S")("Mar  1 12:34:56"), { kind: "yearless", month: 2, day: 1, secondsOfDay: hms(12, 34, 56) });
    assert.deepEqual(compileTimeFormat("%d %B %H:%M")("29 february 08:00"), { kind: "yearless", month: 1, day: 29, secondsOfDay: hms(8, 0, 0) });
  });

  it("reads %y, %j, %f, %s, %a and the %T/%F shorthands", () => {
    assert.deepEqual(compileTimeFormat("%y%m%d %H%M%S")("081109 203615"), { kind: "local", year: 2008, month: 10, day: 9, secondsOfDay: hms(20, 36, 15) });
    assert.deepEqual(compileTimeFormat("%Y.%j %T")("2024.060 00:00:01"), { kind: "local", year: 2024, month: 1, day: 29, secondsOfDay: 1 });
    assert.equal(compileTimeFormat("%Y.%j %T")("2023.366 00:00:01"), null);
    const withFraction = compileTimeFormat("%F %T.%f")("2024-03-01 12:34:56.5");
    assert.deepEqual(withFraction, { kind: "local", year: 2024, month: 2, day: 1, secondsOfDay: hms(12, 34, 56) + 0.5 });
    assert.deepEqual(compileTimeFormat("@%s")("@1700000000"), { kind: "instant", seconds: 1700000000 });
    assert.deepEqual(compileTimeFormat("%a %b %d %H:%M:%S %Y")("Sun Dec 04 04:47:44 2005"), { kind: "local", year: 2005, month: 11, day: 4, secondsOfDay: hms(4, 47, 44) });
    assert.deepEqual(compileTimeFormat("%%%Y-%m-%d %H:%M")("%2024-03-01 12:34"), { kind: "local", year: 2024, month: 2, day: 1, secondsOfDay: hms(12, 34, 0) });
  });

  it("matches at the start of a line and says where the time ends", () => {
    const read = compileLeadingTimeFormat("%d.%m.%Y %H:%M:%S");
    assert.deepEqual(read("01.03.2024 12:34:56 ERROR boom"), {
      stamp: { kind: "local", year: 2024, month: 2, day: 1, secondsOfDay: hms(12, 34, 56) },
      end: 19,
    });
    assert.equal(read("  at Foo.bar"), null);
  });

  it("refuses an unknown directive, a lone %, a repeated field and patterns without a day or a time", () => {
    assert.match(refusal("%Y-%m-%d %H:%M:%Q"), /^--time-format "%Y-%m-%d %H:%M:%Q" uses "%Q", which is not a directive Logscope knows: use .*\.$/);
    assert.match(refusal("%Y-%m-%d %H:%M %"), /ends with a lone %/);
    assert.match(refusal("%d %d %m %H:%M"), /reads the day twice/);
    assert.match(refusal("%H:%M:%S"), /has no complete date: add %d with %m/);
    assert.match(refusal("%Y-%m-%d"), /has no time of day: add %H and %M/);
    assert.match(refusal("%Y-%m-%d %I:%M"), /needs %I and %p together/);
    assert.match(refusal("%Y %j %m %H:%M"), /both %j and a month or day/);
    assert.match(refusal("  "), /^--time-format is empty/);
    for (const pattern of ["%Q", "%H:%M", "%Y-%m-%d"]) {
      const message = refusal(pattern);
      assert.equal(message.split(/[.!?](\s|$)/).filter((part) => part.trim() !== "").length, 1, `one sentence: ${message}`);
    }
  });
});
