import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UserInputError } from "@/lib/domain/user-input-error";
import { resolveTimeZone } from "@/lib/logs/formats/time-zone";

const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h, mi, s) / 1000;
const hms = (h: number, m: number, s = 0) => h * 3600 + m * 60 + s;

describe("resolveTimeZone", () => {
  it("reads no zone, an empty one and UTC spellings as UTC", () => {
    for (const tz of [undefined, "", "UTC", "utc", "Z", "GMT", "Etc/UTC"]) {
      const zone = resolveTimeZone(tz);
      assert.equal(zone.name, "UTC", String(tz));
      assert.equal(zone.fixedOffsetSeconds, 0);
      assert.equal(zone.toUtcSeconds(2024, 2, 1, hms(12, 0)), utc(2024, 3, 1, 12));
    }
  });

  it("reads fixed offsets with or without a colon, a UTC prefix or minutes", () => {
    const cases: Array<[string, number, string]> = [
      ["+02:00", 7200, "+02:00"],
      ["-0530", -19800, "-05:30"],
      ["+2", 7200, "+02:00"],
      ["UTC+2", 7200, "+02:00"],
      ["GMT-05:30", -19800, "-05:30"],
      ["+05:45", 20700, "+05:45"],
    ];
    for (const [tz, offset, name] of cases) {
      const zone = resolveTimeZone(tz);
      assert.equal(zone.fixedOffsetSeconds, offset, tz);
      assert.equal(zone.name, name, tz);
      assert.equal(zone.toUtcSeconds(2024, 2, 1, hms(12, 0)), utc(2024, 3, 1, 12) - offset, tz);
    }
  });

  it("follows an IANA zone's daylight saving time", () => {
    const paris = resolveTimeZone("Europe/Paris");
    assert.equal(paris.name, "Europe/Paris");
    assert.equal(paris.fixedOffsetSeconds, null);
    assert.equal(paris.toUtcSeconds(2024, 0, 15, hms(12, 0)), utc(2024, 1, 15, 11));
    assert.equal(paris.toUtcSeconds(2024, 6, 15, hms(12, 0)), utc(2024, 7, 15, 10));
    const newYork = resolveTimeZone("America/New_York");
    assert.equal(newYork.toUtcSeconds(2024, 6, 4, hms(9, 30)), utc(2024, 7, 4, 13, 30));
    assert.equal(newYork.toUtcSeconds(2024, 11, 25, hms(9, 30)), utc(2024, 12, 25, 14, 30));
    assert.equal(resolveTimeZone("Asia/Kolkata").toUtcSeconds(2024, 2, 1, hms(5, 30)), utc(2024, 3, 1));
  });

  it("moves a time in the spring-forward gap one gap-length later", () => {
    const paris = resolveTimeZone("Europe/Paris");
    // 2024-03-31: 02:00 CET jumps to 03:00 CEST at 01:00 UTC; 02:30 does not exist and reads as 03:30 CEST.
    assert.equal(paris.toUtcSeconds(2024, 2, 31, hms(2, 30)), utc(2024, 3, 31, 1, 30));
    assert.equal(paris.toUtcSeconds(2024, 2, 31, hms(1, 59, 59)), utc(2024, 3, 31, 0, 59, 59));
    assert.equal(paris.toUtcSeconds(2024, 2, 31, hms(3, 0)), utc(2024, 3, 31, 1));
    const newYork = resolveTimeZone("America/New_York");
    assert.equal(newYork.toUtcSeconds(2024, 2, 10, hms(2, 15)), utc(2024, 3, 10, 7, 15));
  });

  it("takes the earlier instant for a time the fall-back overlap makes happen twice", () => {
    const paris = resolveTimeZone("Europe/Paris");
    // 2024-10-27: 03:00 CEST falls back to 02:00 CET at 01:00 UTC; 02:30 happens at 00:30 and 01:30 UTC.
    assert.equal(paris.toUtcSeconds(2024, 9, 27, hms(2, 30)), utc(2024, 10, 27, 0, 30));
    assert.equal(paris.toUtcSeconds(2024, 9, 27, hms(1, 59)), utc(2024, 10, 26, 23, 59));
    assert.equal(paris.toUtcSeconds(2024, 9, 27, hms(3, 0)), utc(2024, 10, 27, 2));
    assert.equal(paris.toUtcSeconds(2024, 9, 27, hms(23, 0)), utc(2024, 10, 27, 22));
  });

  it("agrees with Intl on every hour of a year in a zone with a half-hour DST change", () => {
    const zone = resolveTimeZone("Australia/Lord_Howe");
    const format = new Intl.DateTimeFormat("en-US", {
      timeZone: "Australia/Lord_Howe", hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
    });
    for (let t = utc(2024, 1, 1); t < utc(2025, 1, 1); t += 3600 + 17 * 60) {
      const parts = Object.fromEntries(format.formatToParts(new Date(t * 1000)).map((part) => [part.type, Number(part.value)]));
      const back = zone.toUtcSeconds(parts.year ?? 0, (parts.month ?? 0) - 1, parts.day ?? 0, hms(parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0));
      // In the fall-back overlap the earlier reading is taken, which may be 30 minutes before t.
      assert.ok(back === t || back === t - 1800, `${new Date(t * 1000).toISOString()}: ${back - t}`);
    }
  });

  it("refuses an unknown zone or an offset beyond 18 hours with one sentence", () => {
    assert.throws(() => resolveTimeZone("Mars/Base"), (error: unknown) => {
      assert.ok(error instanceof UserInputError);
      assert.equal(error.message, '--tz "Mars/Base" is not a time zone: give an IANA name such as Europe/Paris or an offset such as +02:00.');
      return true;
    });
    // Found by test/server/http/input-fuzz.test.ts: a line break in the value broke the sentence in two.
    assert.throws(() => resolveTimeZone("\u0000\n\u0000"), (error: unknown) => {
      assert.ok(error instanceof UserInputError);
      assert.equal(error.message, '--tz "\\u0000\\n\\u0000" is not a time zone: give an IANA name such as Europe/Paris or an offset such as +02:00.');
      return true;
    });
    assert.throws(() => resolveTimeZone("+25:00"), UserInputError);
    assert.throws(() => resolveTimeZone("+02:75"), UserInputError);
  });

  it("resolves a zone once and reuses it", () => {
    assert.equal(resolveTimeZone("Europe/Paris"), resolveTimeZone(" Europe/Paris "));
  });
});
