import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
let dir = "";

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "logscope-run-cli-"));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

// The compiled CLI (npm run build:node), with full-disk-preload.mjs failing the CSV's write halfway.
test("a full disk while detect writes its results exits with code 2 and one sentence, the previous results intact", async () => {
  const out = join(dir, "results.csv");
  await writeFile(out, "previous results\n");
  const argv = ["--import", "./test/cli/full-disk-preload.mjs", "dist/detect.cjs", resolve("logs/Linux_2k.log")];
  const options = { env: { ...process.env, LOGSCOPE_TEST_FULL_DISK: ".results.csv." } };
  await assert.rejects(run(process.execPath, [...argv, "--year", "2005", "--epochs", "2", "--out", out, "--models-dir", join(dir, "models")], options), (error: unknown) => {
    const failure = error as { code: number; stderr: string };
    assert.equal(failure.code, 2);
    const lines = failure.stderr.trimEnd().split("\n");
    assert.equal(lines.at(-1), `Error: Cannot write the results to ${out}: the disk is full, so nothing was written; free some space and run again.`);
    // Above it only the progress of the training that ran: one error line, no stack trace.
    assert.equal(lines.filter((line) => /error/i.test(line)).length, 1, failure.stderr);
    assert.doesNotMatch(failure.stderr, /\n\s+at /);
    return true;
  });
  assert.equal(await readFile(out, "utf8"), "previous results\n");
  assert.deepEqual((await readdir(dir)).sort(), ["models", "results.csv"]);
});
