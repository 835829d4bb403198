import assert from "node:assert/strict";
import { setImmediate as nextTurn } from "node:timers/promises";
import { test } from "node:test";
import { collectGarbage } from "@/lib/pipeline/pipeline-heap";

/** A weak reference to 8 MiB that nothing else holds. */
function unreachableBlock(): WeakRef<Float64Array> {
  return new WeakRef(new Float64Array(1 << 20));
}

test("collectGarbage frees what nothing holds any more, without the process being started with --expose-gc", async () => {
  assert.equal((globalThis as { gc?: unknown }).gc, undefined, "the test runs without a gc of its own");
  const block = unreachableBlock();
  // A WeakRef's target stays alive until the end of the turn that made it.
  await nextTurn();
  collectGarbage();
  assert.equal(block.deref(), undefined);
  assert.equal((globalThis as { gc?: unknown }).gc, undefined, "and leaves none behind");
});
