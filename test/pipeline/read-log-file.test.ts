import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { appendFile, copyFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { isUserInputError } from "@/lib/domain/user-input-error";
import { readLogFile } from "@/lib/pipeline/read-log-file";

const LOG = resolve("logs/Linux_2k.log");
let dir = "";
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "logscope-read-log-"));
});
after(() => rm(dir, { recursive: true, force: true }));

// The hash is taken after the parse (beside training): it must still name the bytes that were parsed.
test("the log's hash covers the bytes parsed: lines appended after the parse are left out, as the parse left them", async () => {
  const path = join(dir, "growing.log");
  await copyFile(LOG, path);
  const extraction = await readLogFile(path, { year: 2005, window: 60 });
  await appendFile(path, "Jul 27 14:42:00 combo sshd[1]: appended after the parse\n");
  assert.equal(extraction.fileSize, (await readFile(LOG)).length);
  assert.equal(await extraction.sha256(), createHash("sha256").update(await readFile(LOG)).digest("hex"));
});

test("a log removed after its parse is refused in one sentence when its hash is asked for", async () => {
  const path = join(dir, "removed.log");
  await copyFile(LOG, path);
  const extraction = await readLogFile(path, { year: 2005, window: 60 });
  await rm(path);
  await assert.rejects(extraction.sha256(), (error: unknown) => {
    assert.ok(isUserInputError(error), String(error));
    assert.equal(error.message, "removed.log was changed or removed after it was parsed: give it again, and leave it as it is while Logscope reads it.");
    return true;
  });
});
