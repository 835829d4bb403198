import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RecordClock, inferYear } from "@/lib/logs/formats/record-clock";
import { resolveTimeZone } from "@/lib/logs/formats/time-zone";
import type { Stamp } from "@/lib/logs/formats/types";

const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
const yearless = (month: number, day: number, secondsOfDay = 0): Stamp => ({ kind: "yearless", month: month - 1, day, secondsOfDay });
const local = (year: number, month: number, day: number, secondsOfDay = 0): Stamp => ({ kind: "local", year, month: month - 1, day, secondsOfDay });

describe("RecordClock", () => {
  it("passes instants through, flooring the fraction", () => {
    const clock = new RecordClock({ year: 2005, tz: "Europe/Paris" });
    assert.equal(clock.toUnixSeconds({ kind: "instant", seconds: 1700000000.999 }), 1700000000);
    assert.equal(clock.toUnixSeconds({ kind: "instant", seconds: Number.NaN }), null);
  });

  it("reads local times in the zone, UTC by default", () => {
    assert.equal(new RecordClock({ year: 2005 }).toUnixSeconds(local(2024, 3, 1, 45296.7)), utc(2024, 3, 1, 12, 34, 56));
    assert.equal(new RecordClock({ year: 2005, tz: "+02:00" }).toUnixSeconds(local(2024, 3, 1, 3600)), utc(2024, 2, 29, 23));
    assert.equal(new RecordClock({ year: 2005, tz: resolveTimeZone("America/New_York") }).toUnixSeconds(local(2024, 7, 4)), utc(2024, 7, 4, 4));
  });

  it("places year-less stamps in the given year and the zone", () => {
    const clock = new RecordClock({ year: 2005, tz: "Europe/Paris" });
    assert.equal(clock.toUnixSeconds(yearless(6, 14, 15 * 3600)), utc(2005, 6, 14, 13));
    assert.equal(clock.currentYear, 2005);
  });

  it("adds a year only when the month falls back by more than six, and never goes back", () => {
    const clock = new RecordClock({ year: 2005 });
    clock.toUnixSeconds(yearless(12, 31));
    assert.equal(clock.toUnixSeconds(yearless(1, 1)), utc(2006, 1, 1));
    clock.toUnixSeconds(yearless(7, 1));
    // July back to February is five months: the same year, and a record out of order stays in it.
    assert.equal(clock.toUnixSeconds(yearless(2, 1)), utc(2006, 2, 1));
    assert.equal(clock.toUnixSeconds(yearless(8, 1)), utc(2006, 8, 1));
    assert.equal(clock.yearRollovers, 1);
    assert.equal(clock.currentYear, 2006);
  });

  it("places a month more than six ahead in the year before, and leaves the clock where it was", () => {
    const clock = new RecordClock({ year: 2006 });
    clock.toUnixSeconds(yearless(1, 1));
    // A "Dec 31" line among "Jan 1" lines: late, from the year before, not 364 days later.
    assert.equal(clock.toUnixSeconds(yearless(12, 31, 3600)), utc(2005, 12, 31, 1));
    assert.equal(clock.toUnixSeconds(yearless(1, 2)), utc(2006, 1, 2));
    assert.equal(clock.yearRollovers, 0);
    assert.equal(clock.currentYear, 2006);
  });

  it("ignores local and instant stamps when applying the rollover rule", () => {
    const clock = new RecordClock({ year: 2005 });
    clock.toUnixSeconds(yearless(3, 1));
    clock.toUnixSeconds(local(2004, 12, 1));
    assert.equal(clock.toUnixSeconds(yearless(3, 2)), utc(2005, 3, 2));
    assert.equal(clock.yearRollovers, 0);
  });

  it("rejects Feb 29 in a non-leap year without moving it or the clock", () => {
    const clock = new RecordClock({ year: 2023 });
    clock.toUnixSeconds(yearless(2, 28));
    assert.equal(clock.toUnixSeconds(yearless(2, 29)), null);
    assert.equal(clock.toUnixSeconds(local(2023, 2, 29)), null);
    assert.equal(clock.toUnixSeconds(yearless(3, 1)), utc(2023, 3, 1));
    assert.equal(new RecordClock({ year: 2024 }).toUnixSeconds(yearless(2, 29)), utc(2024, 2, 29));
  });

  it("accepts Feb 29 when a rollover lands it in a leap year", () => {
    const clock = new RecordClock({ year: 2023 });
    clock.toUnixSeconds(yearless(12, 31));
    assert.equal(clock.toUnixSeconds(yearless(2, 29)), utc(2024, 2, 29));
    assert.equal(clock.yearRollovers, 1);
  });

  it("refuses a year that is not an integer", () => {
    assert.throws(() => new RecordClock({ year: 2005.5 }), RangeError);
  });
});

describe("inferYear", () => {
  const now = new Date(Date.UTC(2025, 2, 15, 12)); // 2025-03-15 12:00 UTC

  it("takes the latest year that puts no record after the moment of reading", () => {
    assert.equal(inferYear([yearless(3, 1), yearless(3, 15, 11 * 3600)], now), 2025);
    assert.equal(inferYear([yearless(3, 1), yearless(3, 15, 13 * 3600)], now), 2024);
    assert.equal(inferYear([yearless(6, 14)], now), 2024);
  });

  it("counts rollovers within the sample and answers the year of its first record", () => {
    assert.equal(inferYear([yearless(11, 20), yearless(12, 31), yearless(1, 2), yearless(2, 1)], now), 2024);
    assert.equal(inferYear([yearless(11, 20), yearless(1, 2), yearless(3, 16)], now), 2023);
  });

  it("counts a late line from the year before without pushing the first record's year back", () => {
    // Jan 2 .. (Dec 31 late) .. Mar 1: the Dec 31 line is 2024's, so 2025 puts nothing after now.
    assert.equal(inferYear([yearless(1, 2), yearless(12, 31), yearless(3, 1)], now), 2025);
  });

  it("steps back to a year in which every Feb 29 exists", () => {
    assert.equal(inferYear([yearless(2, 28), yearless(2, 29)], now), 2024);
    assert.equal(inferYear([yearless(2, 29)], new Date(Date.UTC(2027, 5, 1))), 2024);
    assert.equal(inferYear([yearless(12, 1), yearless(2, 29)], new Date(Date.UTC(2025, 5, 1))), 2023);
  });

  it("reads the sample in the given zone near New Year", () => {
    const newYear = new Date(Date.UTC(2024, 11, 31, 23, 30)); // 00:30 on Jan 1 2025 in Paris
    assert.equal(inferYear([yearless(1, 1, 600)], newYear, "Europe/Paris"), 2025);
    assert.equal(inferYear([yearless(1, 1, 600)], newYear), 2024);
  });

  it("answers the current UTC year when the sample has no year-less stamp", () => {
    assert.equal(inferYear([local(2010, 1, 1), { kind: "instant", seconds: 0 }], now), 2025);
    assert.equal(inferYear([], now), 2025);
  });
});
