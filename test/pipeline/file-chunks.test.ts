import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileChunks } from "@/lib/pipeline/file-chunks";

const dir = mkdtempSync(join(tmpdir(), "logscope-file-chunks-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A file of `length` bytes where byte k is k % 251, so any misplaced chunk shows. */
function numberedFile(name: string, length: number): { path: string; bytes: Buffer } {
  const bytes = Buffer.alloc(length);
  for (let k = 0; k < length; k++) bytes[k] = k % 251;
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return { path, bytes };
}

describe("fileChunks", () => {
  it("gives the bytes of a range in order, each chunk intact until the next is asked for", async () => {
    const { path, bytes } = numberedFile("numbered", 1000);
    for (const [start, end] of [[0, Infinity], [0, 1000], [3, 997], [100, 107], [999, 1000], [500, 500]] as const) {
      const pieces: Buffer[] = [];
      for await (const chunk of fileChunks(path, start, end, 7)) {
        const copy = Buffer.from(chunk);
        // The next chunk is being read meanwhile: it must go to another buffer than this one.
        await new Promise((resolve) => setTimeout(resolve, 1));
        assert.deepEqual(Buffer.from(chunk), copy, `chunk changed before the next was asked for (${start}-${end})`);
        pieces.push(copy);
      }
      assert.deepEqual(Buffer.concat(pieces), bytes.subarray(start, Math.min(end, bytes.length)), `${start}-${end}`);
    }
  });

  it("stops at the file's end when the file is shorter than the range asked for", async () => {
    const { path, bytes } = numberedFile("short", 50);
    const pieces: Buffer[] = [];
    for await (const chunk of fileChunks(path, 10, 10_000, 16)) pieces.push(Buffer.from(chunk));
    assert.deepEqual(Buffer.concat(pieces), bytes.subarray(10));
  });

  it("ends with the bytes still there when the file shrinks while it is read", async () => {
    const { path, bytes } = numberedFile("shrinking", 100);
    const pieces: Buffer[] = [];
    for await (const chunk of fileChunks(path, 0, Infinity, 30)) {
      pieces.push(Buffer.from(chunk));
      // The second chunk (30-59) may already be read; everything from 45 on is gone.
      if (pieces.length === 1) truncateSync(path, 45);
    }
    const read = Buffer.concat(pieces);
    assert.ok(read.length === 45 || read.length === 60, `read ${read.length} bytes`);
    assert.deepEqual(read, bytes.subarray(0, read.length));
  });

  it("closes the file when the caller stops early, with a read still under way", async () => {
    const { path } = numberedFile("early", 1000);
    const openFiles = () => readdirSync("/proc/self/fd").length;
    const before = openFiles();
    let chunks = 0;
    for await (const _ of fileChunks(path, 0, Infinity, 10)) if (++chunks === 3) break;
    assert.equal(chunks, 3);
    assert.equal(openFiles(), before);
  });
});
