import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RecordClock } from "@/lib/logs/formats/record-clock";
import { findLeadingTimestamp, parseTimestamp } from "@/lib/logs/formats/timestamps";
import type { Stamp } from "@/lib/logs/formats/types";
import { readFixtureText } from "../../fixtures/fixture-path";

/** The lines of a Loghub 2k sample (test/fixtures/loghub-2k), CRLF taken off. */
function sample(name: string): string[] {
  return readFixtureText("loghub-2k", name, `${name}_2k.log`)
    .split("\n")
    .map((line) => line.replace(/\r$/, ""))
    .filter((line) => line !== "");
}

/** Where each dataset's timestamp stops, by an independent regex, and the kind of stamp it gives. */
const LEADING: Array<[string, RegExp, Stamp["kind"]]> = [
  ["Android", /^\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}/, "yearless"],
  ["Apache", /^\[\w{3} \w{3} \d\d \d\d:\d\d:\d\d \d{4}\]/, "local"],
  ["HDFS", /^\d{6} \d{6}/, "local"],
  ["Hadoop", /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}/, "local"],
  ["HealthApp", /^\d{8}-\d{1,2}:\d{1,2}:\d{1,2}:\d{1,3}/, "local"],
  ["Linux", /^\w{3} +\d{1,2} \d\d:\d\d:\d\d/, "yearless"],
  ["Mac", /^\w{3} +\d{1,2} \d\d:\d\d:\d\d/, "yearless"],
  ["OpenSSH", /^\w{3} +\d{1,2} \d\d:\d\d:\d\d/, "yearless"],
  ["Proxifier", /^\[\d\d\.\d\d \d\d:\d\d:\d\d\]/, "yearless"],
  ["Spark", /^\d\d\/\d\d\/\d\d \d\d:\d\d:\d\d/, "local"],
  ["Windows", /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/, "local"],
  ["Zookeeper", /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}/, "local"],
];

describe("timestamps on the Loghub 2k samples", () => {
  for (const [name, pattern, kind] of LEADING) {
    it(`finds the timestamp at the start of every ${name} line and where it ends`, () => {
      const lines = sample(name);
      assert.equal(lines.length, 2000);
      for (const line of lines) {
        const found = findLeadingTimestamp(line);
        assert.ok(found !== null, line);
        assert.equal(found.stamp.kind, kind, line);
        assert.equal(found.end, pattern.exec(line)?.[0].length, line);
      }
    });
  }

  it("reads every HPC epoch field and every OpenStack date-time pair", () => {
    for (const line of sample("HPC")) {
      const epoch = line.split(" ")[4] ?? "";
      assert.deepEqual(parseTimestamp(epoch), { kind: "instant", seconds: Number(epoch) }, line);
    }
    for (const line of sample("OpenStack")) {
      const [, date, time] = line.split(" ");
      assert.equal(parseTimestamp(`${date} ${time}`)?.kind, "local", line);
    }
  });

  // BGL and Thunderbird carry each record's time twice: as epoch seconds, and as Pacific wall-clock
  // time. Read in America/Los_Angeles (PDT in June, PST in November), both must agree on every line.
  it("places BGL's wall-clock times on their epoch seconds when read in America/Los_Angeles", () => {
    const clock = new RecordClock({ year: 2005, tz: "America/Los_Angeles" });
    for (const line of sample("BGL")) {
      const fields = line.split(" ");
      const epoch = parseTimestamp(fields[1] ?? "");
      const wall = parseTimestamp(fields[4] ?? "");
      assert.ok(epoch !== null && wall !== null, line);
      assert.equal(clock.toUnixSeconds(wall), clock.toUnixSeconds(epoch), line);
    }
  });

  it("places Thunderbird's year-less syslog times on their epoch seconds when read in America/Los_Angeles", () => {
    const clock = new RecordClock({ year: 2005, tz: "America/Los_Angeles" });
    for (const line of sample("Thunderbird")) {
      const fields = line.split(/ +/);
      const epoch = parseTimestamp(fields[1] ?? "");
      const wall = parseTimestamp(fields.slice(4, 7).join(" "));
      assert.equal(wall?.kind, "yearless", line);
      assert.ok(epoch !== null && wall !== null, line);
      assert.equal(clock.toUnixSeconds(wall), clock.toUnixSeconds(epoch), line);
    }
    assert.equal(clock.yearRollovers, 0);
  });
});
