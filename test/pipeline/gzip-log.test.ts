import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { UserInputError } from "@/lib/domain/user-input-error";
import { isGzip, plainChunks, plainLogFile } from "@/lib/pipeline/gzip-log";

const TEXT = "Jun 14 15:16:01 combo sshd[1]: session opened\n".repeat(200);

async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function collect(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts).toString("utf8");
}

test("gzip is told by its two magic bytes", () => {
  assert.equal(isGzip(gzipSync("x")), true);
  assert.equal(isGzip(Buffer.from("Jun 14")), false);
  assert.equal(isGzip(Uint8Array.from([0x1f])), false);
});

test("gzip chunks come out as the text, however the bytes are cut; plain text comes out as it is", async () => {
  const packed = gzipSync(TEXT);
  for (const size of [1, 2, 7, 4096]) assert.equal(await collect(plainChunks(pieces(packed, size), "a.gz")), TEXT, `pieces of ${size}`);
  assert.equal(await collect(plainChunks(pieces(Buffer.from(TEXT), 1), "a.log")), TEXT);
  assert.equal(await collect(plainChunks(pieces(Buffer.concat([gzipSync("one\n"), gzipSync("two\n")]), 3), "b.gz")), "one\ntwo\n", "members one after another, as cat a.gz b.gz writes them");
});

test("damaged or truncated gzip is refused in one sentence naming the file", async () => {
  const packed = gzipSync(TEXT);
  await assert.rejects(collect(plainChunks(pieces(packed.subarray(0, packed.length - 10), 100), "cut.log.gz")), (error: unknown) => {
    assert.ok(error instanceof UserInputError);
    assert.equal(error.message, "cut.log.gz is not a complete gzip file (it ends before its compressed data does): check the file, or decompress what is left yourself and give the plain log.");
    return true;
  });
  const damaged = Buffer.from(packed);
  damaged.fill(0xff, 20, 40);
  await assert.rejects(collect(plainChunks(pieces(damaged, 100), "bad.gz")), /^UserInputError: bad\.gz is not a complete gzip file \(its compressed data is damaged\)/);
});

test("a gzip log file is read from a decompressed copy that cleanup removes, hashed as it is written; a plain one is read in place", async () => {
  const dir = await mkdtemp(join(tmpdir(), "logscope-gzip-test-"));
  try {
    await writeFile(join(dir, "app.log.gz"), gzipSync(TEXT));
    await writeFile(join(dir, "app.log"), TEXT);
    const plain = await plainLogFile(join(dir, "app.log.gz"));
    assert.equal(plain.compressed, true);
    assert.equal(await readFile(plain.path, "utf8"), TEXT);
    assert.equal(plain.sha256, createHash("sha256").update(TEXT).digest("hex"));
    await plain.cleanup();
    assert.equal(existsSync(dirname(plain.path)), false);
    const asIs = await plainLogFile(join(dir, "app.log"));
    assert.deepEqual([asIs.compressed, asIs.path, asIs.sha256], [false, join(dir, "app.log"), undefined]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
