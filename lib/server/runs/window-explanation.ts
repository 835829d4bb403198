import "server-only";
import type { LabelSettings } from "@/lib/domain/types";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { getRunFeatures } from "@/lib/db/get-run-features";
import { getRunTemplates } from "@/lib/db/run-templates";
import type { RunWithLogFile, WindowRecord } from "@/lib/db/types";
import { IsolationForest, type IsolationForestJSON } from "@/lib/detectors/isolation-forest";
import { parseLine } from "@/lib/logs/parse-line";
import { TemplateMiner, type TemplateMinerJson } from "@/lib/logs/templates";
import { explainWindow, type ExplainWindowInput, type WindowExplanation } from "@/lib/pipeline/explain-window";
import { readWindowLines } from "@/lib/pipeline/read-window-lines";
import { robustScale } from "@/lib/detectors/robust-scale";
import { LruCache } from "@/lib/server/lru-cache";
import { localCopy } from "@/lib/storage/local-copy";
import { localModelDir } from "@/lib/storage/model-dirs";
import { getFinishedRun, runCacheKey, storedSettings } from "./relabel-run";
import { fetchWindow, labelsFor } from "./run-windows";
import { loadRunSeries } from "./load-run-series";
import { notFound } from "@/lib/server/http/service-error";

/** GET /api/runs/:id/windows/:index/explanation: the explanation and the thresholds it was judged by. */
export interface WindowExplanationView extends WindowExplanation {
  runId: number;
  thresholds: LabelSettings;
  /** True when the thresholds are the run's stored ones. */
  trained: boolean;
}

interface FeatureStats {
  medians: number[];
  scales: number[];
}

// Per server process, like relabel-run's caches: a run's windows never change once it succeeded,
// and the saved forest and miner never change at all.
const globalForCache = globalThis as typeof globalThis & {
  logscopeExplainCache?: {
    stats: LruCache<string, Promise<FeatureStats>>;
    forests: LruCache<string, Promise<IsolationForest | null>>;
    miners: LruCache<string, Promise<TemplateMiner | null>>;
  };
};
const caches = (globalForCache.logscopeExplainCache ??= {
  stats: new LruCache(8),
  forests: new LruCache(4),
  miners: new LruCache(4),
});

function cached<T>(cache: LruCache<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    value = load();
    cache.set(key, value);
    value.catch(() => cache.deleteWhere((k) => k === key));
  }
  return value;
}

/** Median and robust spread of every feature over the run's windows (lib/detectors/robust-scale.ts, as the Window page). */
function featureStats(run: RunWithLogFile): Promise<FeatureStats> {
  return cached(caches.stats, runCacheKey(run), async () => {
    const matrix = await getRunFeatures(run.id);
    if (!matrix) throw notFound(`There is no run ${run.id}.`);
    const medians: number[] = [];
    const scales: number[] = [];
    const column = new Float64Array(matrix.rows);
    for (let c = 0; c < matrix.cols; c++) {
      for (let i = 0; i < matrix.rows; i++) column[i] = matrix.data[i * matrix.cols + c] as number;
      const scale = robustScale(column);
      medians.push(scale.median);
      scales.push(scale.scale);
    }
    return { medians, scales };
  });
}

async function readModelJson<T>(modelDir: string, file: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(join(await localModelDir(modelDir), file), "utf8")) as T;
  } catch {
    // A run trained before the file existed, or a model directory removed by hand: explain without it.
    return null;
  }
}

function savedForest(modelDir: string | null): Promise<IsolationForest | null> {
  if (!modelDir) return Promise.resolve(null);
  return cached(caches.forests, modelDir, async () => {
    const json = await readModelJson<IsolationForestJSON>(modelDir, "isolation-forest.json");
    return json ? IsolationForest.load(json) : null;
  });
}

function savedMiner(modelDir: string | null): Promise<TemplateMiner | null> {
  if (!modelDir) return Promise.resolve(null);
  return cached(caches.miners, modelDir, async () => {
    const json = await readModelJson<TemplateMinerJson>(modelDir, "templates.json");
    return json ? TemplateMiner.load(json) : null;
  });
}

/** The forest's attribution of the window's scaled row; null without a usable saved forest. */
async function attributionOf(run: RunWithLogFile, w: WindowRecord): Promise<Float64Array | null> {
  const forest = await savedForest(run.modelDir).catch(() => null);
  if (!forest) return null;
  try {
    return forest.attribute(w.scaled);
  } catch {
    return null;
  }
}

