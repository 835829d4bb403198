import "server-only";
import { findKnee } from "@/lib/detectors/k-distance";
import { MAX_K_DISTANCE_MIN_SAMPLES } from "@/lib/detectors/k-distance-limit";
import { invalidInput } from "@/lib/server/http/request-input";
import { LruCache } from "@/lib/server/lru-cache";
import { compute } from "./compute-thread";
import { getCachedRunScores, getFinishedRun, runCacheKey, storedSettings } from "./relabel-run";

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

// A curve is at most MAX_POINTS points (about 20 KB) but up to seconds of a compute thread: keep
// the last 32 (run and k), enough for a min-samples slider swept over a few runs.
const globalForCache = globalThis as typeof globalThis & { logscopeKDistanceCache?: LruCache<string, Omit<KDistanceCurve, "eps">> };
const curves = (globalForCache.logscopeKDistanceCache ??= new LruCache<string, Omit<KDistanceCurve, "eps">>(32));

/** Refuses a k above MAX_K_DISTANCE_MIN_SAMPLES: 400 under minSamples, `given` by the request or the run's own. */
export function checkKDistanceMinSamples(k: number, given: boolean): void {
  if (k <= MAX_K_DISTANCE_MIN_SAMPLES) return;
  throw invalidInput({
    minSamples: given
      ? `min samples must be at most ${MAX_K_DISTANCE_MIN_SAMPLES} for the k-distance curve`
      : `min samples must be given for this run's k-distance curve, at most ${MAX_K_DISTANCE_MIN_SAMPLES}: its own (${k}) is above that`,
  });
}

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
 * default, at most MAX_K_DISTANCE_MIN_SAMPLES), to help choose DBSCAN's eps: the knee is where
 * sparse windows begin. Computed on a compute thread (compute-thread.ts); `signal` (the request's)
 * gives it up when nobody waits for it any more.
 */
export async function runKDistanceCurve(runId: number, minSamples?: number, signal?: AbortSignal): Promise<KDistanceCurve> {
  if (minSamples !== undefined) checkKDistanceMinSamples(minSamples, true);
  const run = await getFinishedRun(runId);
  const settings = storedSettings(run);
  const k = minSamples ?? settings.minSamples;
  if (minSamples === undefined) checkKDistanceMinSamples(k, false);
  const key = `${runCacheKey(run)}|${k}`;
  let cached = curves.get(key);
  if (!cached) {
    const scores = await getCachedRunScores(run);
    const { curve } = await compute("k-distance", key, { x: scores.scaled, k }, signal);
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
