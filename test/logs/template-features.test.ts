import type { TemplateMinerJson } from "@/lib/logs/templates";
import type { FeatureSet } from "@/lib/domain/types";
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { extractWindowsFromText } from "../../lib/logs/extract-windows";
import { RARE_LINE_FRACTION, RARE_MIN_LINES, rareLineThreshold } from "../../lib/logs/template-features";
import { TemplateMiner } from "../../lib/logs/templates/template-miner";
import { templateIdsOf, templateLineCountsOf, templateLines } from "../../lib/logs/template-lines";
import { EXTENDED_FEATURE_NAMES, FEATURE_NAMES, featureNamesFor, type ExtractionResult, type LogRecord } from "../../lib/logs/types";
import { computeWindowFeatures } from "../../lib/logs/window-features";

const DISTINCT = 8;
const RARE = 9;
const UNSEEN = 10;
const ERRORS = 11;

const record = (ts: number, message: string, host = "h"): LogRecord => ({ ts, host, process: "p", pid: null, message });

// Window [0, 60): four logins and a disk error; window [60, 120): a panic, then a login twice.
// Templates in order of first occurrence: 0 "session opened for user <*>" (6 lines), 1 "disk error
// on sda" (1 line), 2 "kernel panic now" (1 line). Six lines is above the floor of 5, so only
// templates 1 and 2 are rare.
const FIXTURE: LogRecord[] = [
  record(1, "session opened for user u1"),
  record(2, "session opened for user u2"),
  record(3, "disk error on sda"),
  record(4, "session opened for user u3"),
  record(5, "session opened for user u4"),
  record(61, "kernel panic now"),
  record(62, "session opened for user u5"),
  record(63, "session opened for user u5", "h2"),
];

const lineOf = (stamp: string, message: string) => `${stamp} host sshd[7]: ${message}`;

function extract(input: string | Uint8Array, features: FeatureSet, extra: { trainedTemplates?: ExtractionResult["templates"] } = {}) {
  return extractWindowsFromText(input, {
    year: 2005, window: 60, features, trainedTemplates: extra.trainedTemplates?.miner,
  });
}

describe("featureNamesFor", () => {
  it("gives the eight SPEC columns for seed and those plus four template columns and error-level records for extended", () => {
    assert.deepEqual(featureNamesFor("seed"), FEATURE_NAMES);
    assert.deepEqual(featureNamesFor("extended"), [
      ...FEATURE_NAMES, "distinct_templates", "rare_template_lines", "unseen_template_lines", "error_keyword_lines", "error_level_lines",
    ]);
    assert.equal(EXTENDED_FEATURE_NAMES.length, 13);
  });

  it("refuses a feature set it does not know, here and in the extractors", () => {
    assert.throws(() => featureNamesFor("full" as FeatureSet), RangeError);
    assert.throws(() => extract("", "full" as FeatureSet), RangeError);
    assert.throws(() => computeWindowFeatures([], 60, "full" as FeatureSet), RangeError);
  });
});

describe("extended features on a hand-checked fixture", () => {
  const windows = computeWindowFeatures(FIXTURE, 60, "extended");

  it("counts distinct templates, rare-template lines and error-keyword lines per window, and no error levels where records have none", () => {
    assert.deepEqual(windows.map((w) => w.values.slice(DISTINCT)), [
      [2, 1, 0, 1, 0],
      [2, 1, 0, 1, 0],
    ]);
  });

  it("counts records whose level is error or worse, whatever their message says", () => {
    const levels = ["INFO", "INFO", "ERROR", "WARN", "fatal", "E", "3", "500"];
    const leveled = computeWindowFeatures(FIXTURE.map((r, i) => ({ ...r, level: levels[i] })), 60, "extended");
    // Window [0, 60): ERROR and fatal; window [60, 120): E, syslog severity 3 and HTTP 500.
    assert.deepEqual(leveled.map((w) => w.values[DISTINCT + 4]), [2, 3]);
    assert.deepEqual(leveled.map((w) => w.values.slice(0, DISTINCT + 4)), windows.map((w) => w.values.slice(0, DISTINCT + 4)));
  });

  it("lists each window's template ids in ascending order with their line counts", () => {
    assert.deepEqual(windows.map((w) => [...templateIdsOf(w.templates ?? templateLines([], []))]), [[0, 1], [0, 2]]);
    assert.deepEqual(windows.map((w) => [...templateLineCountsOf(w.templates ?? templateLines([], []))]), [[4, 1], [2, 1]]);
  });

  it("keeps the eight seed features exactly as the seed set computes them", () => {
    const seed = computeWindowFeatures(FIXTURE, 60);
    assert.deepEqual(windows.map((w) => w.values.slice(0, DISTINCT)), seed.map((w) => w.values));
    assert.ok(seed.every((w) => w.values.length === 8 && w.templates === undefined));
  });

  it("accepts the feature set as an options object too", () => {
    assert.deepEqual(computeWindowFeatures(FIXTURE, 60, { features: "extended" }), windows);
  });
});

