import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LastStamp } from "@/lib/logs/formats/last-stamp";
import { parseTimestamp } from "@/lib/logs/formats/timestamps";

// Repeats, a stamp that extends the last one, a shorter one, an impossible date and empty fields.
const FIELDS = [
  "2024-03-01 12:00:00", "2024-03-01 12:00:00", "2024-03-01 12:00:01", "2024-03-01 12:00:01.5", "2024-03-01 12:00:01",
  "2024-02-30 12:00:00", "2024-02-30 12:00:00", "", "", "12/Nov/2024:05:00:00 +0000", "12/Nov/2024:05:00:00 +0000", "2024-03-01 12:00:01",
];

describe("LastStamp", () => {
  it("reads each field as parseTimestamp does, whether cut out of a line or built", () => {
    const stamps = new LastStamp(parseTimestamp);
    for (const field of FIELDS) {
      const line = `x ${field}]rest`;
      assert.deepEqual(stamps.of(line.slice(2, 2 + field.length)), parseTimestamp(field), field);
      assert.deepEqual(stamps.of(`${field.slice(0, 3)}${field.slice(3)}`), parseTimestamp(field), field);
    }
  });

  it("reads a field again only when its text differs from the last one, the first one included", () => {
    const read: string[] = [];
    const stamps = new LastStamp((text) => {
      read.push(text);
      return text === "" ? { kind: "instant", seconds: 0 } : parseTimestamp(text);
    });
    for (const field of FIELDS) stamps.of(`[${field}]`.slice(1, -1));
    assert.deepEqual(read, [
      "2024-03-01 12:00:00", "2024-03-01 12:00:01", "2024-03-01 12:00:01.5", "2024-03-01 12:00:01",
      "2024-02-30 12:00:00", "", "12/Nov/2024:05:00:00 +0000", "2024-03-01 12:00:01",
    ]);
    assert.deepEqual(new LastStamp(() => ({ kind: "instant", seconds: 7 })).of(""), { kind: "instant", seconds: 7 });
  });
});
