import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LOGHUB_PRESETS } from "../../../lib/logs/formats/loghub-presets";
import type { RecordFields, Stamp } from "../../../lib/logs/formats/types";
import { splitLines } from "../../../lib/logs/line-splitter";
import { compileMasks } from "../../../lib/logs/templates/custom-masks";
import { readFixture, readFixtureText } from "../../fixtures/fixture-path";
import { readCsvRecords } from "../read-csv";

const SYSTEMS = [
  "HDFS", "Hadoop", "Spark", "Zookeeper", "BGL", "HPC", "Thunderbird", "Windows",
  "Linux", "Android", "HealthApp", "Apache", "Proxifier", "OpenSSH", "OpenStack", "Mac",
];

// Which kind of stamp each log's time gives (docs/pipeline.md §1b): epoch columns are instants,
// year-less ones need --year.
const STAMP_KIND: Record<string, Stamp["kind"]> = {
  BGL: "instant", HPC: "instant", Thunderbird: "instant",
  Linux: "yearless", OpenSSH: "yearless", Mac: "yearless", Android: "yearless", Proxifier: "yearless",
};

// The first record of a few samples, field by field, where logparser names a field after something else.
const FIRST_RECORD: Record<string, Partial<RecordFields>> = {
  Linux: { host: "combo", process: "sshd(pam_unix)", level: "" },
  OpenSSH: { host: "LabSZ", process: "sshd", level: "" },
  Thunderbird: { host: "dn228", process: "crond(pam_unix)", stamp: { kind: "instant", seconds: 1131566461 } },
  BGL: { host: "R02-M1-N0-C:J12-U11", process: "KERNEL", level: "INFO", stamp: { kind: "instant", seconds: 1117838570 } },
  Zookeeper: { host: "", level: "INFO" },
  Proxifier: { process: "chrome.exe", stamp: { kind: "yearless", month: 9, day: 30, secondsOfDay: 60546 } },
  HDFS: { process: "dfs.DataNode$PacketResponder", stamp: { kind: "local", year: 2008, month: 10, day: 9, secondsOfDay: 74175 } },
};

describe("LOGHUB_PRESETS", () => {
  it("names one preset per Loghub system loghub:<System>, each with continuations and valid masks", () => {
    assert.deepEqual(LOGHUB_PRESETS.map((p) => p.name), SYSTEMS.map((s) => `loghub:${s}`));
    for (const preset of LOGHUB_PRESETS) {
      assert.equal(preset.continuations, true);
      assert.doesNotThrow(() => compileMasks(preset.masks), preset.name);
    }
  });

  it("carries logparser's published regexes as masks", () => {
    const masks = (system: string) => LOGHUB_PRESETS.find((p) => p.name === `loghub:${system}`)?.masks.map((m) => m.pattern);
    assert.deepEqual(masks("HDFS"), [String.raw`blk_-?\d+`, String.raw`(\d+\.){3}\d+(:\d+)?`]);
    assert.deepEqual(masks("BGL"), [String.raw`core\.\d+`]);
    assert.deepEqual(masks("HealthApp"), []);
  });

  for (const system of SYSTEMS) {
    it(`reads every line of ${system}_2k as a record whose message is Loghub's Content`, () => {
      const preset = LOGHUB_PRESETS.find((p) => p.name === `loghub:${system}`);
      assert.ok(preset);
      const rows = readCsvRecords(readFixtureText("loghub-2k", system, `${system}_2k.log_structured.csv`));
      const lines = splitLines(readFixture("loghub-2k", system, `${system}_2k.log`));
      assert.equal(lines.length, rows.length);
      const parser = preset.createParser({});
      lines.forEach((line, i) => {
        const record = parser.parseLine(line);
        assert.ok(record !== null && record !== "meta", `line ${i + 1} is not a record: ${line}`);
        // Loghub strips the whitespace around Content; we keep the message as written.
        assert.equal(record.message.trim(), (rows[i]?.Content ?? "").trim(), `line ${i + 1}`);
        assert.equal(record.stamp.kind, STAMP_KIND[system] ?? "local", `line ${i + 1}`);
        if (i === 0) {
          const expected = FIRST_RECORD[system] ?? {};
          for (const [field, value] of Object.entries(expected)) assert.deepEqual(record[field as keyof RecordFields], value, field);
        }
      });
    });
  }
});
