/**
 * The sorted k-distance curve from `GET /api/runs/:id/k-distance`: `{ minSamples, windows, knee:
 * {index, distance}, points: {index, distance}[] }` with at most ~500 points evenly spaced in rank.
 * A bare array of distances is read too (every rank present).
 */

export interface KDistancePoint {
  x: number;
  y: number;
}

export interface KDistanceCurve {
  minSamples: number | null;
  /** Windows on the full curve (the points may be a sample of it). */
  windows: number;
  points: KDistancePoint[];
  knee: KDistancePoint | null;
}

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === "object" && v !== null && !Array.isArray(v);
const distanceOf = (v: unknown) => (typeof v === "number" ? v : v === null ? Infinity : NaN);

function readPoint(v: unknown): KDistancePoint | null {
  if (!isDict(v) || typeof v.index !== "number") return null;
  const y = distanceOf(v.distance);
  return Number.isNaN(y) ? null : { x: v.index, y };
}

export function readKDistance(json: unknown): KDistanceCurve | null {
  if (Array.isArray(json)) {
    if (!json.every((v) => typeof v === "number" || v === null)) return null;
    return { minSamples: null, windows: json.length, points: json.map((v, i) => ({ x: i, y: distanceOf(v) })), knee: null };
  }
  if (!isDict(json) || !Array.isArray(json.points)) return null;
  const points = json.points.map(readPoint).filter((p): p is KDistancePoint => p !== null).sort((a, b) => a.x - b.x);
  const last = points[points.length - 1];
  return {
    minSamples: typeof json.minSamples === "number" ? json.minSamples : null,
    windows: typeof json.windows === "number" ? json.windows : last ? last.x + 1 : 0,
    points,
    knee: readPoint(json.knee),
  };
}

/**
 * Windows whose k-th neighbour lies beyond eps (they cannot be DBSCAN core points), read off the
 * ascending curve: everything from the first point above eps to the end. With a sampled curve it
 * is exact to within the sample spacing, hence `exact`.
 */
export function countBeyond(curve: KDistanceCurve, eps: number): { count: number; exact: boolean } {
  const first = curve.points.find((p) => p.y > eps);
  const exact = curve.points.length >= curve.windows;
  return { count: first ? curve.windows - first.x : 0, exact };
}
