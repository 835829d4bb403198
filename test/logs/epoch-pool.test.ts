import { test } from "node:test";
import assert from "node:assert/strict";
import { EpochPool, FRESH_ARRAYS, KEEP_PER_LENGTH } from "@/lib/logs/epoch-pool";

test("an array given back is the one taken next for the same length, filled as asked", () => {
  const pool = new EpochPool();
  const table = pool.int32Array(1000);
  assert.equal(table.length, 1024);
  table.fill(7);
  pool.give(table);
  const again = pool.int32Array(1024, -1);
  assert.equal(again, table);
  assert.ok(again.every((v) => v === -1));
  const bytes = pool.uint8Array(5000);
  bytes[3] = 9;
  pool.give(bytes);
  const zeroed = pool.uint8Array(8192);
  assert.equal(zeroed, bytes);
  assert.ok(zeroed.every((v) => v === 0));
});

test("lengths are rounded up to a power of two, 16 at least, and other lengths are not kept", () => {
  const pool = new EpochPool();
  assert.deepEqual([0, 1, 16, 17, 4096, 4097].map((n) => pool.int32Array(n).length), [16, 16, 16, 32, 4096, 8192]);
  const odd = new Int32Array(1000);
  pool.give(odd);
  assert.notEqual(pool.int32Array(1000), odd);
  // Int32 and byte arrays of one length are apart.
  const ints = pool.int32Array(64);
  pool.give(ints);
  assert.notEqual(pool.uint8Array(64), ints);
  assert.equal(pool.int32Array(64), ints);
});

test("a pool keeps at most KEEP_PER_LENGTH arrays of one length", () => {
  const pool = new EpochPool();
  const given = Array.from({ length: KEEP_PER_LENGTH + 3 }, () => new Int32Array(256));
  pool.give(...given);
  const taken = Array.from({ length: KEEP_PER_LENGTH + 3 }, () => pool.int32Array(256));
  assert.equal(taken.filter((a) => given.includes(a)).length, KEEP_PER_LENGTH);
});

test("fresh arrays keep nothing: what is given back is never handed out again", () => {
  const array = FRESH_ARRAYS.int32Array(100, 3);
  assert.equal(array.length, 128);
  assert.ok(array.every((v) => v === 3));
  FRESH_ARRAYS.give(array);
  assert.notEqual(FRESH_ARRAYS.int32Array(128), array);
});

test("an array given back twice is still handed out once", () => {
  const pool = new EpochPool();
  const table = pool.int32Array(512);
  pool.give(table, table);
  assert.equal(pool.int32Array(512), table);
  assert.notEqual(pool.int32Array(512), table);
});
