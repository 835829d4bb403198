import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, test } from "node:test";
import { LineBatcher } from "@/lib/live/line-batcher";

/** A store that holds each append until `release` is called. */
function slowStore() {
  const batches: string[] = [];
  const waiting: (() => void)[] = [];
  return {
    batches,
    send: (lines: Buffer) =>
      new Promise<void>((done) => {
        batches.push(lines.toString());
        waiting.push(done);
      }),
    release: () => waiting.splice(0).forEach((done) => done()),
  };
}

describe("LineBatcher", () => {
  test("lines go out in batches of maxLines, each line with its line break, one append at a time", async () => {
    const store = slowStore();
    const batcher = new LineBatcher({ send: store.send, maxLines: 3, maxDelayMs: 1000 });
    for (const l of ["a", "b", "c", "d", "e", "f", "g"]) batcher.add(Buffer.from(l));
    assert.deepEqual(store.batches, ["a\nb\nc\n"], "the second batch waits for the first append");
    store.release();
    await sleep(0);
    assert.deepEqual(store.batches, ["a\nb\nc\n", "d\ne\nf\n"]);
    const flushed = batcher.flush();
    for (let i = 0; i < 5; i++) {
      store.release();
      await sleep(0);
    }
    await flushed;
    assert.deepEqual(store.batches.slice(2), ["g\n"]);
    batcher.dispose();
  });

  test("a partial batch goes out after maxDelayMs", async () => {
    const sent: string[] = [];
    const batcher = new LineBatcher({ send: async (lines) => void sent.push(lines.toString()), maxLines: 100, maxDelayMs: 20 });
    batcher.add(Buffer.from("only"));
    assert.deepEqual(sent, []);
    await sleep(60);
    assert.deepEqual(sent, ["only\n"]);
  });

  test("full says a whole batch waits behind the append under way, and onDrain says when it was taken", async () => {
    const store = slowStore();
    let drained = 0;
    const batcher = new LineBatcher({ send: store.send, maxLines: 2, maxDelayMs: 1000, onDrain: () => drained++ });
    batcher.add(Buffer.from("1"));
    batcher.add(Buffer.from("2"));
    assert.equal(batcher.full, false, "the first batch is being appended");
    batcher.add(Buffer.from("3"));
    batcher.add(Buffer.from("4"));
    assert.equal(batcher.full, true);
    store.release();
    await sleep(0);
    assert.equal(batcher.full, false);
    assert.ok(drained >= 1);
    store.release();
    await batcher.flush();
    batcher.dispose();
  });

  test("past maxWaitingLines lines are dropped and counted, and a batch whose send rejects counts as dropped", async () => {
    const store = slowStore();
    let dropped = 0;
    const batcher = new LineBatcher({ send: store.send, maxLines: 2, maxWaitingLines: 3, onDrop: (n) => (dropped += n) });
    for (let i = 0; i < 6; i++) batcher.add(Buffer.from(String(i)));
    // 0 and 1 are being appended, 2 to 4 wait, 5 finds the waiting room full.
    assert.equal(dropped, 1);
    batcher.dispose();
    const failing = new LineBatcher({ send: () => Promise.reject(new Error("store down")), maxLines: 2, onDrop: (n) => (dropped += n) });
    failing.add(Buffer.from("x"));
    await failing.flush();
    assert.equal(dropped, 2);
  });
});
