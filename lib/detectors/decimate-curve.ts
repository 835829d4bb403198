/**
 * Indices (ascending) of at most `maxPoints` points of the polyline (xs[i], ys[i]) that keep
 * its shape: the first and last point always, then greedily the point farthest from the
 * current simplification (top-down Ramer-Douglas-Peucker driven by a point budget instead of a
 * tolerance). Unlike keeping every k-th point, this keeps the corners of a curve (where an ROC
 * curve turns) and drops long straight runs first; points on a straight line are never kept.
 *
 * Cost: every split rescans only the segment it splits, so O(n log maxPoints) on typical
 * curves, O(n * maxPoints) at worst, plus O(maxPoints^2) to pick segments.
 */
export function decimateCurve(xs: ArrayLike<number>, ys: ArrayLike<number>, maxPoints: number): Int32Array {
  if (!Number.isInteger(maxPoints) || maxPoints < 2) throw new RangeError("maxPoints must be an integer >= 2");
  const n = xs.length;
  if (ys.length !== n) throw new RangeError("decimateCurve: xs and ys differ in length");
  if (n <= maxPoints) return Int32Array.from({ length: n }, (_, i) => i);
  const kept: number[] = [0, n - 1];
  const segments: Segment[] = [farthestInSegment(xs, ys, 0, n - 1)];
  while (kept.length < maxPoints) {
    let pick = -1;
    let bestDistance = 0;
    segments.forEach((segment, k) => {
      if (segment.distance > bestDistance) {
        bestDistance = segment.distance;
        pick = k;
      }
    });
    if (pick < 0) break; // everything left lies on the kept polyline
    const { start, end, farthest } = segments[pick] as Segment;
    kept.push(farthest);
    segments.splice(pick, 1, farthestInSegment(xs, ys, start, farthest), farthestInSegment(xs, ys, farthest, end));
  }
  return Int32Array.from(kept).sort();
}

interface Segment {
  start: number;
  end: number;
  /** Index strictly between start and end farthest from the chord, -1 if none. */
  farthest: number;
  /** Its squared distance to the chord (0 when nothing lies off it). */
  distance: number;
}

function farthestInSegment(xs: ArrayLike<number>, ys: ArrayLike<number>, start: number, end: number): Segment {
  const ax = xs[start] as number;
  const ay = ys[start] as number;
  const dx = (xs[end] as number) - ax;
  const dy = (ys[end] as number) - ay;
  const length2 = dx * dx + dy * dy;
  let farthest = -1;
  let distance = 0;
  for (let i = start + 1; i < end; i++) {
    const px = (xs[i] as number) - ax;
    const py = (ys[i] as number) - ay;
    // Distance to the segment (not the infinite line), so back-and-forth runs still count.
    const t = length2 > 0 ? Math.min(1, Math.max(0, (px * dx + py * dy) / length2)) : 0;
    const ex = px - t * dx;
    const ey = py - t * dy;
    const d = ex * ex + ey * ey;
    if (d > distance) {
      distance = d;
      farthest = i;
    }
  }
  return { start, end, farthest, distance };
}
