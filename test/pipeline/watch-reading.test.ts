import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { needsSettling, readHead, settleOnFile, settleOnHead } from "@/lib/pipeline/watch-reading";

const LOG = resolve("logs/Linux_2k.log");

/** An iterator over `chunks`, each given after `delays[i]` milliseconds. */
function slowIterator(chunks: string[], delays: number[]): AsyncIterator<Uint8Array> {
  let i = 0;
  return {
    next: async () => {
      if (i >= chunks.length) return { done: true, value: undefined };
      await new Promise((done) => setTimeout(done, delays[i] ?? 0));
      return { done: false, value: Buffer.from(chunks[i++]!) };
    },
  };
}

describe("the reading of a watched stream", () => {
  test("the head is the detection sample's thousand lines, the stream's end, or what came before a pause", async () => {
    const lines = (n: number) => "Jun 14 15:16:01 host sshd[1]: m\n".repeat(n);
    const full = await readHead(slowIterator([lines(600), lines(600), lines(10)], [0, 0, 0]));
    assert.deepEqual([full.chunks.length, full.ended, full.pending], [2, false, undefined]);
    const short = await readHead(slowIterator([lines(3)], [0]));
    assert.deepEqual([short.chunks.length, short.ended], [1, true]);
    const paused = await readHead(slowIterator([lines(3), lines(2)], [0, 200]), 50);
    assert.deepEqual([paused.chunks.length, paused.ended], [1, false]);
    const next = await paused.pending;
    assert.equal(Buffer.from(next!.value as Uint8Array).toString(), lines(2));
  });

  test("a stream's head settles the year and format as predict settles them on the file", async () => {
    const bytes = await readFile(LOG);
    const onFile = await settleOnFile(LOG, (await stat(LOG)).size, undefined, { format: "auto" });
    const onHead = await settleOnHead([bytes.subarray(0, 100_000)], undefined, { format: "auto" });
    assert.deepEqual(onHead, onFile);
    assert.equal(onHead.formatOptions?.format, "syslog");
    assert.equal(onHead.yearInferred, true);
    assert.equal(needsSettling(2005, { format: "syslog" }), false);
    assert.equal(needsSettling(undefined, { format: "syslog" }), true);
    assert.equal(needsSettling(2005, { format: "auto" }), true);
  });
});
