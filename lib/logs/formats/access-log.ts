import { LastStamp } from "./last-stamp";
import { parseTimestamp } from "./timestamps";
import type { FormatDefinition, LineParser, LineVerdict } from "./types";

/**
 * Apache / nginx access logs, Common Log Format and Combined:
 * `127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "referer" "agent"`.
 * Leading fields before the client are allowed (Apache's `vhost_combined` starts `%v:%p`), and so are
 * trailing fields after the size (Combined's referer and agent, nginx's extra ones).
 *
 * Field mapping (docs/pipeline.md §1b):
 * - time: the bracketed `%t` time (usually with an offset, so an instant).
 * - host: the client address `%h`, the third field before the time. §1b counts a source address as a
 *   host, and a server's access log is one server anyway, so distinct clients is what `distinct_hosts`
 *   can tell apart; the w3c format makes the same choice (`c-ip`). A leading vhost is not kept.
 * - process: the request's method (`GET`, `POST`) when the request line starts with an upper-case
 *   word, else empty (`"-"`, or the binary junk scanners send).
 * - level: the status code exactly as written (`"200"`, `"404"`); its class is its first digit.
 * - message: everything after the time, as written, from the request's opening quote: request line,
 *   status, size, then referer, agent and whatever else the line carries (one trailing `\r` taken off).
 */

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The start of the space-delimited field that ends at `end` (exclusive), or -1 when it is empty. */
function fieldStartBefore(line: string, end: number): number {
  const start = line.lastIndexOf(" ", end - 1) + 1;
  return start === end ? -1 : start;
}

/** The request's closing quote: the next `"` not escaped by a backslash (Apache writes `\"`). */
function closingQuote(line: string, from: number): number {
  let quote = line.indexOf('"', from);
  while (quote !== -1) {
    let backslashes = 0;
    while (line.charCodeAt(quote - 1 - backslashes) === 92) backslashes++;
    if (backslashes % 2 === 0) return quote;
    quote = line.indexOf('"', quote + 1);
  }
  return -1;
}

/** The method: the request line's first word when it is upper-case letters (a `_` or `-` allowed). */
function method(line: string, start: number, end: number): string {
  let i = start;
  for (; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c === 32) break;
    if (!((c >= 65 && c <= 90) || c === 95 || c === 45)) return "";
  }
  return i === start || line.charCodeAt(start) === 45 ? "" : line.slice(start, i);
}

/** One line on its own; the format's parsers read a file's lines with readAccessLine and one LastStamp. */
export function parseAccessLine(line: string): LineVerdict {
  return readAccessLine(line, new LastStamp(parseTimestamp));
}

function readAccessLine(line: string, stamps: LastStamp): LineVerdict {
  const open = line.indexOf(" [");
  if (open < 5) return null;
  // `%h %l %u [`: user, ident and client are the three fields right before the time.
  const userStart = fieldStartBefore(line, open);
  if (userStart < 2) return null;
  const identStart = fieldStartBefore(line, userStart - 1);
  if (identStart < 1) return null;
  const clientStart = fieldStartBefore(line, identStart - 1);
  if (clientStart === -1) return null;

  const timeStart = open + 2;
  const close = line.indexOf("]", timeStart);
  if (close === -1 || line.charCodeAt(close + 1) !== 32 || line.charCodeAt(close + 2) !== 34) return null;
  const requestStart = close + 3;
  const requestEnd = closingQuote(line, requestStart);
  if (requestEnd === -1 || line.charCodeAt(requestEnd + 1) !== 32) return null;

  // ` 200 2326`: a three-digit status, then the size in bytes or `-`.
  const status = requestEnd + 2;
  if (!isDigit(line.charCodeAt(status)) || !isDigit(line.charCodeAt(status + 1)) || !isDigit(line.charCodeAt(status + 2))) return null;
  if (line.charCodeAt(status + 3) !== 32) return null;
  let end = line.length;
  if (line.charCodeAt(end - 1) === 13) end--;
  let i = status + 4;
  if (line.charCodeAt(i) === 45) i++;
  else while (i < end && isDigit(line.charCodeAt(i))) i++;
  if (i === status + 4 || (i < end && line.charCodeAt(i) !== 32)) return null;

  const stamp = stamps.of(line.slice(timeStart, close));
  if (stamp === null) return null;
  return {
    stamp,
    host: line.slice(clientStart, identStart - 1),
    process: method(line, requestStart, requestEnd),
    level: line.slice(status, status + 3),
    message: line.slice(close + 2, end),
  };
}

/** A file's parser: consecutive lines share their `%t` most of the time (see LastStamp). */
function createAccessParser(): LineParser {
  // Measured on bench's access row (~5 records a second): scanning a repeated `%t` cost ~170 ns.
  const stamps = new LastStamp(parseTimestamp);
  return { parseLine: (line) => readAccessLine(line, stamps) };
}

export const accessLog: FormatDefinition = {
  name: "access",
  description: "Apache/nginx access logs, Common and Combined Log Format (optionally with a leading vhost)",
  continuations: false,
  masks: [],
  createParser: () => createAccessParser(),
};
