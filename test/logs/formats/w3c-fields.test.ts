import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FieldOffsets } from "@/lib/logs/formats/w3c-fields";

/** The fields as a reference reading gives them: runs of spaces and tabs separate, none are empty. */
function reference(line: string, end: number): string[] {
  return line.slice(0, end).split(/[ \t]+/).filter((field) => field !== "");
}

function fieldsOf(offsets: FieldOffsets, line: string, end: number): string[] {
  const count = offsets.split(line, end);
  return Array.from({ length: count }, (_, i) => offsets.text(line, i));
}

describe("w3c fields", () => {
  it("splits on single and repeated spaces, tabs, leading and trailing blanks, up to `end`", () => {
    const offsets = new FieldOffsets();
    for (const line of [
      "2024-03-01 12:00:00 a b c",
      "  2024-03-01   12:00:00 a  ",
      "2024-03-01\t12:00:00 \t a\t\tb",
      "a",
      "",
      "   ",
      "a b c\r",
      `${Array.from({ length: 100 }, (_, i) => `f${i}`).join(" ")}`,
    ]) {
      for (const end of [line.length, Math.max(0, line.length - 1)]) {
        assert.deepEqual(fieldsOf(offsets, line, end), reference(line, end), JSON.stringify([line, end]));
      }
    }
  });

  it("joins the chosen fields with one space, whatever separated them", () => {
    const offsets = new FieldOffsets();
    const line = "d t  a b\tc d e";
    offsets.split(line, line.length);
    assert.equal(offsets.join(line, [2, 3, 4, 6]), "a b c e");
    assert.equal(offsets.join(line, [5]), "d");
    assert.equal(offsets.join(line, []), "");
  });
});
