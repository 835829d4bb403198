import "server-only";
import { findKnee, kDistanceCurve } from "@/lib/detectors/k-distance";
import { getCachedRunScores, getFinishedRun, runCacheKey, storedSettings } from "./relabel-run";
import { LruCache } from "@/lib/server/lru-cache";

export interface KDistancePoint {
  /** Rank on the sorted curve (0 = the densest window). */
  index: number;
  distance: number;
}

export interface KDistanceCurve {
  runId: number;
  minSamples: number;
  /** The run's eps, to draw against the curve. */
  eps: number;
  windows: number;
  /** Where an automatic eps would be read off (the curve's knee). */
  knee: KDistancePoint;
  /** At most MAX_POINTS points, evenly spaced in rank, first and last included. */
  points: KDistancePoint[];
}

export const MAX_POINTS = 500;

const curves = new LruCache<string, Omit<KDistanceCurve, "eps">>(8);

/** Evenly spaced ranks of a curve of n points: all of them when n <= max. */
export function decimate(curve: ArrayLike<number>, max = MAX_POINTS): KDistancePoint[] {
  const n = curve.length;
  const count = Math.min(n, max);
  const points: KDistancePoint[] = [];
  for (let j = 0; j < count; j++) {
    const index = count === 1 ? 0 : Math.round((j * (n - 1)) / (count - 1));
    points.push({ index, distance: curve[index] as number });
  }
  return points;
}

/**
 * The sorted k-distance curve of a finished run's scaled windows (k = min samples, the run's by
 * default), to help choose DBSCAN's eps: the knee is where sparse windows begin.
 */
export async function runKDistanceCurve(runId: number, minSamples?: number): Promise<KDistanceCurve> {
  const run = await getFinishedRun(runId);
  const settings = storedSettings(run);
  const k = minSamples ?? settings.minSamples;
  const key = `${runCacheKey(run)}|${k}`;
  let cached = curves.get(key);
  if (!cached) {
    const scores = await getCachedRunScores(run);
    const curve = kDistanceCurve(scores.scaled, k);
    const kneeIndex = findKnee(curve);
    cached = {
      runId,
      minSamples: k,
      windows: curve.length,
      knee: { index: kneeIndex, distance: curve[kneeIndex] ?? 0 },
      points: decimate(curve),
    };
    curves.set(key, cached);
  }
  return { ...cached, eps: settings.eps };
}
