// How the pipeline keeps V8's heap near what is live. V8 lets a heap grow well past its live
// objects before a full collection (by a factor it picks between 1.1 and 4 from how fast it
// collects) and keeps the pages it grew into for a while after. Measured on the 10M-line bench
// log (2-core machine, 2026-12-07): with the default profile the main heap held 200-265 MiB where
// 105-141 MiB was live, and the run peaked at 566-621 MiB (four runs), in the autoencoder's training.
import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * The heap may grow by this percent of what is live before V8 collects it in full (V8's
 * --heap-growing-percent; it is read at each collection, so setting it at run time takes effect,
 * for every thread of the process), once the parse is over. Measured, default profile, 10M lines,
 * with the collections at the phase boundaries below: 20% peaked at 445-446 MiB (two runs), 5% at
 * 436 MiB; V8's own factor at 496-513 MiB, in the same time within this machine's noise (parse
 * 37-40 s either way). `--profile seed` peaked at 271 MiB against 294-303 (two alternated pairs),
 * 14.7-15.7 s against 14.8-14.9 s. V8's --optimize-for-size went to 398 MiB but parsed 25% slower.
 */
export const HEAP_GROWING_PERCENT = 20;

/**
 * The same during the parse. With young generations of 2 MiB (lib/config/pipeline-memory.ts) the
 * parse's short-lived objects reach the old generation sooner, and at 20% it was collected so often
 * that the default profile's parse took about 12% longer. Three alternated pairs at 10M lines
 * (2026-12-07, load about 2): parse 37.6-39.7 s at 50% against 40.3-42.8 s at 20%, peak 299-305 MiB
 * against 293-300 (the peak is in training, where 20% applies either way). One pair at 35% gave
 * 38.6-39.2 s, and V8's own factor in the parse 36.0-36.4 s but a peak of 380-399 MiB.
 */
export const PARSE_HEAP_GROWING_PERCENT = 50;

/**
 * Sets the heap's growth for the phase a pipeline enters: the parse (PARSE_HEAP_GROWING_PERCENT)
 * or what follows it (HEAP_GROWING_PERCENT). Process-wide: the pipeline runs in processes of its
 * own (CLI, job workers).
 */
export function setHeapGrowth(phase: "parse" | "after-parse"): void {
  setFlagsFromString(`--heap-growing-percent=${phase === "parse" ? PARSE_HEAP_GROWING_PERCENT : HEAP_GROWING_PERCENT}`);
}

/**
 * At most this many full collections at a phase boundary. One collection frees the dead objects,
 * but V8 gives the pages they held back over the following ones: measured at the start of the
 * default profile's training on 10M lines, the process held 444, 391 and 361 MiB after one, two and three.
 */
const MAX_COLLECTIONS = 3;

let collector: (() => void) | null | undefined;

/**
 * V8's own collector, reached the way Jest's leak detector reaches it: the flag is set for the
 * moment a fresh context is made, which then has `gc`. Null where that does not work (another
 * engine); the pipeline then runs without the collections.
 */
function findCollector(): (() => void) | null {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === "function") return exposed;
  try {
    setFlagsFromString("--expose-gc");
    const gc: unknown = runInNewContext("gc");
    return typeof gc === "function" ? (gc as () => void) : null;
  } catch {
    return null;
  } finally {
    setFlagsFromString("--no-expose-gc");
  }
}

/**
 * Collects this thread's garbage now, where the engine allows it, until the heap stops giving
 * pages back (at most MAX_COLLECTIONS times). Called where a large graph of objects has just died:
 * the parse's scratch state, the training's copies. About 100 MiB live takes tens of ms a time.
 */
export function collectGarbage(): void {
  if (collector === undefined) collector = findCollector();
  if (collector === null) return;
  let committed = getHeapStatistics().total_heap_size;
  for (let i = 0; i < MAX_COLLECTIONS; i++) {
    collector();
    const now = getHeapStatistics().total_heap_size;
    if (now >= committed) return;
    committed = now;
  }
}
