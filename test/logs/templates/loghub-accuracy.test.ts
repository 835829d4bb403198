import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { splitLines } from "../../../lib/logs/line-splitter";
import { parseLine } from "../../../lib/logs/parse-line";
import { groupingAccuracy } from "../../../lib/logs/templates/grouping-accuracy";
import { TemplateMiner } from "../../../lib/logs/templates/template-miner";
import type { TemplateMinerOptions } from "../../../lib/logs/templates/types";
import { readFixture, readFixtureText } from "../../fixtures/fixture-path";
import { readCsvRecords } from "../read-csv";

function loghub(name: string) {
  const rows = readCsvRecords(readFixtureText("loghub", `${name}_2k.log_structured.csv`));
  const lines = splitLines(readFixture("loghub", `${name}_2k.log`));
  return {
    content: rows.map((r) => r.Content ?? ""),
    truth: rows.map((r) => r.EventId ?? ""),
    messages: lines.map((line) => parseLine(line)?.message ?? ""),
  };
}

/** Each message's template id once every message is mined: word variants merged later count as one. */
function mine(messages: string[], options?: TemplateMinerOptions): number[] {
  const miner = new TemplateMiner(options);
  const ids = messages.map((m) => miner.add(m).templateId);
  return ids.map((id) => miner.resolve(id));
}

// Drain's published grouping accuracy (Zhu et al., ICSE-SEIP 2019, Loghub benchmark).
const DRAIN_PUBLISHED = { Linux: 0.69, OpenSSH: 0.7875 };
// logparser's Drain benchmark settings for these two datasets.
const LOGPARSER_SETTINGS = { Linux: { depth: 6, similarityThreshold: 0.39 }, OpenSSH: { depth: 5, similarityThreshold: 0.6 } };
// Drain itself: its similarity, words generalised like any token, one token count per template.
const DRAIN_ONLY = { maskedMatchesWildcard: false, wordVariantLimit: 0, matchAcrossLengths: false };
// Pinned so that a change in masking or matching shows up. 0.7515 and 0.9945 before issue #11; the
// word variants, digit shapes and skeletons of template-miner.ts raised them (only upward, ever).
const PINNED = { Linux: 0.8185, OpenSSH: 1 };

describe("template mining on Loghub's 2k samples", () => {
  const data = { Linux: loghub("Linux"), OpenSSH: loghub("OpenSSH") };

  for (const name of ["Linux", "OpenSSH"] as const) {
    it(`mines ${name}_2k with the default options at least as accurately as Drain's published ${DRAIN_PUBLISHED[name]}`, () => {
      const { content, truth } = data[name];
      const accuracy = groupingAccuracy(mine(content), truth);
      assert.ok(accuracy >= DRAIN_PUBLISHED[name], `grouping accuracy ${accuracy}`);
      assert.equal(accuracy, PINNED[name]);
    });

    it(`gives ${name}_2k the same groups whether it mines Loghub's Content or the docs/pipeline.md §1 parsed message`, () => {
      const { content, messages } = data[name];
      assert.deepEqual(mine(messages), mine(content));
    });

    it(`reproduces Drain's published ${DRAIN_PUBLISHED[name]} on ${name}_2k with Drain's own similarity and logparser's settings`, () => {
      const { content, truth } = data[name];
      const ids = mine(content, { ...LOGPARSER_SETTINGS[name], ...DRAIN_ONLY });
      assert.equal(groupingAccuracy(ids, truth), DRAIN_PUBLISHED[name]);
    });
  }

  // 0.8105 and 0.9945 before issue #11.
  it("reaches 0.8775 on Linux_2k with the tuned threshold 0.8, without losing OpenSSH_2k", () => {
    const tuned = { similarityThreshold: 0.8 };
    assert.equal(groupingAccuracy(mine(data.Linux.content, tuned), data.Linux.truth), 0.8775);
    assert.equal(groupingAccuracy(mine(data.OpenSSH.content, tuned), data.OpenSSH.truth), 1);
  });
});
