import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UserInputError } from "@/lib/domain/user-input-error";
import { BUILT_IN_FORMATS } from "@/lib/logs/formats/built-in-formats";
import { LOGHUB_PRESETS } from "@/lib/logs/formats/loghub-presets";
import { detectionCandidates, isAutoFormat, listFormats, resolveFormat } from "@/lib/logs/formats/registry";
import { syslogFormat } from "@/lib/logs/formats/syslog-format";
import { timestampedLines } from "@/lib/logs/formats/timestamped-lines";
import { META } from "@/lib/logs/formats/types";

describe("the format registry", () => {
  it("resolves every built-in name, syslog, timestamped and each Loghub preset to its own definition", () => {
    for (const definition of [...BUILT_IN_FORMATS, syslogFormat, timestampedLines, ...LOGHUB_PRESETS]) {
      assert.equal(resolveFormat({ format: definition.name }).definition, definition, definition.name);
    }
    assert.equal(resolveFormat({ format: " JSON " }).definition.name, "json", "names are trimmed and compared without case");
    assert.equal(resolveFormat({ format: "loghub:hdfs" }).definition.name, "loghub:HDFS");
  });

  it("reads the syslog format's §1 lines and its variants, with no continuations", () => {
    const parser = resolveFormat({ format: "syslog" }).definition.createParser({});
    const classic = parser.parseLine("Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure");
    assert.ok(classic !== null && classic !== META);
    assert.deepEqual(classic, {
      stamp: { kind: "yearless", month: 5, day: 14, secondsOfDay: 15 * 3600 + 16 * 60 + 1 },
      host: "combo",
      process: "sshd(pam_unix)",
      level: "",
      message: "authentication failure",
    });
    const iso = parser.parseLine("2024-03-01T12:34:56+01:00 host app[1]: hello");
    assert.ok(iso !== null && iso !== META && iso.stamp.kind === "instant");
    assert.equal(syslogFormat.continuations, false);
  });

  it("takes a string with <fields> for a declared template named by the template itself", () => {
    const template = "<Date> <Time> <Level>: <Content>";
    const { definition } = resolveFormat({ format: template });
    assert.equal(definition.name, template);
    assert.equal(definition.continuations, true);
    const record = definition.createParser({}).parseLine("2024-03-01 12:00:00 ERROR: disk full");
    assert.ok(record !== null && record !== META);
    assert.deepEqual([record.level, record.message], ["ERROR", "disk full"]);
  });

  it("refuses an unknown name in one sentence that lists the known names and how to declare a template", () => {
    assert.throws(
      () => resolveFormat({ format: "apache2" }),
      (error: unknown) => {
        assert.ok(error instanceof UserInputError);
        assert.match(error.message, /^Unknown log format "apache2": use one of auto, rfc5424, json, cri, access, w3c, syslog, loghub:HDFS, /);
        assert.match(error.message, /timestamped, or a template such as "<Date> <Time> <Level>: <Content>"/);
        assert.equal(error.message.split(". ").length, 1, "one sentence");
        return true;
      },
    );
  });

  it("checks the zone and the masks before any reading", () => {
    assert.throws(() => resolveFormat({ format: "json", tz: "Mars/Olympus" }), UserInputError);
    assert.throws(() => resolveFormat({ format: "json", masks: [{ pattern: "(" }] }), UserInputError);
    assert.throws(() => resolveFormat({ format: "<Date> <Time> <Level>" }), UserInputError, "a template without <Content>");
  });

  it("puts a preset's masks before the analyst's", () => {
    const hdfs = LOGHUB_PRESETS.find((f) => f.name === "loghub:HDFS");
    assert.ok(hdfs !== undefined && hdfs.masks.length > 0);
    const { masks } = resolveFormat({ format: "loghub:HDFS", masks: [{ pattern: "user\\d+", name: "USER" }] });
    assert.deepEqual(masks, [...hdfs.masks, { pattern: "user\\d+", name: "USER" }]);
  });

  it("leaves auto to detection", () => {
    assert.equal(isAutoFormat({}), true);
    assert.equal(isAutoFormat({ format: "Auto" }), true);
    assert.equal(isAutoFormat({ format: "json" }), false);
    assert.throws(() => resolveFormat({ format: "auto" }), RangeError);
  });

  it("lists auto, every named format with a description, and the template syntax, for pickers and --help", () => {
    const listed = listFormats();
    assert.equal(listed[0]?.name, "auto");
    const names = listed.map((f) => f.name);
    for (const definition of detectionCandidates()) assert.ok(names.includes(definition.name), definition.name);
    assert.ok(names.at(-1)?.includes("<Content>"));
    assert.ok(listed.every((f) => f.description.length > 0));
  });
});
