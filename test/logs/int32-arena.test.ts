import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Int32Arena } from "../../lib/logs/int32-arena";

describe("Int32Arena", () => {
  it("hands out zeroed arrays of the asked length that never overlap, across many chunks", () => {
    const arena = new Int32Arena();
    const lists: Int32Array[] = [];
    // 20,000 lists of 1..64 ints: about 650k ints, so well past the first chunks.
    for (let i = 0; i < 20_000; i++) {
      const list = arena.take(1 + (i % 64));
      assert.equal(list.length, 1 + (i % 64));
      assert.ok(list.every((v) => v === 0), `list ${i} starts zeroed`);
      list.fill(i);
      lists.push(list);
    }
    lists.forEach((list, i) => assert.ok(list.every((v) => v === i), `list ${i} kept its values`));
  });

  it("shares one buffer between short lists and gives a long list a buffer of its own", () => {
    const arena = new Int32Arena();
    const a = arena.take(34);
    const b = arena.take(34);
    assert.equal(a.buffer, b.buffer);
    assert.equal(b.byteOffset, a.byteOffset + 34 * 4);
    const long = arena.take(100_000);
    assert.equal(long.byteLength, long.buffer.byteLength);
  });

  it("copies the first values of a source, and all of them by default", () => {
    const arena = new Int32Arena();
    assert.deepEqual([...arena.copy([5, 6, 7, 8], 2)], [5, 6]);
    assert.deepEqual([...arena.copy(new Int32Array([1, -2, 3]))], [1, -2, 3]);
    assert.equal(arena.copy([]).length, 0);
  });
});