/**
 * The window's templates with their run statistics, each with an example line from this window
 * (its raw lines matched with the saved miner) or else the catalogue's example.
 */
async function templatesOf(run: RunWithLogFile, w: WindowRecord): Promise<ExplainWindowInput["templates"]> {
  const counts = w.templateCounts;
  if (!counts || counts.length === 0) return [];
  const stored = await getRunTemplates(run.id, counts.map(([id]) => id));
  const byId = new Map(stored.map((t) => [t.id, t]));
  const examples = new Map<number, string>();
  const miner = await savedMiner(run.modelDir).catch(() => null);
  if (miner) {
    const wanted = new Set(counts.map(([id]) => id));
    const { lines } = await localCopy(run.logFile.storedPath)
      .then((path) => readWindowLines(path, w.lineRanges))
      .catch(() => ({ lines: [] }));
    for (const line of lines) {
      if (line.unparsed || examples.size === wanted.size) continue;
      const message = parseLine(line.text)?.message;
      const matched = message === undefined ? null : miner.match(message);
      // Windows hold final ids (merged word variants under the template they joined); match gives live ids, resolve says so.
      const id = matched === null ? null : miner.resolve(matched);
      if (id !== null && wanted.has(id) && !examples.has(id)) examples.set(id, line.text);
    }
  }
  return counts.flatMap(([id, count]) => {
    const t = byId.get(id);
    if (!t) return [];
    return [{ id, template: t.template, count, median: t.median, mean: t.mean, std: t.std, example: examples.get(id) ?? t.example }];
  });
}

/**
 * Why one window of a finished run was (or was not) flagged: robust z-scores against the run,
 * the saved forest's attribution, the autoencoder's per-feature errors, DBSCAN's distance and the
 * window's unusual templates, judged by the run's current thresholds or those in the request.
 */
export async function explainRunWindow(runId: number, index: number, thresholds?: Partial<LabelSettings>): Promise<WindowExplanationView> {
  const run = await getFinishedRun(runId);
  const w = await fetchWindow(runId, index);
  if (!w) throw notFound(`Run ${runId} has no window ${index}.`);
  const relabelled = await labelsFor(runId, thresholds);
  const settings = relabelled?.settings ?? storedSettings(run);
  const [stats, ifAttribution, templates, series] = await Promise.all([featureStats(run), attributionOf(run, w), templatesOf(run, w), loadRunSeries(run)]);
  let distance = w.dbscanDistance;
  let cluster = w.dbscanCluster;
  if (relabelled) {
    distance = relabelled.relabelling.dbscanDistance[index] ?? distance;
    cluster = relabelled.dbscanClusters ? (relabelled.dbscanClusters[index] ?? null) : cluster;
  }
  const explanation = explainWindow({
    index,
    start: w.start,
    end: w.end,
    featureNames: w.featureNames,
    values: w.features,
    medians: stats.medians,
    scales: stats.scales,
    ifScore: w.ifScore,
    ifThreshold: relabelled?.relabelling.thresholds.isolationForest ?? run.ifThreshold ?? Number.POSITIVE_INFINITY,
    ifAttribution,
    aeError: w.aeError,
    aeThreshold: relabelled?.relabelling.thresholds.autoencoder ?? run.aeThreshold ?? Number.POSITIVE_INFINITY,
    aeFeatureErrors: w.aeFeatureErrors,
    dbscanDistance: Number.isFinite(distance) ? distance : null,
    eps: settings.eps,
    dbscanCluster: cluster,
    // The score and cut the window page's verdict card shows (load-window-context.ts).
    combined: series.score ? { score: series.score.combined[index] ?? Number.NaN, cut: series.score.cut } : null,
    templates,
  });
  return { runId, thresholds: settings, trained: relabelled === null, ...explanation };
}

/** Drops what is cached of a run (it was deleted): its statistics, and its saved forest and miner. */
export function forgetExplanationCaches(runId: number, modelDir: string | null): void {
  caches.stats.deleteWhere((key) => key.split("|")[1] === String(runId));
  if (modelDir) {
    caches.forests.deleteWhere((key) => key === modelDir);
    caches.miners.deleteWhere((key) => key === modelDir);
  }
}
