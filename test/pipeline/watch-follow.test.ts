import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { appendFile, mkdtemp, rename, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { UserInputError } from "@/lib/domain/user-input-error";
import { checkFollowPath, followFile, readUntilAborted } from "@/lib/pipeline/watch-follow";

/** Collects what followFile gives until aborted; `until` waits for the text read so far to hold `text`. */
function follower(path: string, fromStart: boolean) {
  const controller = new AbortController();
  const events: string[] = [];
  let text = "";
  const done = (async () => {
    for await (const chunk of followFile(path, { fromStart, signal: controller.signal, pollMs: 10, onEvent: (e) => events.push(e) })) {
      text += Buffer.from(chunk).toString("utf8");
    }
  })();
  const until = async (predicate: () => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out; read so far: ${JSON.stringify(text)}, events ${events.join(",")}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  return { controller, events, done, until, text: () => text };
}

describe("followFile", () => {
  let dir = "";
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "logscope-follow-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test("from the end it gives only what is written after it starts, in order", async () => {
    const path = join(dir, "end.log");
    await writeFile(path, "old 1\nold 2\n");
    const f = follower(path, false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await appendFile(path, "new 1\n");
    await f.until(() => f.text() === "new 1\n");
    await appendFile(path, "new 2\n");
    await f.until(() => f.text() === "new 1\nnew 2\n");
    f.controller.abort();
    await f.done;
    assert.equal(f.text(), "new 1\nnew 2\n");
  });

  test("across a rotation and a truncation it reads every byte once: the old file to its end, the new one and the truncated one from 0", async () => {
    const path = join(dir, "live.log");
    await writeFile(path, "a1\n");
    const f = follower(path, true);
    await f.until(() => f.text() === "a1\n");
    await appendFile(path, "a2\n");
    // Rotated while unread bytes remain in the old file: they are still read, before the new file.
    await rename(path, `${path}.1`);
    await appendFile(`${path}.1`, "a3\n");
    await writeFile(path, "b1\nb2\n");
    await f.until(() => f.text() === "a1\na2\na3\nb1\nb2\n");
    assert.deepEqual(f.events, ["rotated"]);
    await truncate(path, 0);
    await f.until(() => f.events.length === 2);
    await appendFile(path, "c1\n");
    await f.until(() => f.text().endsWith("c1\n"));
    f.controller.abort();
    await f.done;
    assert.equal(f.text(), "a1\na2\na3\nb1\nb2\nc1\n");
    assert.deepEqual(f.events, ["rotated", "truncated"]);
  });

  test("a path that cannot be followed is refused in one sentence", async () => {
    await assert.rejects(checkFollowPath(join(dir, "missing.log")), (error: unknown) => {
      assert.ok(error instanceof UserInputError);
      assert.match(error.message, /^No file at .*missing\.log: check the path and try again\.$/);
      return true;
    });
    await assert.rejects(checkFollowPath(dir), /is a directory: give the path of a log file inside it\./);
  });
});

describe("readUntilAborted", () => {
  test("gives a stream's chunks to its end, and stops at once when aborted while the stream is silent", async () => {
    const whole: string[] = [];
    for await (const chunk of readUntilAborted(Readable.from([Buffer.from("x\n"), Buffer.from("y\n")]), new AbortController().signal)) {
      whole.push(Buffer.from(chunk).toString());
    }
    assert.deepEqual(whole, ["x\n", "y\n"]);

    const controller = new AbortController();
    const silent = new Readable({ read() {} });
    silent.push("first\n");
    const seen: string[] = [];
    setTimeout(() => controller.abort(), 30);
    for await (const chunk of readUntilAborted(silent, controller.signal)) seen.push(Buffer.from(chunk).toString());
    assert.deepEqual(seen, ["first\n"]);
    silent.destroy();
  });
});
