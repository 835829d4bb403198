import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RecordLocation } from "../../lib/logs/types";
import { RecordPacker, unpackRecords } from "../../lib/pipeline/parallel-records";

describe("packed record locations", () => {
  it("unpack to the same lines, offsets, lengths, seconds and windows, with the range's line base", () => {
    const start = 5_000_000_000;
    const records: RecordLocation[] = [
      { line: 1, offset: start, length: 120, ts: 1_750_000_000, windowStart: 1_749_999_960 },
      { line: 2, offset: start + 121, length: 0, ts: 1_750_000_000, windowStart: 1_749_999_960 },
      // Lines between records, a step back in time, a jump of years, seconds that are not whole.
      { line: 9, offset: start + 900, length: 70_000, ts: 1_749_999_001, windowStart: 1_749_999_000 },
      { line: 10, offset: start + 70_902, length: 5, ts: -86_400, windowStart: -86_400 },
      { line: 11, offset: start + 70_909, length: 5, ts: 1_750_000_000.5, windowStart: 1_749_999_960 },
      { line: 12, offset: start + 70_916, length: 5, ts: 1_750_000_061, windowStart: 1_750_000_020 },
    ];
    const chunks: Uint8Array[] = [];
    const packer = new RecordPacker(start, (chunk) => chunks.push(chunk));
    for (const record of records) packer.add(record);
    packer.flush();
    const out: RecordLocation[] = [];
    unpackRecords(chunks, start, 1000, 60, (r) => out.push(r));
    assert.deepEqual(out, records.map((r) => ({ ...r, line: r.line + 1000 })));
  });

  it("takes about 5 bytes a record for consecutive syslog lines", () => {
    const chunks: Uint8Array[] = [];
    const packer = new RecordPacker(0, (chunk) => chunks.push(chunk));
    let offset = 0;
    for (let k = 1; k <= 100_000; k++) {
      packer.add({ line: k, offset, length: 150, ts: 1_750_000_000 + Math.floor(k / 100), windowStart: 0 });
      offset += 151;
    }
    packer.flush();
    const bytes = chunks.reduce((sum, c) => sum + c.length, 0);
    assert.ok(bytes <= 5.1 * 100_000, `${bytes} bytes`);
    let count = 0;
    unpackRecords(chunks, 0, 0, 60, () => count++);
    assert.equal(count, 100_000);
  });
});
