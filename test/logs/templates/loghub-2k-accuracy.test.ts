import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LOGHUB_PRESETS } from "../../../lib/logs/formats/loghub-presets";
import type { FormatDefinition } from "../../../lib/logs/formats/types";
import { splitLines } from "../../../lib/logs/line-splitter";
import { groupingAccuracy } from "../../../lib/logs/templates/grouping-accuracy";
import { TemplateMiner } from "../../../lib/logs/templates/template-miner";
import { readFixture, readFixtureText } from "../../fixtures/fixture-path";
import { readCsvRecords } from "../read-csv";

// Drain's published grouping accuracy on each Loghub 2k sample (Zhu et al., "Tools and Benchmarks
// for Automated Log Parsing", ICSE-SEIP 2019), mean 0.866.
const DRAIN: Record<string, number> = {
  HDFS: 0.998, Hadoop: 0.948, Spark: 0.92, Zookeeper: 0.967, BGL: 0.963, HPC: 0.887, Thunderbird: 0.955, Windows: 0.997,
  Linux: 0.69, Android: 0.911, HealthApp: 0.78, Apache: 1, Proxifier: 0.527, OpenSSH: 0.788, OpenStack: 0.733, Mac: 0.787,
};

// What we measured when this test was written, rounded down to 3 decimals: a floor, raise it only.
const PINNED: Record<string, number> = {
  HDFS: 1, Hadoop: 0.989, Spark: 0.996, Zookeeper: 0.988, BGL: 0.995, HPC: 0.933, Thunderbird: 0.964, Windows: 1,
  Linux: 0.818, Android: 0.941, HealthApp: 1, Apache: 1, Proxifier: 1, OpenSSH: 1, OpenStack: 0.978, Mac: 0.95,
};

// The target for the mean over the 16 logs (Brain, an offline parser, publishes 0.983).
const TARGET_MEAN = 0.93;

/**
 * A preset's grouping accuracy on its 2k sample: every line parsed by the preset, the messages
 * mined in order with the preset's masks and the miner's defaults, each line's template id taken
 * once all are mined (word variants merged later count as one, as `resolve` says).
 */
function accuracyOf(preset: FormatDefinition): number {
  const system = preset.name.slice("loghub:".length);
  const dir = ["loghub-2k", system];
  const truth = readCsvRecords(readFixtureText(...dir, `${system}_2k.log_structured.csv`)).map((r) => r.EventId ?? "");
  const parser = preset.createParser({});
  const miner = new TemplateMiner({ customMasks: preset.masks });
  const ids = splitLines(readFixture(...dir, `${system}_2k.log`)).map((line) => {
    const record = parser.parseLine(line);
    assert.ok(record !== null && record !== "meta", `${system}: the preset rejects ${JSON.stringify(line)}`);
    return miner.add(record.message).templateId;
  });
  assert.equal(ids.length, truth.length, `${system}: lines and ground-truth rows`);
  return groupingAccuracy(ids.map((id) => miner.resolve(id)), truth);
}

describe("template mining on Loghub's 16 2k samples with their presets", () => {
  // Measured once per preset, whichever test asks first (so the mean can be run alone).
  const measured = new Map<string, number>();
  const accuracy = (preset: FormatDefinition): number => {
    const known = measured.get(preset.name);
    if (known !== undefined) return known;
    const value = accuracyOf(preset);
    measured.set(preset.name, value);
    return value;
  };
  const systemOf = (preset: FormatDefinition): string => preset.name.slice("loghub:".length);

  for (const preset of LOGHUB_PRESETS) {
    const system = systemOf(preset);
    it(`mines ${system}_2k at least as accurately as pinned (${PINNED[system]}; Drain ${DRAIN[system]})`, () => {
      const value = accuracy(preset);
      assert.ok(value >= (PINNED[system] ?? 1), `${system}: grouping accuracy ${value}`);
    });
  }

  it(`reaches a mean of at least ${TARGET_MEAN} over the 16 logs`, (t) => {
    assert.equal(LOGHUB_PRESETS.length, 16);
    let sum = 0;
    let drainSum = 0;
    for (const preset of LOGHUB_PRESETS) {
      const system = systemOf(preset);
      const value = accuracy(preset);
      sum += value;
      drainSum += DRAIN[system] ?? 0;
      t.diagnostic(`${system.padEnd(12)} ${value.toFixed(4)}  (Drain ${(DRAIN[system] ?? 0).toFixed(3)})`);
    }
    const mean = sum / LOGHUB_PRESETS.length;
    t.diagnostic(`${"mean".padEnd(12)} ${mean.toFixed(4)}  (Drain ${(drainSum / LOGHUB_PRESETS.length).toFixed(3)})`);
    assert.ok(mean >= TARGET_MEAN, `mean grouping accuracy ${mean}`);
  });
});
