import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UserInputError } from "../../../lib/domain/user-input-error";
import { compileTemplate, templateFormat } from "../../../lib/logs/formats/logparser-template";
import type { FormatOptions, LineVerdict } from "../../../lib/logs/formats/types";

const parse = (template: string, line: string, options: FormatOptions = {}): LineVerdict =>
  templateFormat(template).createParser(options).parseLine(line);

/** The fields a template's regex reads from `line` (named f0, f1, ... in the template's order), or null. */
function groups(template: string, line: string): (string | undefined)[] | null {
  const { regex, fields } = compileTemplate(template);
  const m = regex.exec(line);
  return m === null ? null : fields.map((_, i) => m.groups?.[`f${i}`]);
}

describe("compileTemplate", () => {
  it("reads a line as logparser's regex does: fields split at blanks and at the text between them, anchored", () => {
    const template = "<Date> <Time>  <Level> <Component>: <Content>";
    assert.deepEqual(compileTemplate(template).fields, ["Date", "Time", "Level", "Component", "Content"]);
    assert.deepEqual(groups(template, "081109 203615   INFO dfs.DataNode$PacketResponder: PacketResponder 1: done"), [
      "081109", "203615", "INFO", "dfs.DataNode$PacketResponder", "PacketResponder 1: done",
    ]);
    assert.equal(groups(template, "081109 203615 INFO no colon here"), null);
  });

  it("takes other text literally, so [, ., | and * need no escaping", () => {
    assert.deepEqual(groups("[<Time>] <Level>|<Content>.*", "[Sun Dec 04 04:47:44 2005] notice|ok.*"), ["Sun Dec 04 04:47:44 2005", "notice", "ok"]);
    assert.equal(groups("[<Time>] <Level>|<Content>.*", "[x] notice|okay"), null);
  });

  it("reads logparser's published devices: \\x for a character and (...)? for an optional part", () => {
    assert.deepEqual(groups(String.raw`\[<Time>\] \|<Content>`, "[10.30 16:49:06] |x"), ["10.30 16:49:06", "x"]);
    const linux = String.raw`<Component>(\[<PID>\])?: <Content>`;
    assert.deepEqual(groups(linux, "sshd(pam_unix)[19939]: check pass"), ["sshd(pam_unix)", "19939", "check pass"]);
    assert.deepEqual(groups(linux, "audit(1131538222.234:0): avc: denied"), ["audit(1131538222.234:0)", undefined, "avc: denied"]);
    // A parenthesis that closes no optional part is text.
    assert.deepEqual(groups("<Component>(<Pid>): <Content>", "cron(42): ok"), ["cron", "42", "ok"]);
  });

  it("ends each field at the first text that ends it, so a long line that does not fit fails at once", () => {
    // The stop is ": " with its blanks taken atomically (a lookahead's capture matched again by reference).
    assert.match(compileTemplate("<Date> <Component>: <Content>").regex.source, /\(\?!:\(\?=\(\?<s\d+>\\s\+\)\)\\k<s\d+>\)/);
    const started = performance.now();
    for (const line of ["a ".repeat(50_000), "x:".repeat(50_000)]) assert.equal(groups("<Date> <Time> <Pid> <Level> <Component>: <Content>", line), null);
    // logparser's plain `.*?` fields take minutes on the first of these lines.
    assert.ok(performance.now() - started < 1000);
  });

  it("reads past a long run of blanks at once, wherever it falls in a line that does not fit", { timeout: 30_000 }, () => {
    // A BGL line under HDFS's template (Loghub's): with backtracking blanks, 1,000 of them inside it
    // held this for minutes (the separators split the run every way, with empty fields between).
    const bgl = "- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO cache parity error corrected";
    const hdfs = "<Date> <Time> <Pid> <Level> <Component>: <Content>";
    const hadoop = String.raw`<Date> <Time> <Level> \[<Process>\] <Component>: <Content>`;
    const started = performance.now();
    for (const blanks of [" ".repeat(1_000), " ".repeat(100_000), "\t ".repeat(20_000)]) {
      for (const line of [bgl.replace(" ", blanks), bgl + blanks, blanks + bgl]) {
        assert.equal(groups(hdfs, line), null);
        assert.equal(groups(hadoop, line), null);
      }
    }
    assert.ok(performance.now() - started < 5000);
    // Blanks are still taken whole between fields: a double blank is one separator.
    assert.deepEqual(groups("<Date> <Time> <Content>", "081109    203615 \t x"), ["081109", "203615", "x"]);
  });

  it("refuses a template without fields or with a field twice", () => {
    assert.throws(() => compileTemplate("just text"), (e: unknown) => e instanceof UserInputError && /names no field/.test(e.message));
    assert.throws(() => compileTemplate("<Time> <time> <Content>"), (e: unknown) => e instanceof UserInputError && /names <time> twice/.test(e.message));
  });
});

