import "server-only";
import { resolveDatabaseUrl } from "@/lib/db/database-location";
import { getRunWindowColumns } from "@/lib/db/get-run-windows-columns";
import type { RunWithLogFile } from "@/lib/db/types";
import { featureNamesFor } from "@/lib/logs/types";
import type { RunSeries } from "@/lib/ui/run-series";
import { seriesVersion } from "@/lib/ui/series-binary";
import { scoreVerdictOf, storedSettings } from "./relabel-run";

/**
 * All windows of a finished run as columns, for the Run page's series route and the Window and
 * Compare pages, read in one raw pass (about 0.3 s for 50k windows) and kept per run (windows never
 * change after a run succeeds; only a relabelling changes the stored DBSCAN labels, and that is part
 * of the key).
 */

const MAX_CACHED = 6;

interface Entry {
  key: string;
  series: Promise<RunSeries>;
}

const globalCache = globalThis as typeof globalThis & { logscopeSeriesCache?: Map<number, Entry> };
const cache = (globalCache.logscopeSeriesCache ??= new Map<number, Entry>());

async function readSeries(run: RunWithLogFile): Promise<RunSeries> {
  const n = run.windowCount ?? 0;
  const columns = await getRunWindowColumns(run.id);
  if (columns.count !== n) throw new Error(`run ${run.id}: expected ${n} windows, read ${columns.count}`);
  // Rows may be wider than the seed eight features (template features); featureColumn reads the width off the matrix.
  const { starts, features, isolationForest, autoencoder, dbscan } = columns;
  const base = storedSettings(run);
  const score = scoreVerdictOf(run, columns.combined);
  return {
    count: n,
    window: run.params.window,
    starts,
    features,
    isolationForest,
    autoencoder,
    dbscan,
    dbscanSettings: { eps: base.eps, minSamples: base.minSamples },
    score,
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

/**
 * Changes whenever the series route's answer for this run would (a new run under a reused id, a
 * relabelling, another database), so the browser may cache an answer for good under a URL that
 * carries it.
 */
export function seriesVersionOf(run: RunWithLogFile): string {
  return seriesVersion([resolveDatabaseUrl(), run.id, run.windowCount, run.finishedAt?.getTime(), JSON.stringify(storedSettings(run))]);
}

/** The Run page's data: starts, scores, stored DBSCAN labels and the given feature columns. */
export function seriesUrl(run: RunWithLogFile, features: readonly number[]): string {
  const wanted = [...new Set(features)].filter((f) => Number.isInteger(f) && f >= 0 && f < featureNamesFor(run.params.features).length);
  return `/api/runs/${run.id}/series?v=${seriesVersionOf(run)}&features=${wanted.join(",")}`;
}
