import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import { hashFile, hashWorkerSpec } from "@/lib/pipeline/hash-file";

const dir = mkdtempSync(join(tmpdir(), "logscope-hash-"));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

test("hashFile gives the SHA-256 of a file, from hash-file-worker.ts on a worker thread under tsx", async () => {
  assert.equal(hashWorkerSpec().path, resolve("lib/pipeline/hash-file-worker.ts"));
  // Several 1 MiB read chunks, and an empty file.
  const big = join(dir, "big.log");
  writeFileSync(big, Buffer.alloc(3 * 1024 * 1024 + 17, "Jun 14 15:16:01 combo sshd[1]: x\n"));
  const empty = join(dir, "empty.log");
  writeFileSync(empty, "");
  assert.equal(await hashFile(big), sha256(big));
  assert.equal(await hashFile(empty), createHash("sha256").digest("hex"));
  assert.equal(await hashFile("logs/Linux_2k.log"), "b3e20bc1afe732ab1bf3ed1de4bf9c809e4194e02f7dea911d918e5342e8e173");
});

test("hashFile rejects when the file cannot be read", async () => {
  await assert.rejects(hashFile(join(dir, "missing.log")), /ENOENT/);
});

test("hashFile with a byte count hashes only those first bytes, and rejects a file that holds fewer", async () => {
  const grown = join(dir, "grown.log");
  writeFileSync(grown, "Jun 14 15:16:01 combo sshd[1]: first\nJun 14 15:16:02 combo sshd[1]: appended later\n");
  const first = "Jun 14 15:16:01 combo sshd[1]: first\n";
  assert.equal(await hashFile(grown, Buffer.byteLength(first)), createHash("sha256").update(first).digest("hex"));
  await assert.rejects(hashFile(grown, 10_000), /the file holds 83 bytes, fewer than the 10000 to hash/);
});

test("a bundle in dist/ starts dist/hash-file-worker.cjs beside it, with the process's own options", () => {
  assert.deepEqual(hashWorkerSpec("/srv/logscope/dist/detect.cjs"), { path: "/srv/logscope/dist/hash-file-worker.cjs" });
});

test("the bundled hash worker (npm run build:node) posts the digest of the file it is given", async () => {
  const path = resolve("dist/hash-file-worker.cjs");
  const digest = await new Promise<unknown>((resolveDigest, reject) => {
    const worker = new Worker(path, { workerData: { path: resolve("logs/Linux_2k.log") } });
    worker.once("message", resolveDigest);
    worker.once("error", reject);
  });
  assert.equal(digest, sha256("logs/Linux_2k.log"));
});
