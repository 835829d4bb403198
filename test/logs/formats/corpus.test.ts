import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inspectLogText } from "../../../lib/logs/formats/inspect-log";
import { readFixture, readFixtureText } from "../../fixtures/fixture-path";

/**
 * The acceptance corpus of issue #11: real public sample logs of every common shape
 * (test/fixtures/formats/README.md says where each comes from). Their expected record counts and
 * first and last times in test/fixtures/formats/manifest.json were computed by a separate Python
 * script written from each file's documented shape, not from the product's parser, so agreement is
 * evidence rather than an echo.
 */

interface ManifestEntry {
  /** Relative to test/fixtures, e.g. `formats/apache-combined.log` or `loghub-2k/HDFS/HDFS_2k.log`. */
  file: string;
  /** A built-in format name, `loghub:<Name>`, or a logparser template. */
  format: string;
  records: number;
  firstTime: string;
  lastTime: string;
  year?: number;
  tz?: string;
  shape: string;
  source: string;
}

const BUILT_IN = new Set(["syslog", "rfc5424", "json", "cri", "access", "w3c"]);

/** At least this share of the records must parse, with the declared format and with `auto`. */
const MIN_MATCH_RATE = 0.95;

function isEntry(value: unknown): value is ManifestEntry {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.file === "string" &&
    typeof v.format === "string" &&
    typeof v.records === "number" &&
    typeof v.firstTime === "string" &&
    typeof v.lastTime === "string" &&
    (v.year === undefined || typeof v.year === "number") &&
    (v.tz === undefined || typeof v.tz === "string") &&
    typeof v.shape === "string" &&
    typeof v.source === "string"
  );
}

function readManifest(): ManifestEntry[] {
  const parsed: unknown = JSON.parse(readFixtureText("formats", "manifest.json"));
  assert.ok(Array.isArray(parsed), "manifest.json holds an array");
  return parsed.map((entry: unknown, i) => {
    assert.ok(isEntry(entry), `manifest.json entry ${i} has file, format, records, firstTime, lastTime, shape and source`);
    return entry;
  });
}

/** The manifest's `YYYY-MM-DDTHH:MM:SSZ`: whatever precision the product reports, the fraction is dropped. */
function toSecond(time: string | null): string | null {
  if (time === null) return null;
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) return time;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

const manifest = readManifest();

describe("the format corpus (test/fixtures/formats)", () => {
  it("lists at least 30 files of at least 20 distinct formats, each once", () => {
    const files = manifest.map((e) => e.file);
    assert.equal(new Set(files).size, files.length);
    assert.ok(files.length >= 30, `${files.length} files`);
    assert.ok(new Set(manifest.map((e) => e.format)).size >= 20);
  });

  for (const entry of manifest) {
    const declared = { format: entry.format, year: entry.year, tz: entry.tz };
    const where = [entry.year === undefined ? "" : ` in ${entry.year}`, entry.tz === undefined ? "" : ` at ${entry.tz}`].join("");

    it(`reads ${entry.file} (${entry.shape}) as ${entry.format}${where}: ${entry.records} records from ${entry.firstTime} to ${entry.lastTime}, and auto-detection agrees`, () => {
      const bytes = readFixture(...entry.file.split("/"));

      const result = inspectLogText(bytes, declared);
      assert.equal(result.format, entry.format, "the declared format is the one read");
      assert.equal(result.records, entry.records, "records (lines that start a record)");
      assert.equal(toSecond(result.firstTime), entry.firstTime, "time of the first record in file order");
      assert.equal(toSecond(result.lastTime), entry.lastTime, "time of the last record in file order");
      assert.ok(result.matchRate >= MIN_MATCH_RATE, `match rate ${result.matchRate} with the declared format`);

      const auto = inspectLogText(bytes, { ...declared, format: "auto" });
      if (BUILT_IN.has(entry.format)) {
        assert.equal(auto.format, entry.format, "auto-detection picks the built-in format");
      } else {
        // A Loghub preset or a logparser template: auto may pick it, or any format that reads the
        // file as well (a generic one, another preset).
        assert.ok(
          auto.format === entry.format || auto.matchRate >= MIN_MATCH_RATE,
          `auto picked ${auto.format}, which parses only ${auto.matchRate} of the records`,
        );
      }
      assert.equal(auto.records, entry.records, `records when auto-detected as ${auto.format}`);
      assert.ok(auto.matchRate >= MIN_MATCH_RATE, `match rate ${auto.matchRate} when auto-detected as ${auto.format}`);
      if (auto.format === entry.format) {
        assert.equal(toSecond(auto.firstTime), entry.firstTime, "first time when auto-detected");
        assert.equal(toSecond(auto.lastTime), entry.lastTime, "last time when auto-detected");
      }
    });
  }
});
