import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatIsoUtc } from "../../lib/logs/format-iso-utc";
import { looksBinary } from "../../lib/logs/looks-binary";
import { SyslogClock, daysFromCivil } from "../../lib/logs/syslog-clock";

describe("SyslogClock", () => {
  it("places records in the given year, in UTC", () => {
    const clock = new SyslogClock({ year: 2005 });
    assert.equal(clock.toUnixSeconds(5, 14, 15 * 3600 + 16 * 60 + 1), Date.UTC(2005, 5, 14, 15, 16, 1) / 1000);
  });

  it("adds a year only when the month falls back by more than six", () => {
    const clock = new SyslogClock({ year: 2005 });
    clock.toUnixSeconds(11, 31, 0);
    assert.equal(clock.toUnixSeconds(0, 1, 0), Date.UTC(2006, 0, 1) / 1000);
    clock.toUnixSeconds(6, 1, 0);
    // July back to February is five months: the same year.
    assert.equal(clock.toUnixSeconds(1, 1, 0), Date.UTC(2006, 1, 1) / 1000);
    assert.equal(clock.yearRollovers, 1);
  });

  it("reads a month more than six ahead as a late line from the year before, never going back", () => {
    const clock = new SyslogClock({ year: 2006 });
    clock.toUnixSeconds(0, 1, 0);
    assert.equal(clock.toUnixSeconds(11, 31, 0), Date.UTC(2005, 11, 31) / 1000);
    assert.equal(clock.toUnixSeconds(0, 1, 60), Date.UTC(2006, 0, 1, 0, 1) / 1000);
    assert.equal(clock.yearRollovers, 0);
    assert.equal(clock.currentYear, 2006);
  });

  it("answers NaN for a date that cannot exist and stays where it was", () => {
    const clock = new SyslogClock({ year: 2005 });
    assert.equal(clock.toUnixSeconds(11, 31, 0), Date.UTC(2005, 11, 31) / 1000);
    assert.ok(Number.isNaN(clock.toUnixSeconds(1, 30, 0)));
    assert.ok(Number.isNaN(clock.toUnixSeconds(1, 29, 0)), "2006 is not a leap year");
    assert.ok(Number.isNaN(clock.toUnixSeconds(0, 0, 0)));
    assert.equal(clock.yearRollovers, 0);
    assert.equal(clock.toUnixSeconds(1, 28, 0), Date.UTC(2006, 1, 28) / 1000, "a real date after them still rolls over");
    assert.equal(clock.yearRollovers, 1);
  });

  it("subtracts a positive UTC offset and adds a negative one", () => {
    assert.equal(new SyslogClock({ year: 2005, utcOffsetMinutes: 90 }).toUnixSeconds(0, 1, 0), Date.UTC(2004, 11, 31, 22, 30) / 1000);
    assert.equal(new SyslogClock({ year: 2005, utcOffsetMinutes: -300 }).toUnixSeconds(0, 1, 0), Date.UTC(2005, 0, 1, 5) / 1000);
  });

  it("counts days like Date.UTC across leap years and centuries", () => {
    for (const year of [1900, 1969, 1970, 2000, 2004, 2100]) {
      for (let month = 0; month < 12; month++) {
        for (const day of [1, 28, 29, 31]) {
          assert.equal(daysFromCivil(year, month, day) * 86400000, Date.UTC(year, month, day), `${year}-${month + 1}-${day}`);
        }
      }
    }
  });
});

describe("formatIsoUtc", () => {
  it("writes YYYY-MM-DDTHH:MM:SSZ", () => {
    assert.equal(formatIsoUtc(0), "1970-01-01T00:00:00Z");
    assert.equal(formatIsoUtc(1118762160), "2005-06-14T15:16:00Z");
  });
});

describe("looksBinary", () => {
  const encode = (text: string) => new TextEncoder().encode(text);

  it("passes syslog text, UTF-8 and latin-1", () => {
    assert.equal(looksBinary(encode("Jun 14 15:16:01 combo sshd[1]: caf\u00e9\r\n\tmore\n")), false);
    assert.equal(looksBinary(Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x0a])), false);
    assert.equal(looksBinary(new Uint8Array(0)), false);
  });

  it("flags a NUL byte or mostly control bytes", () => {
    assert.equal(looksBinary(Uint8Array.from([0x1f, 0x8b, 0x08, 0x00])), true);
    assert.equal(looksBinary(Uint8Array.from({ length: 100 }, (_, i) => (i % 3 === 0 ? 1 : 65))), true);
  });
});
