import "server-only";
import { DETECTION_SAMPLE_LINES, detectFormat } from "@/lib/logs/formats/detect-format";
import { FormatReader, createStampClock } from "@/lib/logs/formats/format-reader";
import { syslogFormat } from "@/lib/logs/formats/syslog-format";
import { parseSyslogVariant } from "@/lib/logs/formats/syslog-variants";
import { META, type FormatDefinition } from "@/lib/logs/formats/types";
import { ByteLineSplitter } from "@/lib/logs/line-splitter";
import { createByteFields, NEEDS_TEXT, RECORD, scanLineBytes } from "@/lib/logs/parse-bytes";
import { createLineFields, scanLine } from "@/lib/logs/parse-line";
import { isUserInputError } from "@/lib/domain/user-input-error";

// Local copies of imported functions used per line (tsx's CommonJS output makes each use of an
// imported name a getter call; see lib/logs/log-extractor.ts).
const scanBytes = scanLineBytes;
const scanText = scanLine;
const parseVariant = parseSyslogVariant;

// As the extractor's FormatStage: detection reads at most this much of the head.
const SAMPLE_MAX_BYTES = 8 << 20;

/**
 * Counts the lines of an upload and those that are records of its format, detected on the head
 * as a run with `--format auto` detects it (docs/pipeline.md §1b), so an upload's counts match what
 * such a run reports. The head (DETECTION_SAMPLE_LINES non-blank lines) is held until detection,
 * then counted. `syslog` keeps the byte scanner of §1 (and tries its variants on the lines §1
 * rejects); another format goes through a FormatReader (continuation and structure lines are
 * neither records nor unparsed). When no format is recognised every line counts as unparsed: the
 * upload is kept, since a declared template (never guessed) may still read it.
 */
export class LineCensus {
  private readonly splitter: ByteLineSplitter;
  private readonly fields = createByteFields();
  private readonly textFields = createLineFields();
  private readonly decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  private held: { text: string; line: number }[] | null = [];
  private heldBytes = 0;
  private heldContent = 0;
  private reader: FormatReader | null = null;
  /** The format detected on the head; null while sampling or when none was recognised. */
  format: FormatDefinition | null = null;
  /** Why detection recognised no format (its sentence), or null. */
  undetected: string | null = null;
  private recordCount = 0;
  private unparsedCount = 0;
  /** 1-based line number of the first record, 0 while none was seen. */
  firstRecordLine = 0;

  constructor() {
    // Detection and §1 decide on a line's first bytes; a 64 KiB prefix of a monster line is plenty.
    this.splitter = new ByteLineSplitter((bytes, start, end, line) => this.countLine(bytes, start, end, line), {
      maxLineBytes: 64 * 1024,
    });
  }

  push(chunk: Uint8Array): void {
    this.splitter.push(chunk);
  }

  /** Call once after the last chunk (counts a last line without a line break). */
  end(): void {
    this.splitter.end();
    if (this.held !== null) this.settle();
    this.reader?.finish();
  }

  get lines(): number {
    return this.splitter.lines;
  }

  get records(): number {
    return this.recordCount;
  }

  get unparsedLines(): number {
    return this.unparsedCount;
  }

  private countLine(bytes: Uint8Array, start: number, end: number, line: number): void {
    if (this.held !== null) {
      const text = this.decoder.decode(bytes.subarray(start, end));
      this.held.push({ text, line });
      this.heldBytes += end - start;
      if (text.trim() !== "") this.heldContent++;
      if (this.heldContent >= DETECTION_SAMPLE_LINES || this.heldBytes >= SAMPLE_MAX_BYTES) this.settle();
      return;
    }
    if (this.reader !== null) {
      this.reader.readLine(this.decoder.decode(bytes.subarray(start, end)), line, 0, 0);
      return;
    }
    if (this.format === syslogFormat) {
      const status = scanBytes(bytes, start, end, this.fields);
      if (status === RECORD) this.record(line);
      else this.countSyslogText(this.decoder.decode(bytes.subarray(start, end)), line, status === NEEDS_TEXT);
      return;
    }
    this.unparsedCount++;
  }

  /** A syslog line the byte scanner did not take: §1 on its text (when asked), else a variant. */
  private countSyslogText(text: string, line: number, tryClassic: boolean): void {
    const verdict = tryClassic && scanText(text, this.textFields) ? true : parseVariant(text);
    if (verdict !== null && verdict !== META) this.record(line);
    else this.unparsedCount++;
  }

  private record(line: number): void {
    this.recordCount++;
    if (this.firstRecordLine === 0) this.firstRecordLine = line;
  }

  /** Detects the format on the held head, then counts the head with it. */
  private settle(): void {
    const held = this.held ?? [];
    this.held = null;
    const lines = held.map((h) => h.text);
    if (lines.every((text) => text.trim() === "")) this.format = syslogFormat;
    else {
      try {
        this.format = detectFormat(lines).definition;
      } catch (error) {
        if (!isUserInputError(error)) throw error;
        this.undetected = error.message;
      }
    }
    const format = this.format;
    if (format !== null && format !== syslogFormat) {
      const clock = createStampClock(format, { year: new Date().getUTCFullYear() });
      this.reader = new FormatReader(format.createParser({}), format.continuations, clock, {
        record: (_fields, _ts, line) => this.record(line),
        unparsed: () => this.unparsedCount++,
      });
    }
    for (const h of held) {
      if (this.reader !== null) this.reader.readLine(h.text, h.line, 0, 0);
      else if (format === syslogFormat) this.countSyslogText(h.text, h.line, true);
      else this.unparsedCount++;
    }
  }
}
