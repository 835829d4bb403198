import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { SyslogFramer } from "@/lib/live/syslog-frames";

/** Feeds `chunks` to a new framer, then ends the connection; answers the messages and the refusals. */
function frame(chunks: (string | Buffer)[], maxBytes?: number): { messages: string[]; bad: string[] } {
  const framer = new SyslogFramer(maxBytes);
  const messages: string[] = [];
  const bad: string[] = [];
  const sink = { message: (m: Buffer) => messages.push(m.toString()), bad: (r: string) => bad.push(r) };
  for (const chunk of chunks) framer.push(Buffer.from(chunk), sink);
  framer.end(sink);
  return { messages, bad };
}

describe("SyslogFramer", () => {
  test("octet-counted frames are cut by their length, even across chunks and with line breaks inside", () => {
    const one = "<13>1 2005-06-14T15:16:01Z h a - - - two\nlines";
    const two = "<13>Jun 14 15:16:02 h a: x";
    const stream = `${Buffer.byteLength(one)} ${one}${Buffer.byteLength(two)} ${two}`;
    assert.deepEqual(frame([stream.slice(0, 7), stream.slice(7, 30), stream.slice(30)]).messages, [one, two]);
  });

  test("newline-delimited messages are cut at each LF, a CR before it and blank lines dropped, the last one kept at the end", () => {
    assert.deepEqual(frame(["<13>a: x\r\n\n<13>b", ": y\n<13>c: z"]).messages, ["<13>a: x", "<13>b: y", "<13>c: z"]);
  });

  test("the two framings may follow each other, a LF after an octet-counted frame being ignored", () => {
    assert.deepEqual(frame(["8 <13>a: x\n<13>b: y\n"]).messages, ["<13>a: x", "<13>b: y"]);
  });

  test("a length without its space is refused and the framer is in step again after the next LF", () => {
    const { messages, bad } = frame(["12x<13>a: x\n<13>b: y\n"]);
    assert.deepEqual(messages, ["<13>b: y"]);
    assert.equal(bad.length, 1);
    assert.match(bad[0]!, /not followed by a space/);
  });

  test("an oversized frame or line is refused without holding its bytes", () => {
    assert.match(frame(["999999 <13>"], 1000).bad[0]!, /more than the 1000/);
    const long = frame(["<13>" + "x".repeat(2000), "more\n<13>b: y\n"], 1000);
    assert.deepEqual(long.messages, ["<13>b: y"]);
    assert.match(long.bad[0]!, /without a line break/);
  });

  test("an octet-counted frame cut short by the connection's end is refused, not taken", () => {
    const { messages, bad } = frame(["30 <13>a: x"]);
    assert.deepEqual(messages, []);
    assert.match(bad[0]!, /cut short/);
  });
});
