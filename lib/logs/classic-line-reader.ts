import { hashBytes } from "./byte-hash";
import { NEEDS_TEXT, RECORD, createByteFields, scanLineBytes, type ByteFields } from "./parse-bytes";
import { createLineFields, scanLine, type LineFields } from "./parse-line";
import type { SyslogClock } from "./syslog-clock";
import type { FeatureVocabulary } from "./window-accumulator";
import { internTextRecord } from "./window-features";

// tsx runs each file as CommonJS, where every use of an imported name is a getter call (two, in
// fact); code that runs per line uses these local copies, read once at load.
const scanBytes = scanLineBytes;
const hashBytesOf = hashBytes;
const IS_RECORD = RECORD;
const TO_TEXT = NEEDS_TEXT;

/**
 * The classic line path of docs/pipeline.md §1 (LogExtractor's, for lines no FormatStage took):
 * plain ASCII lines are parsed on their bytes; any other line is decoded and goes through the text
 * parser, with the same result. A record's ids and time are left in the public fields.
 */
export class ClassicLineReader {
  hostId = -1;
  processId = -1;
  messageId = -1;
  ts = NaN;
  private readonly fields: ByteFields = createByteFields();
  private readonly textFields: LineFields = createLineFields();
  private readonly decoder = new TextDecoder("utf-8", { ignoreBOM: true });

  constructor(private readonly clock: SyslogClock) {}

  /**
   * Reads `bytes[start, end)`: true for a record, its host, process and message interned in
   * `vocabulary`; false for a line that is not one (no match, or a date that cannot exist: the
   * clock said NaN and did not move).
   */
  read(bytes: Uint8Array, start: number, end: number, vocabulary: FeatureVocabulary): boolean {
    const f = this.fields;
    const status = scanBytes(bytes, start, end, f);
    if (status === IS_RECORD) {
      const ts = this.clock.toUnixSeconds(f.month, f.day, f.secondsOfDay);
      if (Number.isNaN(ts)) return false;
      this.ts = ts;
      this.messageId = vocabulary.messages.intern(f.view, f.messageStart, f.end);
      this.hostId = vocabulary.hosts.intern(bytes, f.hostStart, f.hostEnd, hashBytesOf(bytes, f.hostStart, f.hostEnd));
      this.processId = vocabulary.processes.intern(bytes, f.processStart, f.processEnd, hashBytesOf(bytes, f.processStart, f.processEnd));
      return true;
    }
    if (status !== TO_TEXT) return false;
    const t = this.textFields;
    if (!scanLine(this.decoder.decode(bytes.subarray(start, end)), t)) return false;
    const ts = this.clock.toUnixSeconds(t.month, t.day, t.secondsOfDay);
    if (Number.isNaN(ts)) return false;
    this.ts = ts;
    const s = t.source;
    const ids = internTextRecord(s.slice(t.hostStart, t.hostEnd), s.slice(t.processStart, t.processEnd), s.slice(t.messageStart), vocabulary);
    this.hostId = ids.hostId;
    this.processId = ids.processId;
    this.messageId = ids.messageId;
    return true;
  }
}
