import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { runNode } from "../run-process";
import { localCopy, localCopyIfStored, privateCopy } from "@/lib/storage/local-copy";
import { localModelDir, storeModelDir } from "@/lib/storage/model-dirs";
import { openStorage } from "@/lib/storage/open-storage";
import { startTestS3, useS3Storage, type TestS3 } from "./s3-test-server";
import { scratchDir } from "./store-contract";

const scratch = scratchDir("logscope-local-copy-");
let s3: TestS3;
const KEY = `uploads/${"ab".repeat(32)}.log`;
const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

before(async () => {
  s3 = await startTestS3();
  useS3Storage(s3);
  process.env.DATA_DIR = join(scratch.dir, "data");
  process.env.MODELS_DIR = join(scratch.dir, "models");
  // 20 MiB, so that the two downloads overlap.
  const path = join(scratch.dir, "log");
  const fd = openSync(path, "w");
  for (let i = 0; i < 20; i++) writeSync(fd, Buffer.alloc(1024 * 1024, 65 + i));
  closeSync(fd);
  await openStorage().put(KEY, path);
});
after(async () => {
  await s3.stop();
  scratch.remove();
});

test("two processes copying one key at once both get the whole file, and no partial file is left", async () => {
  const go = join(scratch.dir, "go");
  const child = [require.resolve("tsx/cli"), join(__dirname, "local-copy-child.ts"), KEY, go];
  const both = Promise.all([runNode(child, {}), runNode(child, {})]);
  // Long enough for both children to start and wait on the go file.
  await new Promise((resolve) => setTimeout(resolve, 4000));
  writeFileSync(go, "");
  const outcomes = await both;
  for (const { code, stderr } of outcomes) assert.equal(code, 0, stderr);
  const [a, b] = outcomes.map((o) => o.stdout.trim());
  assert.equal(a, b);
  assert.equal(a, join(scratch.dir, "data", "cache", ...KEY.split("/")));
  const copy = readFileSync(a ?? "");
  assert.equal(copy.length, 20 * 1024 * 1024);
  assert.equal(sha(copy), sha(readFileSync(join(scratch.dir, "log"))));
  assert.deepEqual(readdirSync(join(scratch.dir, "data", "cache", "uploads")), [KEY.split("/")[1]]);
});

test("a cached copy is used again without asking the store, and a missing key is null or ENOENT", async () => {
  const path = await localCopy(KEY);
  await openStorage().delete(KEY);
  assert.equal(await localCopy(KEY), path, "content-addressed: the copy stays valid");
  assert.equal(await localCopyIfStored(`uploads/${"cd".repeat(32)}.log`), null);
  await assert.rejects(localCopy(`uploads/${"cd".repeat(32)}.log`), { code: "ENOENT" });
});

test("a model directory goes to the bucket with its local copy removed, and comes back whole where a reader needs it", async () => {
  const dir = join(scratch.dir, "models", "run-3-job-4");
  const { mkdirSync } = await import("node:fs");
  mkdirSync(join(dir, "autoencoder"), { recursive: true });
  writeFileSync(join(dir, "meta.json"), "{}");
  writeFileSync(join(dir, "autoencoder", "weights.bin"), Buffer.alloc(1000, 1));
  await storeModelDir(dir);
  assert.equal(existsSync(dir), false);
  assert.deepEqual((await openStorage().list("models/run-3-job-4/")).map((o) => o.key), [
    "models/run-3-job-4/autoencoder/weights.bin",
    "models/run-3-job-4/meta.json",
  ]);
  const local = await localModelDir(dir);
  assert.equal(local, join(scratch.dir, "data", "cache", "models", "run-3-job-4"));
  assert.equal(readFileSync(join(local, "autoencoder", "weights.bin")).length, 1000);
  await assert.rejects(localModelDir(join(scratch.dir, "models", "run-9-job-9")), { code: "ENOENT" });
});

test("a cached model directory of another training under the same name (same file sizes) is fetched again by the next process", async () => {
  const dir = join(scratch.dir, "models", "run-7-job-1");
  const { mkdirSync } = await import("node:fs");
  const save = async (generation: number) => {
    mkdirSync(join(dir, "autoencoder"), { recursive: true });
    writeFileSync(join(dir, "meta.json"), `{"createdAt":"2026-12-0${generation}"}`);
    writeFileSync(join(dir, "autoencoder", "weights.bin"), Buffer.alloc(1000, generation));
    await storeModelDir(dir);
  };
  await save(1);
  assert.equal(readFileSync(join(await localModelDir(dir), "autoencoder", "weights.bin"))[0], 1);
  // The database was recreated and job ids start again: run-7-job-1 is another model now.
  await save(2);
  const child = await runNode([require.resolve("tsx/cli"), join(__dirname, "model-dir-child.ts"), dir], {});
  assert.equal(child.code, 0, child.stderr);
  assert.equal(child.stdout.trim(), "2");
});

test("a private copy of a labels file keeps its name and is gone once released", async () => {
  const path = join(scratch.dir, "truth.csv");
  writeFileSync(path, "window_start,kind\n");
  await openStorage().put("labels/run-5/truth.csv", path);
  const copy = await privateCopy("labels/run-5/truth.csv");
  assert.match(copy.path, /truth\.csv$/);
  assert.equal(readFileSync(copy.path, "utf8"), "window_start,kind\n");
  await copy.release();
  assert.equal(existsSync(copy.path), false);
});
