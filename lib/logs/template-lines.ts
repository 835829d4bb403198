/**
 * A window's lines per template (extended features) in one Int32Array: its n template ids,
 * ascending, then the n line counts in the same order, so that `t[k]` has `t[n + k]` lines. One
 * array rather than an object of two: the object and the second array view were 136 bytes a window,
 * 13 MiB of the main heap at 10M lines (101,882 windows) while the detectors trained, and the
 * default profile's peak there went from 324-335 to 297-307 MiB (heap snapshot and bench rows,
 * 2026-12-07).
 */
export type TemplateLines = Int32Array;

/** How many templates `t` lists. */
export function templateCount(t: TemplateLines): number {
  return t.length >>> 1;
}

/** The template ids of `t`, ascending (a view, not a copy). */
export function templateIdsOf(t: TemplateLines): Int32Array {
  return t.subarray(0, t.length >>> 1);
}

/** The line counts of `t`, in the order of its ids (a view, not a copy). */
export function templateLineCountsOf(t: TemplateLines): Int32Array {
  return t.subarray(t.length >>> 1);
}

/** TemplateLines of ids (ascending, distinct) and their line counts. */
export function templateLines(ids: ArrayLike<number>, counts: ArrayLike<number>): TemplateLines {
  if (ids.length !== counts.length) throw new RangeError(`templateLines: ${ids.length} ids but ${counts.length} counts`);
  const t = new Int32Array(2 * ids.length);
  for (let k = 0; k < ids.length; k++) {
    t[k] = ids[k]!;
    t[ids.length + k] = counts[k]!;
  }
  return t;
}
