import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { ARENA_BLOCK_BITS, ARENA_OFFSET_MASK, ByteInterner } from "../../lib/logs/byte-interner";
import { hashBytes } from "../../lib/logs/byte-hash";
import { EpochPool } from "../../lib/logs/epoch-pool";
import { headOf, tailOf } from "../../lib/logs/message-scan";
import { TokenCounter } from "../../lib/logs/token-counter";
import { WindowCounts } from "../../lib/logs/window-counts";

const encode = (text: string) => new TextEncoder().encode(text);

function keyText(interner: ByteInterner, id: number): string {
  const position = interner.keyPosition(id);
  const block = interner.blocks[position >>> ARENA_BLOCK_BITS];
  const at = position & ARENA_OFFSET_MASK;
  return new TextDecoder().decode(block?.subarray(at, at + interner.keyLength(id)));
}

/** A pool that remembers what it handed out and what it was given back. */
class WatchedPool extends EpochPool {
  readonly given = new Set<unknown>();
  handed: unknown[] = [];
  override int32Array(length: number, fill?: number): Int32Array<ArrayBuffer> {
    const array = super.int32Array(length, fill);
    this.handed.push(array);
    return array;
  }
  override uint8Array(length: number): Uint8Array<ArrayBuffer> {
    const array = super.uint8Array(length);
    this.handed.push(array);
    return array;
  }
  override give(...arrays: (Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>)[]): void {
    for (const array of arrays) this.given.add(array);
    super.give(...arrays);
  }
}

describe("ByteInterner", () => {
  it("gives its tables and blocks to its pool when released, and the next interner of the pool grows on them alone", () => {
    const pool = new WatchedPool();
    const keys = Array.from({ length: 5000 }, (_, i) => `message ${i} of an epoch`);
    const line = encode(keys.join(" "));
    const fill = (interner: ByteInterner) => {
      let at = 0;
      for (const key of keys) {
        const end = at + key.length;
        interner.intern(line, at, end, hashBytes(line, at, end));
        at = end + 1;
      }
    };
    const first = new ByteInterner(pool);
    fill(first);
    assert.ok(pool.handed.length > 10, "the first epoch grew its tables and blocks several times");
    first.release();
    pool.handed = [];
    const second = new ByteInterner(pool);
    fill(second);
    assert.ok(pool.handed.length > 10);
    assert.deepEqual(pool.handed.filter((array) => !pool.given.has(array)), []);
    assert.equal(keyText(second, 4999), "message 4999 of an epoch");
  });

  it("gives dense ids, the same id for equal bytes anywhere, and keeps keys intact across many blocks", () => {
    const interner = new ByteInterner();
    const keys = Array.from({ length: 20000 }, (_, i) => `key-${i}-${"x".repeat(i % 300)}`);
    const line = encode(`  ${keys.join(" ")}  `);
    let at = 2;
    keys.forEach((key, i) => {
      const end = at + key.length;
      assert.equal(interner.intern(line, at, end, hashBytes(line, at, end)), i);
      at = end + 1;
    });
    assert.equal(interner.size, keys.length);
    assert.ok(interner.blocks.length > 1);
    for (const i of [0, 1, 777, 19999]) {
      const again = encode(keys[i] ?? "");
      assert.equal(interner.find(again, 0, again.length, hashBytes(again, 0, again.length)), i);
      assert.equal(keyText(interner, i), keys[i]);
    }
    const unseen = encode("key-20000");
    assert.equal(interner.find(unseen, 0, unseen.length, hashBytes(unseen, 0, unseen.length)), -1);
  });

  it("adds a staged key only after a missed find, without copying it again", () => {
    const interner = new ByteInterner();
    const bytes = encode("hello world");
    const at = interner.stage(5);
    interner.stagingBlock.set(bytes.subarray(0, 5), at);
    const hash = hashBytes(bytes, 0, 5);
    assert.equal(interner.find(interner.stagingBlock, at, at + 5, hash), -1);
    assert.equal(interner.addStaged(5, hash), 0);
    assert.equal(keyText(interner, 0), "hello");
    assert.throws(() => interner.addStaged(5, hash));
  });
});

describe("TokenCounter", () => {
  it("counts equal tokens at different positions together and forgets everything on clear", () => {
    const block = encode("ab ab cd ab abcdefghij abcdefghij abcdefghiJ");
    const view = new DataView(block.buffer);
    const counter = new TokenCounter(1);
    const add = (at: number, length: number, times: number) =>
      counter.add([view], at, length, hashBytes(block, at, at + length), headOf(block, view, at, at + length),
        tailOf(view, at, at + length), times);
    for (const [at, times] of [[0, 1], [3, 2], [6, 1], [9, 1]] as const) add(at, 2, times);
    for (const at of [12, 23, 34]) add(at, 10, 1);
    assert.deepEqual(counter.countsList().sort(), [1, 1, 2, 4]);
    counter.clear();
    assert.equal(counter.size, 0);
    assert.deepEqual(counter.countsList(), []);
  });

  it("tells long tokens apart by any byte between their first and last four", () => {
    for (let length = 9; length <= 24; length++) {
      const base = "abcdefghijklmnopqrstuvwxyz".slice(0, length);
      // base twice, then one token per middle byte that differs from base only there.
      const variants = [base, base];
      for (let k = 4; k < length - 4; k++) variants.push(`${base.slice(0, k)}#${base.slice(k + 1)}`);
      const block = encode(variants.join(" "));
      const view = new DataView(block.buffer);
      const counter = new TokenCounter(1);
      let at = 0;
      for (const _ of variants) {
        counter.add([view], at, length, hashBytes(block, 0, length), headOf(block, view, at, at + length), tailOf(view, at, at + length), 1);
        at += length + 1;
      }
      // The same hash for all: only the byte compare can tell them apart.
      assert.deepEqual(counter.countsList().sort(), [...Array<number>(length - 8).fill(1), 2].sort(), `length ${length}`);
    }
  });

  it("sums count times log2(count) in ascending order of count, to the bit, window after window", () => {
    // Token k is the 4 bytes of k: distinct, and whole in its head and tail.
    const tokens = new Uint8Array(4 * 400);
    const view = new DataView(tokens.buffer);
    for (let k = 0; k < 400; k++) view.setInt32(4 * k, k, true);
    const counter = new TokenCounter(1);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 5000 })), { maxLength: 400 }), (counts) => {
        counts.forEach((count, k) => counter.add([view], 4 * k, 4, k, k, k, count));
        let expected = 0;
        for (const count of counts.filter((c) => c > 1).sort((a, b) => a - b)) expected += count * Math.log2(count);
        const sum = counter.sumCountLogCount();
        counter.clear();
        return Object.is(sum, expected);
      }),
      { numRuns: 300, seed: 14 },
    );
  });
});

describe("WindowCounts", () => {
  it("keeps message, host and process counts apart while growing", () => {
    const counts = new WindowCounts();
    for (let i = 0; i < 1000; i++) counts.addRecord(i % 3, i % 5, i % 400);
    assert.equal(counts.hosts, 3);
    assert.equal(counts.processes, 5);
    assert.equal(counts.messages, 400);
    const ids = new Int32Array(400);
    const times = new Int32Array(400);
    assert.equal(counts.listMessages(ids, times), 400);
    const total = times.reduce((sum, t) => sum + t, 0);
    assert.equal(total, 1000);
  });
});