describe("the template catalog of an extended extraction", () => {
  // The miner keeps word variants apart (ids 0 alice, 1 bob, 3 carol, 5 dave) until the fifth, erin,
  // merges them into 0: the log has three templates, and alice's is one of them.
  const text = [
    lineOf("Jun 14 10:00:01", "session opened for user alice"),
    lineOf("Jun 14 10:00:02", "session opened for user bob"),
    lineOf("Jun 14 10:00:03", "disk error on sda"),
    lineOf("Jun 14 10:01:04", "session opened for user carol"),
    lineOf("Jun 14 10:01:05", "caf\u00e9 fatal: plus de lait"),
    lineOf("Jun 14 10:01:06", "session opened for user dave"),
    lineOf("Jun 14 10:01:07", "session opened for user erin"),
  ].join("\n");
  const result = extract(text, "extended");

  it("gives each template its final text, line and window counts and the first message mined into it", () => {
    assert.deepEqual(result.templates?.entries, [
      { id: 0, template: "session opened for user <*>", lines: 5, windows: 2, example: "session opened for user alice" },
      { id: 2, template: "disk error on sda", lines: 1, windows: 1, example: "disk error on sda" },
      { id: 4, template: "caf\u00e9 fatal: plus de lait", lines: 1, windows: 1, example: "caf\u00e9 fatal: plus de lait" },
    ]);
    assert.equal(result.templates?.rareLineThreshold, RARE_MIN_LINES);
  });

  it("counts merged word variants as the one template they joined, in every window, even those the merge came after", () => {
    assert.deepEqual(result.windows.map((w) => [...templateIdsOf(w.templates ?? templateLines([], []))]), [[0, 2], [0, 4]]);
    assert.deepEqual(result.windows.map((w) => [...templateLineCountsOf(w.templates ?? templateLines([], []))]), [[2, 1], [3, 1]]);
    assert.deepEqual(result.windows.map((w) => w.values[DISTINCT]), [2, 2]);
  });

  it("keeps fewer than five word variants as templates of their own, as the miner does", () => {
    const three = extract(text.split("\n").slice(0, 5).join("\n"), "extended");
    assert.deepEqual(three.templates?.entries.map((e) => [e.id, e.template, e.lines]), [
      [0, "session opened for user alice", 1],
      [1, "session opened for user bob", 1],
      [2, "disk error on sda", 1],
      [3, "session opened for user carol", 1],
      [4, "caf\u00e9 fatal: plus de lait", 1],
    ]);
  });

  it("saves the miner as a TemplateMiner that loads again and knows the same templates", () => {
    const miner = TemplateMiner.load(JSON.parse(JSON.stringify(result.templates?.miner)) as TemplateMinerJson);
    const live = miner.templates().filter((t) => t.mergedInto === undefined);
    assert.deepEqual(live.map((t) => [t.id, t.template]), result.templates?.entries.map((e) => [e.id, e.template]));
    assert.equal(miner.liveSize, 3);
    // The window explanation matches a line with the saved miner: it must give the ids the windows hold.
    assert.equal(miner.match("session opened for user bob"), 0);
  });

  it("counts the error word of a message that is not plain ASCII", () => {
    assert.deepEqual(result.windows.map((w) => w.values[ERRORS]), [1, 1]);
  });

  it("leaves seed extractions without templates, and without the four extra values", () => {
    const seed = extract(text, "seed");
    assert.equal(seed.templates, undefined);
    assert.ok(seed.windows.every((w) => w.values.length === 8 && w.templates === undefined));
  });
});

describe("unseen_template_lines", () => {
  const training = extract(
    [lineOf("Jun 14 10:00:01", "session opened for user alice"), lineOf("Jun 14 10:00:02", "session opened for user bob")].join("\n"),
    "extended",
  );
  const later = [
    lineOf("Jun 15 10:00:01", "session opened for user carol"),
    lineOf("Jun 15 10:00:02", "disk error on sda"),
    lineOf("Jun 15 10:00:03", "disk error on sda"),
    lineOf("Jun 15 10:01:00", "session closed for user carol"),
    lineOf("Jun 15 10:01:01", "session opened for user dave"),
  ].join("\n");

  it("is 0 without a trained miner: a log has seen all its own templates", () => {
    assert.deepEqual(extract(later, "extended").windows.map((w) => w.values[UNSEEN]), [0, 0]);
  });

  it("counts the lines whose message the training run's miner matches to no template", () => {
    // The two disk errors and the closed session are new; carol's and dave's logins match.
    const result = extract(later, "extended", { trainedTemplates: training.templates });
    assert.deepEqual(result.windows.map((w) => w.values[UNSEEN]), [2, 1]);
  });

  it("gives the same counts when the training miner masks differently (no shared tokens)", () => {
    const miner = new TemplateMiner({ masks: ["number"] });
    miner.add("session opened for user alice");
    miner.add("session opened for user bob");
    const result = extractWindowsFromText(later, { year: 2005, window: 60, features: "extended", trainedTemplates: miner.toJSON() });
    assert.deepEqual(result.windows.map((w) => w.values[UNSEEN]), [2, 1]);
  });

  it("works from computeWindowFeatures with the miner in the options", () => {
    const records = [record(0, "session opened for user zoe"), record(1, "link down"), record(2, "link down")];
    const [w] = computeWindowFeatures(records, 60, { features: "extended", trainedTemplates: training.templates?.miner });
    assert.equal(w?.values[UNSEEN], 2);
  });
});

describe("the rare-template threshold", () => {
  it("is at least five lines and three in ten thousand lines beyond that", () => {
    assert.equal(RARE_MIN_LINES, 5);
    assert.equal(RARE_LINE_FRACTION, 3e-4);
    assert.equal(rareLineThreshold(0), 5);
    assert.equal(rareLineThreshold(2000), 5);
    assert.equal(rareLineThreshold(19_999), 5);
    assert.equal(rareLineThreshold(20_010), 6);
    assert.equal(rareLineThreshold(1_000_000), 300);
    assert.equal(rareLineThreshold(12_345_678), 3703);
  });

  it("makes a template of five lines rare and one of six not, in a small log", () => {
    const records = [
      ...Array.from({ length: 5 }, (_, i) => record(i, `job ${i} done`)),
      ...Array.from({ length: 6 }, (_, i) => record(10 + i, "heartbeat ok")),
    ];
    const [w] = computeWindowFeatures(records, 60, "extended");
    assert.equal(w?.values[RARE], 5);
  });
});