describe("templateFormat", () => {
  it("is named by its template, takes continuations and has no masks of its own", () => {
    const format = templateFormat("<Date> <Time> <Level>: <Content>");
    assert.equal(format.name, "<Date> <Time> <Level>: <Content>");
    assert.equal(format.continuations, true);
    assert.deepEqual(format.masks, []);
  });

  it("reads time from Date and Time together, and level, process and message from their fields", () => {
    assert.deepEqual(parse("<Date> <Time> <Level> <Component>: <Content>", "2015-10-18 18:01:47,978 INFO org.apache.App: Created  app \r"), {
      stamp: { kind: "local", year: 2015, month: 9, day: 18, secondsOfDay: 64907.978 },
      host: "",
      process: "org.apache.App",
      level: "INFO",
      message: "Created  app ",
    });
  });

  it("joins Month, Date and Time in the order of the line into a year-less stamp, and takes the host from Host or Node", () => {
    assert.deepEqual(parse("<Month> <Date> <Time> <Host> <Program>: <Content>", "Jun  9 15:16:01 combo cron: ok"), {
      stamp: { kind: "yearless", month: 5, day: 9, secondsOfDay: 54961 },
      host: "combo",
      process: "cron",
      level: "",
      message: "ok",
    });
    assert.equal((parse("<Time> <Node> <Content>", "1117838570 R02-M1 up") as { host: string }).host, "R02-M1");
  });

  it("prefers an epoch <Timestamp> to the other time fields", () => {
    const record = parse("<Timestamp> <Date> <Time> <Content>", "1117838570 2005.06.03 2005-06-03-15.42.50.675872 x");
    assert.deepEqual((record as { stamp: unknown }).stamp, { kind: "instant", seconds: 1117838570 });
  });

  it("is not a record when the line does not fit or its time does not read", () => {
    assert.equal(parse("<Date> <Time> <Level>: <Content>", "\tat org.apache.Foo(Foo.java:12)"), null);
    assert.equal(parse("<Date> <Time> <Level>: <Content>", "2015-02-30 10:00:00 INFO: impossible day"), null);
    assert.equal(parse("[<Time>] <Content>", "[soon] later"), null);
  });

  it("reads the time with --time-format when one is given", () => {
    const record = parse("<Time> <Content>", "18/10/2015:18:01:47 hello", { timeFormat: "%d/%m/%Y:%H:%M:%S" });
    assert.deepEqual((record as { stamp: unknown }).stamp, { kind: "local", year: 2015, month: 9, day: 18, secondsOfDay: 64907 });
  });

  it("refuses a template without <Content> or without a time field, saying what to write", () => {
    assert.throws(() => templateFormat("<Date> <Time> <Level>"), (e: unknown) => e instanceof UserInputError && /no <Content> field/.test(e.message));
    assert.throws(() => templateFormat("<Level>: <Content>"), (e: unknown) => e instanceof UserInputError && /no time field: name .*<Date>, <Time> or <Timestamp>/.test(e.message));
  });
});
