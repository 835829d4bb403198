import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { syslogLine, syslogTarget, type SyslogTarget } from "@/lib/live/syslog-message";
import { parseSyslogVariant } from "@/lib/logs/formats/syslog-variants";

function line(message: string | Buffer, target: SyslogTarget = "syslog"): string {
  const result = syslogLine(Buffer.from(message), target);
  if ("problem" in result) throw new Error(result.problem);
  return result.line.toString();
}

function problem(message: string): string {
  const result = syslogLine(Buffer.from(message), "syslog");
  return "problem" in result ? result.problem : "";
}

describe("syslogLine", () => {
  test("an RFC 3164 message loses its PRI and becomes the classic line a syslog model reads", () => {
    assert.equal(line("<34>Oct 11 22:14:15 mymachine su[12]: 'su root' failed"), "Oct 11 22:14:15 mymachine su[12]: 'su root' failed");
  });

  test("an RFC 5424 message becomes an RFC 3339 syslog line: host, app[procid], message; MSGID and structured data dropped", () => {
    const text = line('<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog 8710 ID47 [exampleSDID@32473 iut="3" eventID="1011"] An application event');
    assert.equal(text, "2003-10-11T22:14:15.003Z mymachine.example.com evntslog[8710]: An application event");
    const parsed = parseSyslogVariant(text);
    assert.ok(parsed !== null && parsed !== "meta");
    assert.equal(parsed.host, "mymachine.example.com");
    assert.equal(parsed.process, "evntslog");
    assert.equal(parsed.message, "An application event");
  });

  test("an RFC 5424 message with nil fields, a BOM and no message still reads", () => {
    assert.equal(line("<13>1 2003-10-11T22:14:15Z host app - - - \u{feff}hello"), "2003-10-11T22:14:15Z host app: hello");
    assert.equal(line("<13>1 2003-10-11T22:14:15Z host app - - [a b=\"]\"]"), "2003-10-11T22:14:15Z host app: ");
  });

  test("for an rfc5424 model the message is kept as sent, since that format reads the header itself", () => {
    const message = "<13>1 2003-10-11T22:14:15Z host app 1 - - hi";
    assert.equal(line(message, "rfc5424"), message);
    assert.equal(syslogTarget("rfc5424"), "rfc5424");
    assert.equal(syslogTarget("loghub:Linux"), "syslog");
  });

  test("line breaks inside a message become spaces and other bytes are kept as sent", () => {
    const latin = Buffer.concat([Buffer.from("<13>Oct 11 22:14:15 h a: caf"), Buffer.from([0xe9]), Buffer.from("\nnext")]);
    const result = syslogLine(latin, "syslog");
    assert.ok("line" in result);
    assert.deepEqual(result.line, Buffer.concat([Buffer.from("Oct 11 22:14:15 h a: caf"), Buffer.from([0xe9]), Buffer.from(" next")]));
  });

  test("messages that are not syslog are refused with the reason", () => {
    assert.match(problem("Oct 11 22:14:15 h a: no pri"), /without a <PRI>/);
    assert.match(problem("<999>Oct 11 22:14:15 h a: bad pri"), /without a <PRI>/);
    assert.match(problem("<13>"), /nothing after/);
    assert.match(problem(""), /empty/);
    assert.match(problem("<13>1 2003-10-11T22:14:15Z host"), /cut short/);
    assert.match(problem("<13>1 - host app - - - msg"), /without a timestamp/);
    assert.match(problem("<13>1 2003-10-11T22:14:15Z host app - - [unclosed msg"), /structured data/);
  });
});
