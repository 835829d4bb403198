import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UserInputError } from "@/lib/domain/user-input-error";
import { DETECTION_SAMPLE_LINES, MIN_MATCH_RATE, detectFormat, detectionSample } from "@/lib/logs/formats/detect-format";
import { MAX_CONTINUATIONS_PER_RECORD, matchRateOf, scoreFormat } from "@/lib/logs/formats/format-score";
import { META, type FormatDefinition, type LineVerdict } from "@/lib/logs/formats/types";
import { readFixtureText } from "../../fixtures/fixture-path";

const linesOf = (...parts: string[]) => readFixtureText(...parts).split("\n");

/** A format with continuations whose records are the lines starting with `T`. */
const toy: FormatDefinition = {
  name: "toy",
  description: "test",
  continuations: true,
  masks: [],
  createParser: () => ({
    parseLine: (line: string): LineVerdict =>
      line.startsWith("#") ? META : line.startsWith("T") ? { stamp: { kind: "instant", seconds: 0 }, host: "", process: "", level: "", message: line } : null,
  }),
};

describe("detectFormat", () => {
  it("detects classic syslog (Loghub Linux and OpenSSH) as syslog, not as a Loghub preset written for it", () => {
    for (const file of ["Linux_2k.log", "OpenSSH_2k.log"]) {
      const detection = detectFormat(linesOf("loghub", file));
      assert.equal(detection.definition.name, "syslog", file);
      assert.equal(detection.matchRate, 1);
      assert.ok(detection.scores.some((s) => s.name.startsWith("loghub:") && s.matchRate === 1), "a preset reads it as well, and loses the tie");
    }
  });

  it("detects classic syslog with a stray non-record line after a record as syslog, so the line stays unparsed instead of joining the record (issue #11)", () => {
    const linux = linesOf("loghub", "Linux_2k.log");
    const lines = [...linux.slice(0, 5), "### operator note: not syslog ###", ...linux.slice(5)];
    const detection = detectFormat(lines);
    assert.equal(detection.definition.name, "syslog");
    assert.equal(detection.matchRate, 999 / 1000);
    const preset = detection.scores.find((s) => s.name === "loghub:Linux");
    assert.deepEqual([preset?.records, preset?.continuations, preset?.matchRate], [999, 1, 1], "the preset reads the same records and joins the stray line, and loses");
  });

  it("recognises a few classic syslog lines around a stray one as syslog, since a preset reading the same records explains the sample", () => {
    const syslog = (time: string) => `Jun 14 ${time} combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0`;
    const detection = detectFormat([syslog("15:16:01"), syslog("15:17:30"), "garbage line", syslog("15:20:00")]);
    assert.equal(detection.definition.name, "syslog");
    assert.equal(detection.matchRate, 3 / 4, "syslog's own rate: the stray line is not its record");
    assert.ok(detection.matchRate < MIN_MATCH_RATE);
  });

  it("detects JSON Lines as json", () => {
    const lines = [
      '{"time":"2024-03-01T12:00:00Z","level":"info","msg":"a"}',
      '{"time":"2024-03-01T12:00:01Z","level":"warn","msg":"b"}',
      "",
      '{"time":"2024-03-01T12:00:02Z","level":"info","msg":"c"}',
    ];
    const detection = detectFormat(lines);
    assert.equal(detection.definition.name, "json");
    assert.equal(detection.matchRate, 1);
  });

  it("tells Loghub layouts apart when lazy templates read each other's lines (Android, Hadoop, Thunderbird)", () => {
    for (const system of ["Android", "Hadoop", "Thunderbird", "HDFS", "BGL"]) {
      const detection = detectFormat(linesOf("loghub-2k", system, `${system}_2k.log`));
      assert.equal(detection.definition.name, `loghub:${system}`);
    }
  });

  it("reads an application log with stack traces as timestamped, joining the traces", () => {
    const lines = [
      "[2016-12-19 20:39:48,918] WARN fetch failed",
      "java.io.IOException: gone",
      "\tat a.b(C.java:1)",
      "[2016-12-19 20:39:49,001] INFO recovered",
    ];
    const detection = detectFormat(lines);
    assert.equal(detection.definition.name, "timestamped");
    const best = detection.scores[0];
    assert.deepEqual([best?.records, best?.continuations, best?.failed], [2, 2, 0]);
  });

  it("refuses garbage in one sentence naming the two best candidates with their rates and the first line that failed, and suggesting --format", () => {
    const lines = ["hello world", "this is not a log", "neither is this", "Jun 14 15:16:01 combo sshd[1]: one syslog line"];
    assert.throws(
      () => detectFormat(lines),
      (error: unknown) => {
        assert.ok(error instanceof UserInputError);
        assert.match(
          error.message,
          /^Could not recognise the log's format: the best candidates, syslog \(25\.0%\) and \S+ \(\d+\.\d%\), read less than 90\.0% of its first 4 non-blank lines; the first line syslog could not read is "hello world"; name the format with --format: /,
        );
        assert.match(error.message, /loghub:<System>/);
        assert.equal(error.message.split(". ").length, 1, "one sentence");
        return true;
      },
    );
  });

  it("refuses a sample with no content", () => {
    assert.throws(() => detectFormat(["", "  ", "\r"]), UserInputError);
  });

  it("samples the first 1000 non-blank lines", () => {
    const lines = ["", ...Array.from({ length: DETECTION_SAMPLE_LINES + 5 }, (_, i) => `line ${i}`)];
    const sample = detectionSample(lines);
    assert.equal(sample.length, DETECTION_SAMPLE_LINES);
    assert.equal(sample[0], "line 0");
  });
});

describe("the detection score", () => {
  it("counts a continuation after a record as explained, META lines not at all, and lines before the first record as failed", () => {
    const score = scoreFormat(toy, toy.createParser({}), ["junk", "#meta", "T1", "  at x", "  at y", "T2"]);
    assert.deepEqual(
      [score.records, score.continuations, score.failed, score.meta, score.matchRate, score.recordRate, score.firstFailed],
      [2, 2, 1, 1, 4 / 5, 2 / 5, "junk"],
    );
  });

  it("caps continuations per record, so a format that explains everything by continuation stays below the threshold", () => {
    const lines = ["T1", ...Array.from({ length: 99 }, (_, i) => `free text ${i}`)];
    const score = scoreFormat(toy, toy.createParser({}), lines);
    assert.equal(score.continuations, 99);
    assert.equal(score.matchRate, (1 + MAX_CONTINUATIONS_PER_RECORD) / 100);
    assert.ok(score.matchRate < MIN_MATCH_RATE);
    assert.equal(matchRateOf(10, 90, 0), 1, "ten records may explain ninety lines of traces");
  });

  it("stops reading a candidate that can no longer win, and says so", () => {
    const score = scoreFormat(toy, toy.createParser({}), ["x", "y", "z", "T1"], 1.5);
    assert.equal(score.complete, false);
    assert.equal(scoreFormat(toy, toy.createParser({}), ["x", "T1"]).complete, true);
  });
});
