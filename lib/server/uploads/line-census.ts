import "server-only";
import { ByteLineSplitter } from "@/lib/logs/line-splitter";
import { createByteFields, NEEDS_TEXT, RECORD, scanLineBytes } from "@/lib/logs/parse-bytes";
import { createLineFields, scanLine } from "@/lib/logs/parse-line";

// Local copies of imported functions used per line (tsx's CommonJS output makes each use of an
// imported name a getter call; see lib/logs/extract-windows.ts).
const scanBytes = scanLineBytes;
const scanText = scanLine;

/**
 * Counts the lines of a byte stream and those that are syslog records, with the same splitter and
 * record test as the extractor, so an upload's line counts equal what a run later reports and a
 * file without any record can be refused before training starts.
 */
export class LineCensus {
  private readonly splitter: ByteLineSplitter;
  private readonly fields = createByteFields();
  private readonly textFields = createLineFields();
  private readonly decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  private recordCount = 0;
  /** 1-based line number of the first record, 0 while none was seen. */
  firstRecordLine = 0;

  constructor() {
    // Records are decided by their first bytes; a 64 KiB prefix of a monster line is plenty.
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
  }

  get lines(): number {
    return this.splitter.lines;
  }

  get records(): number {
    return this.recordCount;
  }

  get unparsedLines(): number {
    return this.splitter.lines - this.recordCount;
  }

  private countLine(bytes: Uint8Array, start: number, end: number, line: number): void {
    const status = scanBytes(bytes, start, end, this.fields);
    const isRecord =
      status === RECORD || (status === NEEDS_TEXT && scanText(this.decoder.decode(bytes.subarray(start, end)), this.textFields));
    if (!isRecord) return;
    this.recordCount++;
    if (this.firstRecordLine === 0) this.firstRecordLine = line;
  }
}
