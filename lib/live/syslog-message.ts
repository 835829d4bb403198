import { priLength, skipStructuredData } from "@/lib/logs/formats/rfc5424";

/**
 * One received syslog message as a log line the stream's model reads (issue #17, docs/live.md).
 * The model was trained on a file, so a message becomes the line a syslog daemon would have written
 * to one:
 * - RFC 3164 (`<34>Oct 11 22:14:15 host app[1]: msg`): the `<PRI>` is dropped, which leaves the
 *   classic line docs/pipeline.md §1 reads (`syslog`, `loghub:Linux`, ...).
 * - RFC 5424 (`<34>1 2003-10-11T22:14:15.003Z host app 1 ID47 [sd] msg`): for a model of the
 *   `rfc5424` format, the message as sent (that format reads the header, `<PRI>` included); for any
 *   other, `2003-10-11T22:14:15.003Z host app[1]: msg`, which the `syslog` format reads as it reads
 *   rsyslog's RFC 3339 lines. The structured data and MSGID are not part of the message in either.
 * Line breaks inside a message (octet counting allows them) become spaces, so one message stays one
 * record. Bytes are kept as sent: only the ASCII header is read.
 * A message without a valid `<PRI>`, or an RFC 5424 header that cannot be read, is refused with a
 * reason (the receiver counts it and says so); a well-formed message the model's format does not
 * read is the stream's business (an unmatched line, counted like any other).
 */

export type SyslogTarget = "rfc5424" | "syslog";

/** How messages are written for a model trained on `format` (the run's detected format). */
export function syslogTarget(format: string | null | undefined): SyslogTarget {
  return format === "rfc5424" ? "rfc5424" : "syslog";
}

export type SyslogLine = { line: Buffer } | { problem: string };

const SPACE = 0x20;
const LF = 0x0a;
const CR = 0x0d;

/** The message with its inner line breaks as spaces (a copy only when there is one). */
function oneLine(message: Buffer): Buffer {
  if (message.indexOf(LF) === -1 && message.indexOf(CR) === -1) return message;
  const copy = Buffer.from(message);
  for (let i = 0; i < copy.length; i++) if (copy[i] === LF || copy[i] === CR) copy[i] = SPACE;
  return copy;
}

/** `message` (framing already removed) as a log line for `target`, or why it was refused. */
export function syslogLine(message: Buffer, target: SyslogTarget): SyslogLine {
  if (message.length === 0) return { problem: "an empty message" };
  // Latin-1 maps each byte to one character: offsets in `text` are offsets in `message`.
  const text = message.toString("latin1");
  const pri = priLength(text);
  if (pri === 0) return { problem: "a message without a <PRI> prefix such as <13>" };
  // RFC 5424: VERSION (a nonzero digit, at most two) and a space right after the PRI; no RFC 3164 message looks like that.
  if (!/^[1-9][0-9]{0,2} /.test(text.slice(pri, pri + 4))) {
    if (pri === message.length) return { problem: "a message with nothing after its <PRI>" };
    return { line: oneLine(message.subarray(pri)) };
  }
  if (target === "rfc5424") return { line: oneLine(message) };
  return rfc5424AsSyslog(message, text, text.indexOf(" ", pri) + 1);
}

/** `TIMESTAMP HOST APP[PROCID]: MSG` from the RFC 5424 header starting at `at` (after VERSION SP). */
function rfc5424AsSyslog(message: Buffer, text: string, at: number): SyslogLine {
  // TIMESTAMP HOSTNAME APP-NAME PROCID MSGID, each one or more characters and one space.
  const fields: string[] = [];
  let i = at;
  for (let f = 0; f < 5; f++) {
    const end = text.indexOf(" ", i);
    if (end <= i) return { problem: "an RFC 5424 message whose header is cut short" };
    fields.push(text.slice(i, end));
    i = end + 1;
  }
  const sdEnd = skipStructuredData(text, i);
  if (sdEnd === -1 || (sdEnd < text.length && text.charCodeAt(sdEnd) !== SPACE)) {
    return { problem: "an RFC 5424 message whose structured data cannot be read" };
  }
  const [time = "-", host = "-", app = "-", procId = "-"] = fields;
  if (time === "-") return { problem: "an RFC 5424 message without a timestamp" };
  let body = message.subarray(Math.min(sdEnd + 1, message.length));
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3); // the UTF-8 BOM RFC 5424 allows
  const tag = `${app}${/^[0-9]+$/.test(procId) ? `[${procId}]` : ""}:`;
  return { line: oneLine(Buffer.concat([Buffer.from(`${time} ${host} ${tag} `, "latin1"), body])) };
}
