import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { META, type LineParser, type LineVerdict, type RecordFields } from "@/lib/logs/formats/types";
import { w3c } from "@/lib/logs/formats/w3c";

const IIS_FIELDS = "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status time-taken";

function asRecord(verdict: LineVerdict): RecordFields {
  assert.ok(verdict !== null && verdict !== META, "should be a record");
  return verdict;
}

function iisParser(): LineParser {
  const parser = w3c.createParser({});
  for (const line of ["\uFEFF#Software: Microsoft Internet Information Services 10.0", "#Version: 1.0", "#Date: 2024-03-01 00:00:00", IIS_FIELDS]) {
    assert.equal(parser.parseLine(line), META);
  }
  return parser;
}

describe("w3c", () => {
  it("reads an IIS record in UTC: c-ip as host, cs-method as process, sc-status as level, the rest as message", () => {
    const record = asRecord(iisParser().parseLine("2024-03-01 12:34:56 10.0.0.1 GET /index.html - 80 - 192.0.2.7 Mozilla/5.0+(X11) 200 15"));
    assert.deepEqual(record, {
      stamp: { kind: "instant", seconds: Date.UTC(2024, 2, 1, 12, 34, 56) / 1000 },
      host: "192.0.2.7",
      process: "GET",
      level: "200",
      message: "10.0.0.1 /index.html - 80 - Mozilla/5.0+(X11) 15",
    });
  });

  it("follows a #Fields directive that changes mid-file, falling back to s-computername and s-sitename", () => {
    const parser = iisParser();
    assert.equal(parser.parseLine("#Fields: time s-sitename s-computername sc-status cs-uri-stem"), META);
    // No `date` field: the day comes from the last #Date directive.
    const record = asRecord(parser.parseLine("08:00:00 W3SVC1 WEB01 500 /api\r"));
    assert.deepEqual(record.stamp, { kind: "instant", seconds: Date.UTC(2024, 2, 1, 8) / 1000 });
    assert.deepEqual([record.host, record.process, record.level, record.message], ["WEB01", "W3SVC1", "500", "/api"]);
  });

  it("drops the [session] prefix IIS FTP logs put before the method", () => {
    const parser = w3c.createParser({});
    parser.parseLine("#Date: 2000-10-09 16:44:49");
    parser.parseLine("#Fields: time c-ip cs-method cs-uri-stem sc-status");
    const record = asRecord(parser.parseLine("16:44:49 1.1.1.1 [2]USER anonymous 331"));
    assert.deepEqual([record.host, record.process, record.level, record.message], ["1.1.1.1", "USER", "331", "anonymous"]);
  });

  it("accepts tabs and repeated spaces between fields", () => {
    const parser = w3c.createParser({});
    parser.parseLine("#Fields: date time c-ip sc-status");
    assert.equal(asRecord(parser.parseLine("2024-03-01\t12:00:00  1.2.3.4 404")).host, "1.2.3.4");
    parser.parseLine("#Fields: date time x-a x-b x-c");
    assert.equal(asRecord(parser.parseLine("2024-03-01 12:00:00 a\tb  c")).message, "a b c");
  });

  it("is not a record before any #Fields directive", () => {
    const parser = w3c.createParser({});
    assert.equal(parser.parseLine("2024-03-01 12:34:56 10.0.0.1 GET / - 80 - 192.0.2.7 - 200 15"), null);
    assert.equal(parser.parseLine("#Version: 1.0"), META);
    assert.equal(parser.parseLine("2024-03-01 12:34:56 10.0.0.1 GET / - 80 - 192.0.2.7 - 200 15"), null);
  });

  it("is not a record with the wrong number of fields, a malformed time or an impossible date", () => {
    const parser = iisParser();
    for (const line of [
      "2024-03-01 12:34:56 10.0.0.1 GET /index.html - 80 - 192.0.2.7 Mozilla/5.0 200",
      "2024-03-01 12:34:56 10.0.0.1 GET /index.html - 80 - 192.0.2.7 Mozilla/5.0 200 15 extra",
      "2024-03-01 1234 10.0.0.1 GET /index.html - 80 - 192.0.2.7 Mozilla/5.0 200 15",
      "2024-02-30 12:34:56 10.0.0.1 GET /index.html - 80 - 192.0.2.7 Mozilla/5.0 200 15",
      "",
    ]) {
      assert.equal(parser.parseLine(line), null, line);
    }
  });
});
