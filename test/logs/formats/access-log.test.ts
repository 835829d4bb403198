import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { accessLog, parseAccessLine } from "@/lib/logs/formats/access-log";
import type { RecordFields } from "@/lib/logs/formats/types";

function parse(line: string): RecordFields {
  const verdict = parseAccessLine(line);
  assert.ok(verdict !== null && typeof verdict === "object", `should be a record: ${line}`);
  return verdict;
}

const fieldsOf = (r: RecordFields): string[] => [r.host, r.process, r.level, r.message];
// 10/Oct/2000:13:55:36 -0700 is 20:55:36 UTC.
const APACHE_EXAMPLE = Date.UTC(2000, 9, 10, 20, 55, 36) / 1000;

describe("access log", () => {
  it("reads Apache's Common Log Format example: client as host, method as process, status as level", () => {
    const record = parse('127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326');
    assert.deepEqual(record.stamp, { kind: "instant", seconds: APACHE_EXAMPLE });
    assert.deepEqual(fieldsOf(record), ["127.0.0.1", "GET", "200", '"GET /apache_pb.gif HTTP/1.0" 200 2326']);
  });

  it("keeps Combined's referer and agent, and nginx's extra fields, in the message as written", () => {
    const combined = '"GET /a HTTP/1.1" 404 - "http://example.com/" "Mozilla/5.0 (X11)" "-" 0.003';
    const record = parse(`::1 - - [10/Oct/2000:13:55:36 -0700] ${combined}`);
    assert.deepEqual(fieldsOf(record), ["::1", "GET", "404", combined]);
  });

  it("allows a leading vhost and still takes the client address as host", () => {
    const record = parse('www.example.com:443 192.0.2.7 - - [10/Oct/2000:13:55:36 +0000] "POST /login HTTP/2.0" 302 0 "-" "curl/8"');
    assert.equal(record.host, "192.0.2.7");
    assert.equal(record.process, "POST");
  });

  it("reads an escaped quote inside the request and leaves the process empty for a non-method request", () => {
    assert.equal(parse(String.raw`10.0.0.1 - - [10/Oct/2000:13:55:36 +0000] "GET /q?\"x\" HTTP/1.1" 200 5`).process, "GET");
    assert.equal(parse('10.0.0.1 - - [10/Oct/2000:13:55:36 +0000] "-" 408 -').process, "");
    assert.equal(parse(String.raw`10.0.0.1 - - [10/Oct/2000:13:55:36 +0000] "\x16\x03\x01" 400 157`).process, "");
  });

  it("takes one trailing \\r off the message", () => {
    assert.equal(parse('10.0.0.1 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 5\r').message, '"GET / HTTP/1.1" 200 5');
  });

  it("is not a record without the client fields, the quoted request, a three-digit status or a size", () => {
    for (const line of [
      'frank [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 2326',
      '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] GET / HTTP/1.0 200 2326',
      '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0 200 2326',
      '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 20 2326',
      '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200',
      '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 12ab',
      '127.0.0.1 - frank [yesterday] "GET / HTTP/1.0" 200 2326',
      "Oct 11 22:14:15 host proc: syslog",
      "",
    ]) {
      assert.equal(parseAccessLine(line), null, line);
    }
  });

  it("is not a record on an impossible date (31/Apr)", () => {
    assert.equal(parseAccessLine('127.0.0.1 - - [31/Apr/2024:13:55:36 +0000] "GET / HTTP/1.0" 200 1'), null);
  });

  it("is the access format, with no continuations", () => {
    assert.equal(accessLog.name, "access");
    assert.equal(accessLog.continuations, false);
  });
});
