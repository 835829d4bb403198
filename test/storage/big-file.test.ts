import assert from "node:assert/strict";
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { runNode } from "../run-process";
import { startTestS3, type TestS3 } from "./s3-test-server";
import { scratchDir } from "./store-contract";

/**
 * Less than the file: a store that held the file would grow by 50 MiB or more. Measured on this
 * machine: a folder 0 MiB; S3 about 33 MiB with a 50 MiB and with a 200 MiB file alike (PutObject
 * streaming, GetObject to a file), so it does not grow with the file; multipart about 36-40 MiB.
 */
const MAX_GROWTH_MIB = 46;

const scratch = scratchDir("logscope-big-file-");
const file = join(scratch.dir, "big.log");
let s3: TestS3;

/** `mib` MiB of log-like lines, written in 1 MiB blocks. */
function writeLog(path: string, mib: number): void {
  const line = Buffer.from("Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname= uid=0\n");
  const block = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < block.length; i++) block[i] = line[i % line.length] as number;
  const fd = openSync(path, "w");
  for (let i = 0; i < mib; i++) writeSync(fd, block);
  closeSync(fd);
}

before(async () => {
  writeLog(file, 50);
  s3 = await startTestS3();
});
after(async () => {
  await s3.stop();
  scratch.remove();
});

interface Trip {
  putSeconds: number;
  seconds: number;
  growthMiB: number;
  putGrowthMiB: number;
  same: boolean;
}

/** Puts and fetches the file in a child process of its own (big-file-child.ts). */
async function roundTrip(kind: string, multipart = false): Promise<void> {
  const dir = join(scratch.dir, `${kind}-${multipart ? "parts" : "whole"}`);
  mkdirSync(dir, { recursive: true });
  const child = join(__dirname, "big-file-child.ts");
  const args = ["--expose-gc", require.resolve("tsx/cli"), child, kind, file, dir, s3.endpoint, s3.bucket, multipart ? "1" : "0"];
  const { code, stdout, stderr } = await runNode(args, {});
  assert.equal(code, 0, stderr);
  const result = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as Trip;
  console.log(
    `${kind}${multipart ? " multipart" : ""}: 50 MiB put ${result.putSeconds.toFixed(2)} s, put + fetch ${result.seconds.toFixed(2)} s; ` +
      `RSS growth ${result.growthMiB.toFixed(1)} MiB (during the put ${result.putGrowthMiB.toFixed(1)} MiB)`,
  );
  assert.ok(result.same, "the fetched file is the put file");
  assert.ok(result.growthMiB < MAX_GROWTH_MIB, `memory grew by ${result.growthMiB.toFixed(1)} MiB`);
}

test("a 50 MiB file goes into a folder store and back whole, in bounded memory", () => roundTrip("dir"));
test("a 50 MiB file goes into S3 by one streamed PutObject and back whole, in bounded memory", () => roundTrip("s3"));
test("a 50 MiB file goes into S3 as a multipart upload of 8 MiB parts and back whole, in bounded memory", () => roundTrip("s3", true));
