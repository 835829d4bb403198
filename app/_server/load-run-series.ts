import { listWindows } from "@/lib/db/list-windows";
import type { LabelSettings, RunWithLogFile } from "@/lib/db/types";
import { FEATURE_COUNT, type RunSeries } from "@/lib/ui/run-series";

/**
 * All windows of a finished run as columns, for the Run and Window pages. Read through
 * lib/db's listWindows in time order, 1000 rows a page; a 50k-window run takes a couple of seconds
 * that way, so the result is kept per run (windows never change after a run succeeds; only a
 * relabelling changes the stored DBSCAN labels, and that is part of the key).
 */

const PAGE = 1000;
const MAX_CACHED = 6;

interface Entry {
  key: string;
  series: Promise<RunSeries>;
}

const globalCache = globalThis as typeof globalThis & { logscopeSeriesCache?: Map<number, Entry> };
const cache = (globalCache.logscopeSeriesCache ??= new Map<number, Entry>());

/** The settings the run's stored labels were made with: the last relabelling, else training. */
export function baseSettings(run: RunWithLogFile): LabelSettings {
  if (run.labelSettings) return run.labelSettings;
  const p = run.params;
  return { contamination: p.contamination, aePercentile: p.aePercentile, eps: p.eps ?? 0.5, minSamples: p.minSamples, votes: p.votes };
}

async function readSeries(run: RunWithLogFile): Promise<RunSeries> {
  const n = run.windowCount ?? 0;
  const starts = new Float64Array(n);
  const features = new Float32Array(n * FEATURE_COUNT);
  const isolationForest = new Float64Array(n);
  const autoencoder = new Float64Array(n);
  const dbscan = new Uint8Array(n);
  let count = 0;
  for (let page = 1; ; page++) {
    const result = await listWindows({ runId: run.id, sort: "time", direction: "asc", page, pageSize: PAGE });
    for (const w of result.windows) {
      if (w.index >= n) continue;
      starts[w.index] = w.start;
      for (let f = 0; f < FEATURE_COUNT; f++) features[w.index * FEATURE_COUNT + f] = w.features[f] ?? NaN;
      isolationForest[w.index] = w.ifScore;
      autoencoder[w.index] = w.aeError;
      dbscan[w.index] = w.labels.dbscan ? 1 : 0;
      count++;
    }
    if (page >= result.pageCount) break;
  }
  if (count !== n) throw new Error(`run ${run.id}: expected ${n} windows, read ${count}`);
  const base = baseSettings(run);
  return {
    count: n,
    window: run.params.window,
    starts,
    features,
    isolationForest,
    autoencoder,
    dbscan,
    dbscanSettings: { eps: base.eps, minSamples: base.minSamples },
  };
}

export function loadRunSeries(run: RunWithLogFile): Promise<RunSeries> {
  const key = `${run.windowCount}|${run.finishedAt?.getTime() ?? 0}|${JSON.stringify(run.labelSettings)}`;
  const hit = cache.get(run.id);
  if (hit && hit.key === key) {
    // Most recently used last, so eviction drops the oldest.
    cache.delete(run.id);
    cache.set(run.id, hit);
    return hit.series;
  }
  const series = readSeries(run);
  cache.set(run.id, { key, series });
  series.catch(() => cache.delete(run.id));
  while (cache.size > MAX_CACHED) {
    const oldest = cache.keys().next().value;
    if (oldest === undefined) break;
    cache.delete(oldest);
  }
  return series;
}
