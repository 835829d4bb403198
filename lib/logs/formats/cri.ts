import { parseTimestamp } from "./timestamps";
import { META, type FormatDefinition, type LineParser, type LineVerdict, type RecordFields, type Stamp } from "./types";

// tsx runs each file as CommonJS, where every use of an imported name is a getter call (see
// lib/logs/log-extractor.ts); every record's time goes through this local copy.
const readTimestamp = parseTimestamp;

/**
 * CRI container logs (containerd, CRI-O; kubelet's /var/log/pods/...):
 * `2016-10-06T00:17:09.669794202Z stdout F message`, that is RFC 3339 time, stream, tag, text.
 *
 * Field mapping (docs/pipeline.md §1b):
 * - time: the RFC 3339 timestamp (an instant).
 * - level: the stream, `stdout` or `stderr` (the only severity-like thing the line carries).
 * - host and process: empty; the pod and container are named by the file's path, not its lines.
 * - message: the text after the tag, as written (one trailing `\r` taken off).
 *
 * Partial lines: the runtime splits a long line into `P` (partial) fragments closed by an `F` (full)
 * one. A `P` line is `META`: its text is held and joined, without separator, to the following lines
 * of the same stream up to and including the next `F` one, which yields one record stamped with the
 * first fragment's time. Each stream keeps its own pending text, so interleaved stdout/stderr
 * fragments do not mix. Pending text longer than MAX_JOINED_CHARS is given out as a record at once,
 * so a file of endless `P` lines cannot grow memory without bound. `flush()` (LineParser's
 * end-of-file hook) gives out what is still pending when the file ends, so no text is lost.
 */

/** Beyond this many pending characters a partial line becomes a record without waiting for `F`. */
export const MAX_JOINED_CHARS = 1 << 20;

interface Pending {
  stamp: Stamp;
  text: string;
}

/** LineParser with its optional end-of-file hook always present. */
export interface CriParser extends LineParser {
  /** Records for fragments still waiting for their `F` line (called once, at the end of the file). */
  flush(): RecordFields[];
}

function isStreamAt(line: string, at: number, name: string): boolean {
  return line.startsWith(name, at) && line.charCodeAt(at + name.length) === 32;
}

function record(stamp: Stamp, level: string, message: string): RecordFields {
  return { stamp, host: "", process: "", level, message };
}

const STREAMS = ["stdout", "stderr"] as const;

export function createCriParser(): CriParser {
  // Pending fragments, one slot per stream (index into STREAMS): CRI has exactly two.
  const pending: [Pending | null, Pending | null] = [null, null];

  return {
    parseLine(line: string): LineVerdict {
      const timeEnd = line.indexOf(" ");
      // RFC 3339 starts `YYYY-`; checked here so a bare number is not read as an epoch time.
      if (timeEnd < 10 || line.charCodeAt(4) !== 45) return null;
      const streamStart = timeEnd + 1;
      let stream: 0 | 1;
      if (isStreamAt(line, streamStart, "stdout")) stream = 0;
      else if (isStreamAt(line, streamStart, "stderr")) stream = 1;
      else return null;

      // The tag is `F` or `P`, possibly followed by more `:`-separated flags the runtime may add.
      const tagStart = streamStart + 7;
      const tag = line.charCodeAt(tagStart);
      if (tag !== 70 && tag !== 80) return null; // F, P
      let tagEnd = line.indexOf(" ", tagStart);
      if (tagEnd === -1) tagEnd = line.length;
      if (tagEnd !== tagStart + 1 && line.charCodeAt(tagStart + 1) !== 58) return null; // :

      const stamp = readTimestamp(line.slice(0, timeEnd));
      if (stamp === null) return null;
      let end = line.length;
      if (end > tagEnd && line.charCodeAt(end - 1) === 13) end--;
      const text = tagEnd + 1 < end ? line.slice(tagEnd + 1, end) : "";
      const level = STREAMS[stream];
      const held = pending[stream];

      if (tag === 80) {
        if (held === null) {
          pending[stream] = { stamp, text };
          return META;
        }
        held.text += text;
        if (held.text.length <= MAX_JOINED_CHARS) return META;
        pending[stream] = null;
        return record(held.stamp, level, held.text);
      }
      if (held === null) return record(stamp, level, text);
      pending[stream] = null;
      return record(held.stamp, level, held.text + text);
    },

    flush(): RecordFields[] {
      const out: RecordFields[] = [];
      pending.forEach((held, stream) => {
        if (held !== null) out.push(record(held.stamp, STREAMS[stream] ?? "", held.text));
      });
      pending[0] = null;
      pending[1] = null;
      return out;
    },
  };
}

export const cri: FormatDefinition = {
  name: "cri",
  description: "CRI container logs (containerd, CRI-O, Kubernetes): TIME stdout|stderr F|P message",
  continuations: false,
  masks: [],
  createParser: () => createCriParser(),
};
