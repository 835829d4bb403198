import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ByteLineSplitter, LineSplitter, splitLines } from "../../lib/logs/line-splitter";

interface SeenLine {
  text: string;
  line: number;
  offset: number;
  length: number;
}

function splitInChunks(bytes: Uint8Array, cuts: number[], maxLineBytes?: number): SeenLine[] {
  const seen: SeenLine[] = [];
  const splitter = new LineSplitter((text, line, offset, length) => seen.push({ text, line, offset, length }), { maxLineBytes });
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    splitter.push(bytes.slice(from, cut));
    from = cut;
  }
  splitter.end();
  return seen;
}

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe("LineSplitter", () => {
  // "é" is 2 bytes and "€" 3 bytes in UTF-8; CRLF and LF endings are mixed; the last line has no newline.
  const text = "ab\r\ncafé\n\nx€y\r\nlast";
  const bytes = encode(text);
  const expected: SeenLine[] = [
    { text: "ab", line: 1, offset: 0, length: 2 },
    { text: "café", line: 2, offset: 4, length: 5 },
    { text: "", line: 3, offset: 10, length: 0 },
    { text: "x€y", line: 4, offset: 11, length: 5 },
    { text: "last", line: 5, offset: 18, length: 4 },
  ];

  it("gives each line its number, byte offset and byte length without the terminator", () => {
    assert.deepEqual(splitInChunks(bytes, []), expected);
  });

  it("gives the same lines wherever the chunks are cut, also inside CRLF and inside a multi-byte character", () => {
    for (let a = 0; a <= bytes.length; a++) {
      for (let b = a; b <= bytes.length; b++) {
        assert.deepEqual(splitInChunks(bytes, [a, b]), expected, `cuts at ${a} and ${b}`);
      }
    }
  });

  it("feeds one byte at a time without losing anything", () => {
    assert.deepEqual(
      splitInChunks(bytes, Array.from({ length: bytes.length }, (_, i) => i)),
      expected,
    );
  });

  it("does not invent an empty line after a final newline, and sees none in empty input", () => {
    assert.deepEqual(splitLines("a\nb\n"), ["a", "b"]);
    assert.deepEqual(splitLines(""), []);
    assert.deepEqual(splitLines("\n"), [""]);
  });

  it("decodes latin-1 and invalid bytes to U+FFFD instead of failing", () => {
    const latin1 = Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x0a, 0xff, 0xfe, 0x0a, 0xe2, 0x82]);
    assert.deepEqual(splitLines(latin1), ["caf\ufffd", "\ufffd\ufffd", "\ufffd"]);
  });

  it("drops the UTF-8 byte order mark of the first line only, keeping offsets in file bytes", () => {
    const withBom = Uint8Array.from([0xef, 0xbb, 0xbf, ...encode("a\n\ufeffb")]);
    assert.deepEqual(splitInChunks(withBom, [2]), [
      { text: "a", line: 1, offset: 0, length: 4 },
      { text: "\ufeffb", line: 2, offset: 5, length: 4 },
    ]);
  });

  it("keeps only maxLineBytes of an overlong line but reports its true length and the next offset right", () => {
    const long = encode("0123456789\nok\n");
    assert.deepEqual(splitInChunks(long, [3, 7], 4), [
      { text: "0123", line: 1, offset: 0, length: 10 },
      { text: "ok", line: 2, offset: 11, length: 2 },
    ]);
    assert.deepEqual(splitInChunks(long, [], 4)[0], { text: "0123", line: 1, offset: 0, length: 10 });
  });

  it("hands byte ranges that re-read the exact line from the file", () => {
    const ranges: [number, number][] = [];
    const splitter = new ByteLineSplitter((_bytes, _start, _end, _line, offset, length) => ranges.push([offset, length]));
    splitter.push(bytes.slice(0, 7));
    splitter.push(bytes.slice(7));
    splitter.end();
    const decoder = new TextDecoder();
    assert.deepEqual(
      ranges.map(([offset, length]) => decoder.decode(bytes.subarray(offset, offset + length))),
      expected.map((l) => l.text),
    );
  });
  it("keeps a line cut by a chunk's end whole when the reader reuses the chunk's Buffer", () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((text) => lines.push(text));
    // One Buffer refilled for every chunk, as fileChunks reads a file: "abc\nde" then "f\ngh\n".
    const buffer = Buffer.alloc(6);
    buffer.write("abc\nde");
    splitter.push(buffer);
    buffer.fill(0).write("f\ngh\n");
    splitter.push(buffer.subarray(0, 5));
    splitter.end();
    assert.deepEqual(lines, ["abc", "def", "gh"]);
  });

  it("counts offsets from startOffset and drops a byte order mark only at the file's start", () => {
    const seen: [string, number][] = [];
    const splitter = new LineSplitter((text, _line, offset) => seen.push([text, offset]), { startOffset: 100 });
    splitter.push(Uint8Array.from([0xef, 0xbb, 0xbf, ...encode("x\ny\n")]));
    splitter.end();
    assert.deepEqual(seen, [["\ufeffx", 100], ["y", 105]]);
  });
});
