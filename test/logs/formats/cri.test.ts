import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_JOINED_CHARS, createCriParser, cri } from "@/lib/logs/formats/cri";
import { META, type LineVerdict, type RecordFields } from "@/lib/logs/formats/types";

const parseOne = (line: string): LineVerdict => cri.createParser({}).parseLine(line);

function asRecord(verdict: LineVerdict): RecordFields {
  assert.ok(verdict !== null && verdict !== META, "should be a record");
  return verdict;
}

describe("cri", () => {
  it("reads the time with nanoseconds, the stream as the level and the text as the message", () => {
    const record = asRecord(parseOne("2016-10-06T00:17:09.669794202Z stdout F hello world"));
    assert.ok(record.stamp.kind === "instant" && Math.abs(record.stamp.seconds - (Date.UTC(2016, 9, 6, 0, 17, 9) / 1000 + 0.669794202)) < 1e-6);
    assert.deepEqual([record.host, record.process, record.level, record.message], ["", "", "stdout", "hello world"]);
  });

  it("keeps an offset, an empty message and the message's own spacing", () => {
    const record = asRecord(parseOne("2024-03-01T12:00:00+01:00 stderr F   indented"));
    assert.deepEqual(record.stamp, { kind: "instant", seconds: Date.UTC(2024, 2, 1, 11) / 1000 });
    assert.equal(record.level, "stderr");
    assert.equal(record.message, "  indented");
    assert.equal(asRecord(parseOne("2024-03-01T12:00:00Z stdout F")).message, "");
  });

  it("joins P fragments with the next F line of the same stream, stamped with the first fragment's time", () => {
    const parser = cri.createParser({});
    assert.equal(parser.parseLine("2024-03-01T12:00:00Z stdout P part one, "), META);
    assert.equal(asRecord(parser.parseLine("2024-03-01T12:00:01Z stderr F an error between")).message, "an error between");
    assert.equal(parser.parseLine("2024-03-01T12:00:02Z stdout P part two, "), META);
    const joined = asRecord(parser.parseLine("2024-03-01T12:00:03Z stdout F end"));
    assert.deepEqual(joined.stamp, { kind: "instant", seconds: Date.UTC(2024, 2, 1, 12) / 1000 });
    assert.equal(joined.message, "part one, part two, end");
    assert.equal(joined.level, "stdout");
  });

  it("keeps the streams' fragments apart", () => {
    const parser = cri.createParser({});
    parser.parseLine("2024-03-01T12:00:00Z stdout P out-");
    parser.parseLine("2024-03-01T12:00:00Z stderr P err-");
    assert.equal(asRecord(parser.parseLine("2024-03-01T12:00:01Z stderr F 1")).message, "err-1");
    assert.equal(asRecord(parser.parseLine("2024-03-01T12:00:01Z stdout F 2")).message, "out-2");
  });

  it("gives out pending fragments on flush, and past MAX_JOINED_CHARS without waiting for F", () => {
    const parser = createCriParser();
    parser.parseLine("2024-03-01T12:00:00Z stderr P cut off at the end of the file");
    assert.deepEqual(parser.flush().map((r) => [r.level, r.message]), [["stderr", "cut off at the end of the file"]]);
    assert.deepEqual(parser.flush(), []);
    const big = "x".repeat(MAX_JOINED_CHARS);
    assert.equal(parser.parseLine(`2024-03-01T12:00:00Z stdout P ${big}`), META);
    assert.equal(asRecord(parser.parseLine("2024-03-01T12:00:00Z stdout P y")).message.length, MAX_JOINED_CHARS + 1);
  });

  it("is not a record for another stream, another tag, a bare epoch number, plain text or an impossible date", () => {
    for (const line of [
      "2024-03-01T12:00:00Z stdin F nope",
      "2024-03-01T12:00:00Z stdout X nope",
      "2024-03-01T12:00:00Z stdout FF nope",
      "1709294400 stdout F nope",
      "hello world",
      "2024-02-30T12:00:00Z stdout F Feb 30",
      "",
    ]) {
      assert.equal(parseOne(line), null, line);
    }
  });
});
