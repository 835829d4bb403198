import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { priLength, priSeverity, rfc5424, skipStructuredData } from "@/lib/logs/formats/rfc5424";
import type { LineVerdict, RecordFields } from "@/lib/logs/formats/types";

const parseLine = (line: string): LineVerdict => rfc5424.createParser({}).parseLine(line);

function parse(line: string): RecordFields {
  const verdict = parseLine(line);
  assert.ok(verdict !== null && typeof verdict === "object", `should be a record: ${line}`);
  return verdict;
}

const BOM = "\uFEFF";

describe("rfc5424", () => {
  it("reads RFC 5424's first example: nil PROCID and SD, the BOM before MSG dropped, severity 34 mod 8 = 2", () => {
    const record = parse(`<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - ${BOM}'su root' failed for lonvick on /dev/pts/8`);
    assert.ok(record.stamp.kind === "instant" && Math.abs(record.stamp.seconds - (Date.UTC(2003, 9, 11, 22, 14, 15) / 1000 + 0.003)) < 1e-6);
    assert.deepEqual([record.host, record.process, record.level, record.message], [
      "mymachine.example.com",
      "su",
      "2",
      "'su root' failed for lonvick on /dev/pts/8",
    ]);
  });

  it("applies a -07:00 offset and keeps the message after nil MSGID and SD", () => {
    const record = parse("<165>1 2003-08-24T05:14:15-07:00 192.0.2.1 myproc 8710 - - %% It's time to make the do-nuts.");
    assert.deepEqual(record, {
      stamp: { kind: "instant", seconds: Date.UTC(2003, 7, 24, 12, 14, 15) / 1000 },
      host: "192.0.2.1",
      process: "myproc",
      level: "5",
      message: "%% It's time to make the do-nuts.",
    });
  });

  it("skips structured data, several elements included, and has an empty message when MSG is absent", () => {
    const sd = '[exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"]';
    assert.equal(parse(`<165>1 2003-10-11T22:14:15.003Z host evntslog - ID47 ${sd} ${BOM}An application event`).message, "An application event");
    assert.equal(parse(`<165>1 2003-10-11T22:14:15.003Z host evntslog - ID47 ${sd}[examplePriority@32473 class="high"]`).message, "");
  });

  it("does not end structured data at an escaped ] or \" inside a quoted value", () => {
    const line = String.raw`<14>1 2024-03-01T12:34:56Z host app 1 - [a@1 x="br\]acket \"q\" \\"] real message`;
    assert.equal(parse(line).message, "real message");
    assert.equal(skipStructuredData(String.raw`[a x="\\"] m`, 0), 10);
  });

  it("turns nil HOSTNAME and APP-NAME into empty strings and takes one trailing \\r off", () => {
    const record = parse("<14>1 2024-03-01T12:34:56Z - - - - - msg\r");
    assert.deepEqual([record.host, record.process, record.level, record.message], ["", "", "6", "msg"]);
  });

  it("reads the header from TIMESTAMP on when a file drops <PRI>VERSION, with an empty level", () => {
    const record = parse('2022-08-27T17:22:01+03:00 space01 CRON 20856 - -  (root) CMD');
    assert.deepEqual(record, {
      stamp: { kind: "instant", seconds: Date.UTC(2022, 7, 27, 14, 22, 1) / 1000 },
      host: "space01",
      process: "CRON",
      level: "",
      message: " (root) CMD",
    });
  });

  it("is not a record without a time: nil TIMESTAMP, or a date that cannot exist (Feb 30)", () => {
    assert.equal(parseLine("<14>1 - host app - - - msg"), null);
    assert.equal(parseLine("<14>1 2024-02-30T12:00:00Z host app - - - msg"), null);
  });

  it("is not a record when the header or structured data is malformed", () => {
    for (const line of [
      "<34>Oct 11 22:14:15 mymachine su: BSD, not 5424",
      "<14>0 2024-03-01T12:34:56Z host app - - - version 0",
      "<192>1 2024-03-01T12:34:56Z host app - - - PRI over 191",
      "<14>1 2024-03-01T12:34:56Z host app - -",
      '<14>1 2024-03-01T12:34:56Z host app - - [a x="1" unterminated',
      "<14>1 2024-03-01T12:34:56Z host app - - -no space before MSG",
      "<14>1 2024-03-01T12:34:56Z host  app - - - two spaces",
      "1 2024-03-01T12:34:56Z host app - - - VERSION without PRI",
      "2024-03-01T12:34:56+0100 host proc[123]: a syslog line, not 5424",
    ]) {
      assert.equal(parseLine(line), null, line);
    }
  });

  it("reads <PRI> prefixes of one to three digits and nothing else", () => {
    assert.deepEqual([priLength("<0>x"), priLength("<191>x"), priLength("<1a>"), priLength("<>"), priLength("<1234>")], [3, 5, 0, 0, 0]);
    assert.deepEqual([priSeverity("<0>", 3), priSeverity("<191>", 5), priSeverity("<13>", 4)], ["0", "7", "5"]);
  });
});
